// The page's JavaScript programs for Alibaba Cloud operations, run by the pinned
// `@alicloud/<product><version>` packages against a capture server, for tests/sdk_js.rs.
//
//     node aliyun_js_programs.mjs INSTALL_DIR IN.json OUT.json
//
// INSTALL_DIR holds the packages pinned in modeldata/aliyun-npm (installed by
// scripts/ensure-test-tools into .cache/js-sdk-aliyun). IN is a list of {route, action, version,
// program, expected: {host, method, path, query: [[name, value], ...] (the page's business
// parameters, decoded), body (the page's form body)}} or {route, package, methods: [...],
// classes: {Class: [attribute, ...]}} (a names item).
//
// A program item's text is written into INSTALL_DIR (so its imports resolve to the pinned
// packages) and imported as it is, all in this one process, with one change: the endpoint.
// Every `@alicloud/openapi-core` `Config` a program makes gets this process's capture server on
// 127.0.0.1 as its endpoint, over plain HTTP; the region, the credentials (`@alicloud/credentials`'
// default chain, here the dummy keys of the environment) and all else are the program's. The
// server records each request and answers it with a client error, which the SDK throws. The one
// request a program sent is compared with the page's as tests/tools/aliyun_programs.py compares
// the Python SDK's: the endpoint the program named (the page's host), method, path, the
// x-acs-action and x-acs-version headers, the query's parameters decoded and sorted (the
// caller leaves the page's common parameters out), the body's parameters decoded in order.
//
// A names item checks the page's names against the package: the client has each method, and
// each model class exists with each attribute in its names().
//
// A parameter whose value the SDK spells otherwise, the same number (`0` for the page's `0.0`:
// JavaScript's String, where the page's request has the Python SDK's str) or the same JSON
// text with such numbers, is the same parameter: the verdict is then "spelled" (the program
// says so in a comment).
//
// OUT is a list of {route, status, detail}, status one of "match", "spelled", "mismatch",
// "error" (the program threw before sending, or sent no request or more than one).

import { writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { readFileSync } from 'node:fs';

const [installDir, inPath, outPath] = process.argv.slice(2);

for (const name of Object.keys(process.env)) {
  if (name.startsWith('ALIBABA_CLOUD_') || name.startsWith('ALICLOUD_')) delete process.env[name];
}
Object.assign(process.env, {
  ALIBABA_CLOUD_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'SECRETEXAMPLE',
  ALIBABA_CLOUD_CREDENTIALS_FILE: '/dev/null',
  ALIBABA_CLOUD_CONFIG_FILE: '/dev/null',
  ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
});

const received = [];
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    received.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    const text = '{"Code":"CaptureOnly","Message":"captured by the test","RequestId":"capture"}';
    res.writeHead(400, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), connection: 'close' });
    res.end(text);
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const address = `127.0.0.1:${server.address().port}`;

// The endpoint override: the Config class every program constructs.
const require = createRequire(join(installDir, 'package.json'));
const util = require('@alicloud/openapi-core').$OpenApiUtil;
const RealConfig = util.Config;
const endpoints = [];
util.Config = class extends RealConfig {
  constructor(map) {
    super(map);
    endpoints.push(this.endpoint);
    this.endpoint = address;
    this.protocol = 'http';
  }
};
if (require('@alicloud/openapi-core').$OpenApiUtil.Config === RealConfig) {
  throw new Error('the Config class could not be replaced: the endpoint override would not apply');
}

const programs = join(installDir, 'programs');
rmSync(programs, { recursive: true, force: true });
mkdirSync(programs, { recursive: true });

const pairs = (text) => [...new URLSearchParams(text)];
const sorted = (list) => [...list].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

/** Whether two values are the same number or the same JSON document (keys in the same order), spelled otherwise. */
function sameValue(ours, theirs) {
  if (ours === theirs) return true;
  const number = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
  if (number.test(ours) && number.test(theirs)) return Number(ours) === Number(theirs);
  try {
    // JSON.stringify spells both texts' numbers alike and keeps their keys' order.
    return JSON.stringify(JSON.parse(ours)) === JSON.stringify(JSON.parse(theirs));
  } catch {
    return false;
  }
}

/** "match", "spelled" or the first difference of two lists of pairs. */
function comparePairs(ours, theirs) {
  if (isDeepStrictEqual(ours, theirs)) return 'match';
  if (ours.length === theirs.length && ours.every(([k, v], i) => theirs[i][0] === k && sameValue(v, theirs[i][1]))) {
    return 'spelled';
  }
  const key = (p) => JSON.stringify(p);
  const onlySdk = theirs.filter((p) => !ours.some((m) => key(m) === key(p)));
  const onlyPage = ours.filter((p) => !theirs.some((t) => key(t) === key(p)));
  return `SDK only ${JSON.stringify(onlySdk.slice(0, 4))}, page only ${JSON.stringify(onlyPage.slice(0, 4))}`;
}

let counter = 0;
async function run(item) {
  received.length = 0;
  endpoints.length = 0;
  const file = join(programs, `p${counter++}.mjs`);
  writeFileSync(file, item.program);
  let thrown = null;
  try {
    await import(pathToFileURL(file));
  } catch (e) {
    thrown = e;
  }
  if (received.length !== 1) {
    throw new Error(`the program sent ${received.length} requests; ${thrown ? thrown.stack.split('\n').slice(0, 3).join(' ') : 'it threw nothing'}`);
  }
  return received[0];
}

async function check(item) {
  let sent;
  try {
    sent = await run(item);
  } catch (e) {
    return { status: 'error', detail: String(e.message).slice(0, 600) };
  }
  const expected = item.expected;
  const url = new URL(sent.url, 'http://capture');
  const problems = [];
  for (const [what, ours, theirs] of [
    ['endpoint', [expected.host], endpoints],
    ['method', expected.method, sent.method],
    ['path', expected.path, url.pathname],
    ['x-acs-action', item.action, sent.headers['x-acs-action']],
    ['x-acs-version', item.version, sent.headers['x-acs-version']],
  ]) {
    if (!isDeepStrictEqual(ours, theirs)) problems.push(`${what}: page ${JSON.stringify(ours)}, SDK ${JSON.stringify(theirs)}`);
  }
  const spelled = [];
  for (const [what, ours, theirs] of [
    ['query', sorted(expected.query), sorted(pairs(url.search))],
    ['body', pairs(expected.body), pairs(sent.body)],
  ]) {
    const verdict = comparePairs(ours, theirs);
    if (verdict === 'spelled') spelled.push(what);
    else if (verdict !== 'match') problems.push(`${what}: ${verdict}`);
  }
  if (problems.length) return { status: 'mismatch', detail: problems.join('; ') };
  return spelled.length ? { status: 'spelled', detail: spelled.join(', ') } : { status: 'match', detail: '' };
}

function names(item) {
  const pkg = require(item.package);
  const Client = pkg.default;
  const wrong = [];
  for (const method of item.methods) {
    if (typeof Client.prototype[method] !== 'function') wrong.push(`no method ${method}`);
  }
  for (const [name, attributes] of Object.entries(item.classes)) {
    const cls = pkg[name];
    if (typeof cls !== 'function' || typeof cls.names !== 'function') {
      wrong.push(`no class ${name}`);
      continue;
    }
    const known = cls.names();
    for (const attribute of attributes) {
      if (!(attribute in known)) wrong.push(`${name} has no ${attribute}`);
    }
  }
  return wrong.length ? { status: 'error', detail: `${wrong.length} wrong: ${wrong.slice(0, 8).join('; ')}` } : { status: 'match', detail: '' };
}

const items = JSON.parse(readFileSync(inPath, 'utf8'));
const results = [];
for (const item of items) {
  const verdict = 'methods' in item ? names(item) : await check(item);
  results.push({ route: item.route, ...verdict });
}
server.close();
writeFileSync(outPath, JSON.stringify(results));
