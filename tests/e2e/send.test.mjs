// Sending for real: Chromium -> signing-proxy -> moto (SigV4 verified), all on 127.0.0.1,
// started here and stopped by PID.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { launch, openRoute, out, BASE_URL } from './browser.mjs';
import { freePort, waitForPort, crashes, sendThrough } from './sending.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const VENV = process.env.REFERENCE_VENV ?? `${ROOT}.venv`;
const ORIGIN = new URL(BASE_URL).origin;
const children = [];
let browser, moto, motoOpen, setup, proxy, wrongProxy;

function start(command, args, env) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: 'ignore' });
  children.push(child);
  return child;
}

async function startProxy(secret) {
  const port = await freePort();
  const endpoints = ['dms', 'datasync', 'elasticache', 's3'].flatMap((s) => ['--endpoint', `${s}=${moto}`]);
  endpoints.push('--endpoint', `lambda=${motoOpen}`);
  start(`${ROOT}target/debug/signing-proxy`, ['--listen', `127.0.0.1:${port}`, '--allow-origin', ORIGIN, ...endpoints],
    { AWS_ACCESS_KEY_ID: setup.access_key_id, AWS_SECRET_ACCESS_KEY: secret, AWS_SHARED_CREDENTIALS_FILE: '/dev/null' });
  await waitForPort(port);
  return `http://127.0.0.1:${port}`;
}

before(async () => {
  const motoPort = await freePort();
  start(`${VENV}/bin/moto_server`, ['-H', '127.0.0.1', '-p', String(motoPort)], { INITIAL_NO_AUTH_ACTION_COUNT: '10' });
  moto = `http://127.0.0.1:${motoPort}`;
  await waitForPort(motoPort);
  // moto's Lambda refuses every SigV4 signature while its checks are on (the real AWS CLI's too),
  // so Lambda goes to a second moto without checks; the proxy's Lambda signature is compared
  // with botocore's in proxy/tests/signing.rs. S3 goes to the checking moto.
  const openPort = await freePort();
  start(`${VENV}/bin/moto_server`, ['-H', '127.0.0.1', '-p', String(openPort)], {});
  motoOpen = `http://127.0.0.1:${openPort}`;
  await waitForPort(openPort);
  setup = JSON.parse(execFileSync(`${VENV}/bin/python`, [`${ROOT}tests/tools/moto_setup.py`, moto]).toString());
  proxy = await startProxy(setup.secret_access_key);
  wrongProxy = await startProxy('not-the-secret');
  browser = await launch();
});

after(async () => {
  await browser?.close();
  for (const child of children) child.kill();
});

test('DMS StartReplicationTask through the proxy gets 200 and the page shows the task', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aws/dms/StartReplicationTask');
  await page.fill('[name="ReplicationTaskArn"]', setup.dms_task);
  await page.selectOption('[name="StartReplicationTaskType"]', 'start-replication');
  const response = await sendThrough(page, proxy);
  assert.match(response, /^200 OK\n/);
  assert.match(response, /"ReplicationTaskArn": "arn:aws:dms:us-east-1:123456789012:task:task"/);
  assert.match(await page.locator('.send').textContent(), /Answered in \d+ ms/);
  assert.deepEqual(crashes(page), []);
  await context.close();
});

test('DataSync StartTaskExecution through the proxy gets 200', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aws/datasync/StartTaskExecution');
  await page.fill('[name="TaskArn"]', setup.datasync_task);
  const response = await sendThrough(page, proxy);
  assert.match(response, /^200 OK\n/);
  assert.match(response, /"TaskExecutionArn"/);
  await context.close();
});

test('Lambda ListFunctions (rest-json, GET) through the proxy gets 200 and the function list', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aws/lambda/ListFunctions');
  await page.fill('[name="MaxItems"]', '5');
  assert.match(await out(page, 'out-http'), /^GET \/2015-03-31\/functions\?MaxItems=5 HTTP\/1\.1\n/);
  const response = await sendThrough(page, proxy);
  assert.match(response, /^200 OK\n/);
  assert.match(response, /"Functions": \[/);
  assert.deepEqual(crashes(page), []);
  await context.close();
});

test('a wrong secret in the proxy shows 403 SignatureDoesNotMatch cleanly', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aws/dms/StartReplicationTask');
  await page.fill('[name="ReplicationTaskArn"]', setup.dms_task);
  await page.selectOption('[name="StartReplicationTaskType"]', 'start-replication');
  const response = await sendThrough(page, wrongProxy);
  assert.match(response, /^403 /);
  assert.match(await page.getByTestId('response-summary').textContent(), /403 SignatureDoesNotMatch: The request signature/);
  assert.deepEqual(crashes(page), []);
  await context.close();
});

// After the wrong-secret test: by then moto checks every signature (INITIAL_NO_AUTH_ACTION_COUNT).
test('S3 CreateBucket (rest-xml, PUT to the bucket host) through the proxy gets 200 with moto checking the signature', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aws/s3api/CreateBucket');
  await page.fill('[name="Bucket"]', 'page-e2e-bucket');
  assert.match(await out(page, 'out-http'), /^PUT \/ HTTP\/1\.1\nHost: page-e2e-bucket\.s3\.amazonaws\.com\n/);
  const response = await sendThrough(page, proxy);
  assert.match(response, /^200 OK\n/);
  assert.deepEqual(crashes(page), []);
  await context.close();
});

test('ElastiCache StartMigration: moto cannot do it, and the page shows that answer, not a crash', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aws/elasticache/StartMigration');
  await page.fill('[name="ReplicationGroupId"]', 'my-group');
  const response = await sendThrough(page, proxy);
  assert.match(response, /^(4|5)\d\d /);
  assert.ok((await page.getByTestId('response-summary').textContent()).length > 0);
  assert.deepEqual(crashes(page), []);
  await context.close();
});

test('an unreachable proxy and a blocked form each get one plain sentence', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aws/dms/StartReplicationTask');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  assert.match(await page.locator('.send [role="alert"]').textContent(), /Sending is blocked: fix the 2 error/);
  assert.equal(await page.locator('dialog[open]').count(), 0);
  await page.fill('[name="ReplicationTaskArn"]', setup.dms_task);
  await page.selectOption('[name="StartReplicationTaskType"]', 'start-replication');
  const closed = `http://127.0.0.1:${await freePort()}`;
  const response = await sendThrough(page, closed);
  assert.match(response, /^Could not reach the signing proxy at http:\/\/127\.0\.0\.1:\d+\/: check that it is running/);
  assert.ok(response.includes(`allows this page's origin (${ORIGIN})`), response);
  await context.close();
});

test('a worker that cannot load is reported in the response, and the form stays', async () => {
  const context = await browser.newContext();
  await context.route('**/worker_bg.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  const page = await openRoute(context, '#/aws/dms/StartReplicationTask');
  await page.fill('[name="ReplicationTaskArn"]', setup.dms_task);
  await page.selectOption('[name="StartReplicationTaskType"]', 'start-replication');
  const response = await sendThrough(page, proxy);
  assert.match(response, /^The request was not sent: the page's worker stopped \(.*404/);
  assert.equal(await page.inputValue('[name="ReplicationTaskArn"]'), setup.dms_task);
  assert.equal(await page.getByRole('button', { name: 'Send', exact: true }).isEnabled(), true, 'the panel can send again');
  await context.close();
});

test('the proxy URL is remembered but never put in a permalink', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aws/dms/StartReplicationTask');
  await page.fill('[name="proxyUrl"]', 'http://127.0.0.1:9999');
  await page.fill('[name="ReplicationTaskArn"]', 'arn:aws:dms:us-east-1:123456789012:task:X');
  await page.waitForTimeout(600);
  assert.ok(!page.url().includes('9999'), page.url());
  const again = await openRoute(context, '#/aws/dms/StartReplicationTask');
  assert.equal(await again.inputValue('[name="proxyUrl"]'), 'http://127.0.0.1:9999');
  await context.close();
});

test('regression: a proxy URL typed before the later module loaded is remembered', async () => {
  const context = await browser.newContext();
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  await context.route('**/later_bg.wasm', async (route) => { await released; await route.continue(); });
  const page = await openRoute(context, '#/aws/dms/StartReplicationTask');
  // The slot's copy of the panel takes the typing; the real panel has not loaded yet.
  await page.fill('[name="proxyUrl"]', 'http://127.0.0.1:9998');
  release();
  await page.getByRole('button', { name: 'Send', exact: true }).and(page.locator(':enabled')).waitFor();
  assert.equal(await page.inputValue('[name="proxyUrl"]'), 'http://127.0.0.1:9998');
  await context.unroute('**/later_bg.wasm');
  const again = await openRoute(context, '#/aws/dms/StartReplicationTask');
  await again.getByRole('button', { name: 'Send', exact: true }).and(again.locator(':enabled')).waitFor();
  assert.equal(await again.inputValue('[name="proxyUrl"]'), 'http://127.0.0.1:9998');
  await context.close();
});

test('the send panel names the command that starts the proxy for this page\'s own origin', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aws/dms/StartReplicationTask');
  const origin = new URL(page.url()).origin;
  await page.getByRole('button', { name: 'Send', exact: true }).and(page.locator(':enabled')).waitFor();
  assert.equal(await out(page, 'proxy-command'), `cargo run --release -p signing-proxy -- --allow-origin ${origin}`);
  assert.doesNotMatch(await page.locator('[data-later="send"]').textContent(), /null/);
  await context.close();
});
