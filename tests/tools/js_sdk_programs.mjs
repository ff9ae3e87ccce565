// The page's JavaScript programs, run by the pinned AWS SDK for JavaScript v3, for
// tests/sdk_js.rs.
//
//     node js_sdk_programs.mjs INSTALL_DIR IN.json OUT.json
//
// INSTALL_DIR holds the pinned `@aws-sdk/client-*` packages (tests/js-sdk/package.json, installed
// by scripts/ensure-test-tools). IN is a list of {route, operation, program, expected: {method,
// host, path, query, headers, body}} or {route, package, client, serviceId, commands: [...]}.
//
// A program item's text is written into INSTALL_DIR (so its `import ... from "@aws-sdk/..."`
// resolves to the pinned packages) and imported as it is, all in this one process. One change to
// the SDK: every client's `send` adds a middleware at the innermost place of the stack (the
// `deserialize` step, low priority: after serialization, the endpoint, every build and
// finalize middleware, the checksum and the signer) that captures the HTTP request and throws
// instead of sending it, so nothing goes on the network. An endpoint-discovery call
// (DescribeEndpoints) is answered instead. The capture is compared with the page's request as
// tests/tools/boto3_programs.py compares boto3's (method, path, query, body and every header
// but the signer's and the SDK's own); hosts are reported apart. The command the program sends
// must be the operation's.
//
// A names item checks that the package exports the client class and every operation's command,
// and that the client's service id is the model's.
//
// OUT is a list of {route, status, detail, host}, status one of "match" (byte for byte),
// "spelled" (the same request in the SDK's own spelling: detail names how, see sameBody,
// sameQuery, sameHeader), "mismatch", "dropped" (the SDK left out members of a JSON body: its
// package is older than the model; detail names them), "upload" (the SDK's checksum of an upload,
// which the program's comment names), "token" (the operation signs with a bearer token, which
// the SDK's default chain finds none of here), "presigned" (the SDK adds EC2 CopySnapshot's
// presigned URL, as the AWS CLI does: the page warns), "missing" (the pinned package has no command for the
// operation: older than the model; for a names item, the commands it lacks), "required" (the
// package insists on a member that the model has made optional and the form left out; detail
// names it), "binding" (the package binds the operation to another method and path: another
// API version), "union" (the package does not know the union member set), "ssec" (the SDK
// computes the SSE-C key's MD5 itself, which the program says), "endpoint" (the
// SDK's endpoint rules refused the input), "error" (anything else thrown).

import { readFileSync, writeFileSync, mkdirSync, rmSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Readable } from 'node:stream';
import { isDeepStrictEqual } from 'node:util';

const [installDir, inPath, outPath] = process.argv.slice(2);

Object.assign(process.env, {
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
});
for (const name of ['AWS_PROFILE', 'AWS_DEFAULT_REGION', 'AWS_REGION', 'AWS_ENDPOINT_URL', 'AWS_SESSION_TOKEN']) {
  delete process.env[name];
}

// Headers of the signer's and the SDK's own, not compared (as botocore_batch.py's NOT_COMPARED,
// with the SDK's x-amz-user-agent and the host header its node handler would send anyway).
const NOT_COMPARED = new Set([
  'authorization', 'x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256', 'user-agent',
  'x-amz-user-agent', 'amz-sdk-invocation-id', 'amz-sdk-request', 'host', ':authority',
]);

const programs = join(installDir, 'programs');
rmSync(programs, { recursive: true, force: true });
mkdirSync(programs, { recursive: true });
const require = createRequire(join(installDir, 'package.json'));
const { buildQueryString } = require('@smithy/querystring-builder');
const { HttpResponse } = require('@smithy/protocol-http');

class Captured extends Error {
  constructor(request, context) {
    super('captured');
    this.request = request;
    this.context = context;
  }
}

let operation = null;
const capture = (next, context) => async (args) => {
  if (context.commandName === 'DescribeEndpointsCommand' && operation !== 'DescribeEndpoints') {
    const body = '{"Endpoints": [{"Address": "discovered.example.com", "CachePeriodInMinutes": 1}]}';
    return { response: new HttpResponse({ statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: Readable.from([Buffer.from(body)]) }) };
  }
  throw new Captured(args.request, context);
};

// Every copy of the SDK's Client class in the install (packages of older releases bring their
// own, some under the @aws-sdk scope), as the packages load it: CommonJS, their `main`.
const copies = [];
(function find(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const path = join(dir, entry.name);
    if (entry.name === 'smithy-client' && /[/]@(smithy|aws-sdk)$/.test(dir)) copies.push(path);
    else if (entry.name === 'node_modules' || entry.name.startsWith('@') || dir.endsWith('node_modules') || /[/]@[^/]+$/.test(dir)) find(path);
  }
})(join(installDir, 'node_modules'));
for (const copy of copies) {
  const { Client } = require(copy);
  const send = Client.prototype.send;
  Client.prototype.send = function (...args) {
    if (!this.__captures) {
      this.__captures = true;
      this.middlewareStack.add(capture, { step: 'deserialize', priority: 'low', name: 'testCaptureMiddleware' });
    }
    return send.apply(this, args);
  };
}

async function bodyBytes(body) {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (typeof body[Symbol.asyncIterator] === 'function') {
    const chunks = [];
    for await (const chunk of body) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
    return Buffer.concat(chunks);
  }
  throw new Error(`a body of another kind: ${Object.prototype.toString.call(body)}`);
}

/** Where two byte strings first differ, as botocore_batch.py's first_difference says it. */
function firstDifference(ours, theirs) {
  const a = Buffer.from(ours), b = Buffer.from(theirs);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const show = (buf) => JSON.stringify(buf.subarray(Math.max(0, i - 30), i + 50).toString('utf8'));
  return `at byte ${i}: ours ${show(a)}, sdk ${show(b)}`;
}

let counter = 0;
async function run(item) {
  operation = item.operation;
  const file = join(programs, `p${counter++}.mjs`);
  writeFileSync(file, item.program);
  try {
    await import(pathToFileURL(file));
  } catch (e) {
    if (e instanceof Captured) return e;
    throw e;
  }
  throw new Error('the program sent nothing');
}

async function check(item) {
  let captured;
  try {
    captured = await run(item);
  } catch (e) {
    const text = String(e?.stack ?? e).split('\n').slice(0, 4).join(' | ').slice(0, 600);
    if (/Named export '\w+Command' not found/.test(e?.message ?? '')) return ['missing', text, null];
    // A member the model has since made optional, left out of the form: the package's serializer
    // still insists on it (client-resiliencehub 3.523.0, ListRecommendationTemplates assessmentArn).
    // A union member the package does not know (older than the model): its serializer visits
    // `$unknown` (client-groundstation: UpdateConfig, CreateEphemeris).
    if (/Cannot read properties of undefined \(reading '0'\)/.test(e?.message ?? '') && /\bvisit\b/.test(e?.stack ?? '')) return ['union', text, null];
    const insisted = /^Expected a non-null value for (\w+)$/.exec(e?.message ?? '')?.[1];
    if (insisted && !new RegExp(`\\b${insisted}:`).test(item.program)) return ['required', insisted, null];
    // An event-stream input that the SDK wants as a stream of events (polly
    // StartSpeechSynthesisStream): the page shows the first event's JSON, not a stream.
    if (/^Eventstream payload must be a Readable stream/.test(e?.message ?? '')) return ['eventstream', item.route, null];
    if (e?.name === 'TokenProviderError') return ['token', text, null];
    if (e?.name === 'EndpointError' || /endpoint/i.test(e?.message ?? '')) return ['endpoint', text, null];
    return ['error', text, null];
  }
  const { request, context } = captured;
  if (context.commandName !== `${item.operation}Command`) {
    return ['error', `the program sent ${context.commandName}, not ${item.operation}Command`, null];
  }
  const expected = item.expected;
  // An event-stream input: the SDK frames the events (application/vnd.amazon.eventstream), which
  // the page does not show (it shows the first event's JSON).
  const sdkType = Object.entries(request.headers ?? {}).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
  if (sdkType === 'application/vnd.amazon.eventstream') return ['eventstream', item.route, null];
  const problems = [];
  // The SDK's own spellings of the same request, by name (see SPELLINGS).
  const spelled = new Set();
  const body = await bodyBytes(request.body);
  const ours = Buffer.from(expected.body, 'utf8');
  const oursHeaders = Object.fromEntries(Object.entries(expected.headers).map(([n, v]) => [n.toLowerCase(), v]));
  const theirs = Object.fromEntries(Object.entries(request.headers).map(([n, v]) => [n.toLowerCase(), String(v)]));
  if (!ours.equals(body)) {
    const kind = sameBody(ours.toString('utf8'), body.toString('utf8'));
    const gone = kind ? null : dropped(ours.toString('utf8'), body.toString('utf8')) ?? droppedPairs(ours.toString('utf8'), body.toString('utf8'));
    const added = kind || gone ? [] : addedPairs(ours.toString('utf8'), body.toString('utf8'));
    if (kind) spelled.add(kind);
    else if (gone) return ['dropped', gone.join(', '), null];
    else if (added.length && added.every((k) => ['PresignedUrl', 'DestinationRegion'].includes(k))) return ['presigned', added.join(', '), null];
    else problems.push('body ' + firstDifference(ours, body));
  }
  const query = buildQueryString(request.query ?? {});
  if (expected.query !== query) {
    const kind = sameQuery(expected.query, query, item.operation);
    const gone = kind ? null : droppedPairs(expected.query, query);
    if (kind) spelled.add(kind);
    else if (gone) return ['dropped', gone.join(', '), null];
    else problems.push('query ' + firstDifference(expected.query, query));
  }
  // The method is the package's own: a package whose API version binds the operation otherwise
  // (bedrock-agentcore-control ListDatasetVersions: POST .../versions/list in botocore 1.44.8,
  // GET .../versions in the pinned package).
  if (expected.method !== request.method) return ['binding', `ours ${expected.method} ${expected.path}, sdk ${request.method} ${request.path}`, null];
  const path = request.path || '/';
  if (expected.path !== path) {
    // A trailing slash either way (a path-style bucket: botocore `/b?location`, the SDK
    // `/b/?location`) names the same resource.
    if (expected.path === path + '/' || path === expected.path + '/') spelled.add('trailing slash');
    else problems.push('path ' + firstDifference(expected.path, path));
  }
  const host = request.hostname;
  const hostNote = expected.host === host ? null : `ours ${expected.host}, sdk ${host}`;
  for (const name of NOT_COMPARED) if (!(name in oursHeaders)) delete theirs[name];
  const bodySpelled = [...spelled].some((s) => BODY_SPELLINGS.has(s));
  for (const name of [...new Set([...Object.keys(oursHeaders), ...Object.keys(theirs)])].sort()) {
    const [a, b] = [oursHeaders[name], theirs[name]];
    if (a === b) continue;
    const kind = sameHeader(name, a, b, bodySpelled, { item, oursHeaders, theirs, bodyEmpty: body.length === 0, bodyLength: body.length });
    if (kind) spelled.add(kind);
    else problems.push(`header ${name}: ours ${JSON.stringify(a ?? null)}, sdk ${JSON.stringify(b ?? null)}`);
  }
  if (problems.length) return ['mismatch', problems.join('; '), hostNote, body.toString('utf8').slice(0, 4000)];
  if (spelled.delete('upload')) return ['upload', [...spelled].sort().join('; '), hostNote];
  if (spelled.delete('ssec')) return ['ssec', [...spelled].sort().join('; '), hostNote];
  return [spelled.size ? 'spelled' : 'match', [...spelled].sort().join('; '), hostNote];
}

// The SDK's own spellings of a request the service reads as the page's, each named.
const BODY_SPELLINGS = new Set(['JSON spelling', 'form spelling', 'form spelling, numbers as JavaScript writes them', 'XML declaration and escapes', "XML declaration and escapes, elements and attributes in the SDK's order"]);

/** The name of the SDK's spelling when `sdk` is the body `ours` written otherwise. */
function sameBody(ours, sdk) {
  const json = (text) => { try { return JSON.parse(text); } catch { return undefined; } };
  if (json(ours) !== undefined && isDeepStrictEqual(json(ours), json(sdk))) return 'JSON spelling';
  if (/^[^<{]/.test(ours) && ours.includes('=')) {
    if (samePairs(formPairs(ours), formPairs(sdk))) return 'form spelling';
    if (samePairs(formPairs(ours).map(numberValue), formPairs(sdk).map(numberValue))) return 'form spelling, numbers as JavaScript writes them';
  }
  const declaration = '<?xml version="1.0" encoding="UTF-8"?>';
  if (ours.startsWith('<') && sdk.startsWith(declaration)) {
    const theirs = sdk.slice(declaration.length);
    if (xmlText(theirs) === xmlText(ours)) return 'XML declaration and escapes';
    const [a, b] = [xmlTree(ours), xmlTree(theirs)];
    if (a && b && canonical(a) === canonical(b)) return "XML declaration and escapes, elements and attributes in the SDK's order";
  }
  return null;
}

/** A form pair whose value is a number, with the number as JavaScript writes it (0.0 -> 0). */
function numberValue([k, v]) {
  return /^-?[0-9]+(\.[0-9]+)?(e[-+]?[0-9]+)?$/i.test(v) ? [k, String(Number(v))] : [k, v];
}

/** A start tag's name and attributes, the attributes sorted (XML gives their order no meaning). */
function startTag(text) {
  const [name, ...attributes] = text.match(/[^\s="]+(?:="[^"]*")?/g) ?? [text];
  return [name, ...attributes.sort()].join(' ');
}

/** An XML document as nested [name, children | text]: elements, attributes and text only (what
 * the serializers write), or null when it holds anything else. */
function xmlTree(xml) {
  const tokens = xml.match(/<[^>]*>|[^<]+/g) ?? [];
  const stack = [['', []]];
  for (const token of tokens) {
    if (token.startsWith('</')) {
      const done = stack.pop();
      if (!stack.length || done[0].split(/\s/)[0] !== token.slice(2, -1).trim()) return null;
      stack.at(-1)[1].push(done);
    } else if (token.startsWith('<')) {
      if (/^<[?!]/.test(token)) return null;
      const element = [startTag(token.replace(/\/?>$/, '').slice(1).trim()), []];
      if (token.endsWith('/>')) stack.at(-1)[1].push(element);
      else stack.push(element);
    } else {
      stack.at(-1)[1].push(xmlText(token));
    }
  }
  return stack.length === 1 ? stack[0] : null;
}

/** A tree's text with each element's children in a stable order by name (a list's items, which
 * share their name, keep theirs). */
function canonical(node) {
  if (typeof node === 'string') return JSON.stringify(node);
  const [name, children] = node;
  const key = (c) => (typeof c === 'string' ? '' : c[0].split(/\s/)[0]);
  const sorted = children.map((c, i) => [c, i]).sort(([a, i], [b, j]) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : i - j));
  return `<${name}>${sorted.map(([c]) => canonical(c)).join('')}</>`;
}

/** XML with the escapes that mean the same character as the character itself written out. */
function xmlText(xml) {
  return xml
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&#x([0-9a-fA-F]+);/g, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#([0-9]+);/g, (_, dec) => String.fromCodePoint(parseInt(dec, 10)));
}

/** The name of the SDK's spelling when `sdk` is the query string `ours` written otherwise. */
function sameQuery(ours, sdk, operation) {
  const theirs = formPairs(sdk).filter(([k, v]) => !(k === 'x-id' && v === operation) || formPairs(ours).some(([o]) => o === 'x-id'));
  if (samePairs(formPairs(ours), theirs)) return 'query order or spelling';
  // A float as Python writes it (botocore: 1e-05) and as JavaScript does (0.00001).
  return samePairs(formPairs(ours).map(numberValue), theirs.map(numberValue)) ? 'query spelling, numbers as JavaScript writes them' : null;
}

/** The name of the SDK's spelling of header `name` (`ours`, `sdk`: its values or undefined). */
function sameHeader(name, ours, sdk, bodySpelled, { item, oursHeaders, theirs, bodyEmpty, bodyLength }) {
  if (name === 'content-length' && (bodySpelled || (ours === '0' && sdk === undefined))) return 'Content-Length of the body as the SDK spells it';
  // botocore prepares no Content-Length for a GET with a body (efs DescribeAccountPreferences'
  // `{}`); urllib3 adds it when it sends the body, as the SDK does.
  if (name === 'content-length' && ours === undefined && sdk === String(bodyLength) && item.expected.method === 'GET') return "a GET body's Content-Length, which urllib3 adds for botocore too";
  if (name === 'content-type' && ours === 'application/x-www-form-urlencoded; charset=utf-8' && sdk === 'application/x-www-form-urlencoded') return 'form Content-Type without charset';
  if (name === 'content-type' && ours === undefined && ['application/octet-stream', 'application/xml', 'text/plain'].includes(sdk)) return `Content-Type ${sdk} added`;
  // Packages generated before smithy-typescript stopped it (client-neptunedata 3.403.0) give an
  // operation without input members `content-type: application/json` and an empty body; botocore
  // sets no type on an empty body (RestJSONSerializer._serialize_content_type).
  if (name === 'content-type' && ours === undefined && sdk === 'application/json' && item.expected.body === '' && bodyEmpty) return 'Content-Type application/json on an empty body';
  if (name === 'x-amz-target' && ours?.endsWith('.' + sdk)) return 'X-Amz-Target without the namespace';
  // A list header: botocore joins the items with ",", the SDK with ", ".
  if (ours !== undefined && sdk !== undefined && ours.includes(',') && ours === sdk.split(', ').join(',')) return 'a list header joined with ", "';
  // botocore leaves an empty list out of the headers (_serialize_header_list's caller); the SDK
  // sends the header empty.
  if (ours === undefined && sdk === '' && new RegExp(`\\b${name}: \\[\\]`, 'i').test(item.program)) return 'an empty list header sent empty';
  // botocore's add_glacier_checksums adds it too; the page does not compute tree hashes
  // (docs/handlers.md lists it as missing, and the bulk conformance counts it).
  if (name === 'x-amz-sha256-tree-hash' && ours === undefined && item.route.startsWith('aws/glacier/')) return 'the Glacier tree hash, which the page does not compute (docs/handlers.md)';
  // botocore's inject_api_version_header_if_needed (wire::handlers): the SDK does not add it,
  // and the endpoint-discovery call answers the same without it.
  if (name === 'x-amz-api-version' && sdk === undefined && item.route.endsWith('/DescribeEndpoints')) return "no x-amz-api-version header (botocore's DescribeEndpoints handler adds it)";
  const json64 = (v) => { try { return JSON.parse(Buffer.from(v, 'base64').toString('utf8')); } catch { return undefined; } };
  if (ours && sdk && json64(ours) !== undefined && isDeepStrictEqual(json64(ours), json64(sdk))) return "a JSON header's value in the SDK's JSON spelling";
  if (/^(x-amz-checksum-|content-md5$)/.test(name) && bodySpelled) return 'checksum of the body as the SDK spells it';
  if ((name === 'content-md5' && ours === undefined && theirs['content-md5'] && !theirs['x-amz-checksum-crc32'] && oursHeaders['x-amz-checksum-crc32'])
    || (name === 'x-amz-checksum-crc32' && sdk === undefined && theirs['content-md5'])) return 'the required checksum as Content-MD5 instead of CRC32';
  if (item.program.includes(SSEC_NOTE) && /customer-key(-md5)?$/.test(name)) return 'ssec';
  if (item.program.includes(UPLOAD_NOTE) && ((name === 'expect' && sdk === undefined) || (ours === undefined && ['x-amz-checksum-crc32', 'x-amz-sdk-checksum-algorithm'].includes(name)))) return 'upload';
  return null;
}

// The program's comment on an SSE-C key whose MD5 the form sets (core::sdk::javascript).
const SSEC_NOTE = 'The SDK computes the MD5 of an SSE-C key itself';
// The program's comment on an upload the SDK adds its CRC32 checksum to (core::sdk::javascript).
const UPLOAD_NOTE = 'The SDK adds the CRC32 checksum of this upload (x-amz-checksum-crc32)';

/** The paths of the members the SDK left out when its JSON body is the page's without them (a
 * package older than the model drops members it does not know), else null. */
function dropped(ours, sdk) {
  let a, b;
  try { [a, b] = [JSON.parse(ours), JSON.parse(sdk)]; } catch { return null; }
  const gone = [];
  const walk = (x, y, path) => {
    if (x && y && typeof x === 'object' && typeof y === 'object' && !Array.isArray(x) && !Array.isArray(y)) {
      if (!Object.keys(y).every((k) => k in x)) return false;
      for (const k of Object.keys(x)) {
        if (!(k in y)) gone.push(path + k);
        else if (!walk(x[k], y[k], `${path}${k}.`)) return false;
      }
      return true;
    }
    if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((v, i) => walk(v, y[i], `${path}${i}.`));
    return isDeepStrictEqual(x, y);
  };
  return walk(a, b, '') && gone.length ? gone : null;
}

/** The names of the pairs a form body or query string of the SDK's lacks when it is the page's
 * without them (a member the package does not know), else null. */
function droppedPairs(ours, sdk) {
  if (/^[<{]/.test(ours)) return null;
  const theirs = formPairs(sdk).map((p) => JSON.stringify(numberValue(p)));
  const left = [...theirs];
  const gone = [];
  for (const pair of formPairs(ours).map(numberValue)) {
    const at = left.indexOf(JSON.stringify(pair));
    if (at < 0) gone.push(pair[0]);
    else left.splice(at, 1);
  }
  return gone.length && !left.length ? [...new Set(gone.map((k) => k.split('.')[0]))] : null;
}

/** The names of the pairs the SDK's form body adds to the page's, which it otherwise holds. */
function addedPairs(ours, sdk) {
  if (/^[<{]/.test(ours)) return [];
  const left = formPairs(ours).map((p) => JSON.stringify(numberValue(p)));
  const added = [];
  for (const pair of formPairs(sdk).map(numberValue)) {
    const at = left.indexOf(JSON.stringify(pair));
    if (at < 0) added.push(pair[0]);
    else left.splice(at, 1);
  }
  return left.length ? [] : added;
}

function formPairs(text) {
  if (!text) return [];
  const decode = (s) => decodeURIComponent(s.replace(/\+/g, ' '));
  return text.split('&').map((pair) => {
    const at = pair.indexOf('=');
    return at < 0 ? [decode(pair), ''] : [decode(pair.slice(0, at)), decode(pair.slice(at + 1))];
  });
}

function samePairs(a, b) {
  const key = (pairs) => pairs.map((p) => JSON.stringify(p)).sort().join('\n');
  return key(a) === key(b);
}

async function names(item) {
  const file = join(programs, `n${counter++}.mjs`);
  writeFileSync(file, `export * as pkg from ${JSON.stringify(item.package)};\n`);
  let pkg;
  try {
    ({ pkg } = await import(pathToFileURL(file)));
  } catch (e) {
    return ['error', `${item.package} does not load: ${String(e).slice(0, 200)}`, null];
  }
  const wrong = [];
  const ClientClass = pkg[item.client];
  if (typeof ClientClass !== 'function') {
    const clients = Object.keys(pkg).filter((k) => k.endsWith('Client') && !k.endsWith('ServiceClient'));
    wrong.push(`no ${item.client} (exports ${clients.join(', ')})`);
  } else {
    const id = new ClientClass({ region: 'us-east-1' }).config.serviceId;
    if (id !== item.serviceId) wrong.push(`service id ${JSON.stringify(id)}, the model's ${JSON.stringify(item.serviceId)}`);
  }
  if (wrong.length) return ['error', wrong.join('; '), null];
  const missing = item.commands.filter((c) => typeof pkg[c] !== 'function');
  return missing.length ? ['missing', `${missing.length} of ${item.commands.length}: ${missing.join(', ')}`, null] : ['match', '', null];
}

const items = JSON.parse(readFileSync(inPath, 'utf8'));
const results = [];
for (const item of items) {
  const [status, detail, host, sdkBody] = 'commands' in item ? await names(item) : await check(item);
  results.push({ route: item.route, status, detail, host, ...(sdkBody === undefined ? {} : { sdkBody }) });
}
writeFileSync(outPath, JSON.stringify(results));
