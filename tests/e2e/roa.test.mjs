// Alibaba Cloud ROA (RESTful) operations sent for real: Chromium -> signing-proxy -> a recorder
// on 127.0.0.1 (both started here, stopped by PID), which keeps what arrived and answers 200.
// The proxy's ACS3 Authorization must equal what Alibaba's own signer
// (alibabacloud_openapi_util, tests/tools/sign_vectors.py) computes over the request that
// arrived, with its date and nonce.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { launch, openRoute, out, outMatching, BASE_URL } from './browser.mjs';
import { freePort, waitForPort, crashes, sendThrough } from './sending.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const VENV = process.env.REFERENCE_VENV ?? `${ROOT}.venv`;
const KEY_ID = 'LTAI5tRoaExample';
const SECRET = 'roa/secret+with=chars';
const children = [];
const arrived = [];
let browser, recorder, proxy;

before(async () => {
  const recorderPort = await freePort();
  recorder = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      arrived.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() });
      res.writeHead(200, { 'content-type': 'application/json', 'x-acs-request-id': 'REQ-ROA-1' });
      res.end(JSON.stringify({ clusters: [], page_info: { total_count: 0 } }));
    });
  }).listen(recorderPort, '127.0.0.1');
  const port = await freePort();
  const child = spawn(`${ROOT}target/debug/signing-proxy`,
    ['--listen', `127.0.0.1:${port}`, '--allow-origin', new URL(BASE_URL).origin, '--endpoint', `cs=http://127.0.0.1:${recorderPort}`],
    { env: { ...process.env, ALIBABA_CLOUD_ACCESS_KEY_ID: KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET, ALIBABA_CLOUD_CONFIG_FILE: '/dev/null' }, stdio: 'ignore' });
  children.push(child);
  await waitForPort(port);
  proxy = `http://127.0.0.1:${port}`;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  recorder?.close();
  for (const child of children) child.kill();
});

/** The signature Alibaba's own signer gives the request that arrived, over the headers it names. */
function sdkAuthorization(request) {
  const url = new URL(request.url, 'http://upstream');
  const signedHeaders = /SignedHeaders=([^,]+)/.exec(request.headers.authorization)[1].split(';');
  const headers = signedHeaders.map((name) => [name, request.headers[name]]);
  const job = {
    acs3: [{ method: request.method, path: url.pathname, query: [...url.searchParams], headers, body: request.body, key_id: KEY_ID, secret: SECRET }],
    rpc_v1: [], sigv4: [],
  };
  const signed = JSON.parse(execFileSync(`${VENV}/bin/python`, [`${ROOT}tests/tools/sign_vectors.py`], { input: JSON.stringify(job) }).toString());
  return { authorization: signed.acs3[0].authorization, signedHeaders };
}

test('CS DescribeClustersV1 (ROA GET): the page shows aliyun cs GET, and the proxy signs it as the SDK signer does', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aliyun/cs/DescribeClustersV1');
  await page.fill('[name="name"]', 'prod cluster');
  await page.fill('[name="page_size"]', '10');
  const get = /^GET \/api\/v1\/clusters\?name=prod%20cluster&page_size=10 HTTP\/1\.1\n/;
  assert.match(await outMatching(page, 'out-http', get), get);
  // One line, or one flag per line when it is long.
  assert.match(await out(page, 'out-cli'), /^aliyun cs GET \/api\/v1\/clusters(?: \\\n {2}| )--name 'prod cluster'(?: \\\n {2}| )--page_size 10(?: \\\n {2}| )--region (\S+)(?: \\\n {2}| )--endpoint cs\.\1\.aliyuncs\.com$/);
  const before = arrived.length;
  const response = await sendThrough(page, proxy);
  assert.match(response, /^200 OK\n/);
  assert.equal(arrived.length, before + 1);
  const request = arrived.at(-1);
  assert.equal(request.method, 'GET');
  assert.equal(request.url, '/api/v1/clusters?name=prod%20cluster&page_size=10');
  assert.equal(request.headers['x-acs-action'], 'DescribeClustersV1');
  assert.equal(request.headers['x-acs-version'], '2015-12-15');
  const { authorization, signedHeaders } = sdkAuthorization(request);
  assert.ok(signedHeaders.includes('x-acs-date') && signedHeaders.includes('x-acs-signature-nonce'), signedHeaders.join(';'));
  assert.equal(request.headers.authorization, authorization);
  assert.deepEqual(crashes(page), []);
  await context.close();
});

test('CS ModifyCluster (ROA PUT with a JSON body and a path label): the body and label arrive as shown, signed as the SDK signer signs', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aliyun/cs/ModifyCluster');
  await page.fill('[name="ClusterId"]', 'c82e6987e2961451182edacd74faf****');
  await page.fill('[name="cluster_name"]', 'renamed');
  await page.selectOption('[name="deletion_protection"]', 'true');
  const http = await outMatching(page, 'out-http', /"deletion_protection":true\}$/);
  assert.match(http, /^PUT \/api\/v2\/clusters\/c82e6987e2961451182edacd74faf%2A%2A%2A%2A HTTP\/1\.1\n/);
  assert.match(http, /\nContent-Type: application\/json; charset=utf-8\n/);
  assert.match(http, /\n\n\{"cluster_name":"renamed","deletion_protection":true\}$/);
  const response = await sendThrough(page, proxy);
  assert.match(response, /^200 OK\n/);
  const request = arrived.at(-1);
  assert.equal(request.method, 'PUT');
  assert.equal(request.url, '/api/v2/clusters/c82e6987e2961451182edacd74faf%2A%2A%2A%2A');
  assert.equal(request.body, '{"cluster_name":"renamed","deletion_protection":true}');
  assert.equal(request.headers['content-type'], 'application/json; charset=utf-8');
  const { authorization, signedHeaders } = sdkAuthorization(request);
  assert.ok(signedHeaders.includes('content-type') && signedHeaders.includes('x-acs-content-sha256'), signedHeaders.join(';'));
  assert.equal(request.headers.authorization, authorization);
  assert.deepEqual(crashes(page), []);
  await context.close();
});

test('CS UpgradeCluster (ROA POST with a JSON body): the body arrives as out-body shows it, signed as the SDK signer signs', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aliyun/cs/UpgradeCluster');
  await page.fill('[name="ClusterId"]', 'c-upgrade-1');
  await page.fill('[name="next_version"]', '1.33.1-aliyun.1');
  await page.selectOption('[name="master_only"]', 'true');
  const shown = await outMatching(page, 'out-body', /"master_only":true,"next_version"/);
  assert.equal(shown, '{"master_only":true,"next_version":"1.33.1-aliyun.1"}');
  assert.match(await out(page, 'out-http'), /^POST \/api\/v2\/clusters\/c-upgrade-1\/upgrade HTTP\/1\.1\n/);
  const response = await sendThrough(page, proxy);
  assert.match(response, /^200 OK\n/);
  const request = arrived.at(-1);
  assert.equal(request.method, 'POST');
  assert.equal(request.url, '/api/v2/clusters/c-upgrade-1/upgrade');
  assert.equal(request.body, shown);
  const { authorization } = sdkAuthorization(request);
  assert.equal(request.headers.authorization, authorization);
  assert.deepEqual(crashes(page), []);
  await context.close();
});

test("the ROA writer is not in the page's own module: the worker writes a ROA operation's panels", async () => {
  const html = await (await fetch(BASE_URL)).text();
  const name = html.match(/request-builder-[0-9a-f]+_bg\.wasm/)[0];
  const bytes = (file) => fetch(BASE_URL + file).then((r) => r.arrayBuffer()).then((b) => Buffer.from(b));
  // Text only the ROA command's writer holds (its warning for a method the CLI cannot send).
  const text = 'sends RESTful requests with GET, POST, PUT or DELETE only';
  assert.equal((await bytes(name)).includes(text), false, 'the page module writes ROA commands');
  assert.equal((await bytes('worker_bg.wasm')).includes(text), true, 'the worker writes ROA commands');
  // Without the later module, the slot's panels are there and empty; the JSON is the page's.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route('**/later-loader.js', (route) => route.abort());
  await page.goto(BASE_URL + '#/aliyun/cs/DescribeClustersV1?region=cn-hangzhou&name=a');
  await page.waitForSelector('[data-testid="out-json"]');
  assert.match(await out(page, 'out-json'), /"name": "a"/);
  assert.equal(await out(page, 'out-cli'), '');
  assert.equal(await out(page, 'out-http'), '');
  // The slot's static copy (slots::ROA_PANELS_HTML) is the view the later module mounts, so
  // nothing moves when it takes over: the same elements, headings and note, texts aside.
  const shape = (p) => p.$eval('[data-later="roa"]', (slot) => {
    const copy = slot.cloneNode(true);
    copy.querySelectorAll('pre').forEach((pre) => { pre.textContent = ''; });
    copy.querySelectorAll('button').forEach((b) => b.removeAttribute('disabled'));
    copy.querySelectorAll('.shell-warnings, .later-failed').forEach((w) => w.remove());
    return copy.innerHTML.replace(/<!--[^>]*-->/g, '');
  });
  const copied = await shape(page);
  await context.close();
  const live = await browser.newContext();
  const mounted = await openRoute(live, '#/aliyun/cs/DescribeClustersV1?region=cn-hangzhou&name=a');
  await outMatching(mounted, 'out-cli', /^aliyun cs GET/);
  assert.equal(await shape(mounted), copied);
  await live.close();
});
