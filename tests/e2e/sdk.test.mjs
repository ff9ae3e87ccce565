// The SDK program panels (`out-python`, `out-js`): mounted by the later module after the first
// paint, their text is the program the worker writes for what the page shows (tests/sdk_python.rs
// proves those programs with boto3 and Alibaba's Python SDKs, tests/sdk_js.rs with the AWS SDK
// for JavaScript v3 and the @alicloud packages) once the
// panel is in view, it follows the form, and Copy copies exactly its text. Their code is not in
// the page's own module.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, openRoute, out, BASE_URL } from './browser.mjs';

const GOLDEN = new URL('../fixtures/sdk/python/', import.meta.url).pathname;
const GOLDEN_JS = new URL('../fixtures/sdk/js/', import.meta.url).pathname;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Scrolls the panel `testid` into view (it asks for its program then), waits until its text
 * passes `check`, and returns it. */
async function program(page, testid, check) {
  await page.getByTestId(testid).scrollIntoViewIfNeeded();
  await page.waitForFunction(
    ([id, source]) => new Function('text', `return (${source})(text)`)(document.querySelector(`[data-testid="${id}"]`)?.textContent ?? ''),
    [testid, check.toString()],
  );
  return out(page, testid);
}
const python = (page, check) => program(page, 'out-python', check);
const js = (page, check) => program(page, 'out-js', check);

test('out-python shows the boto3 program of the filled form, follows it, and Copy copies it', async () => {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await openRoute(context, '#/aws/dms/StartReplicationTask');
  await page.fill('[name="ReplicationTaskArn"]', 'arn:aws:dms:us-east-1:123456789012:task:ABCDEFGHIJ');
  await page.selectOption('[name="StartReplicationTaskType"]', 'start-replication');
  await page.fill('[name="CdcStartPosition"]', 'checkpoint:V1#27#mysql-bin-changelog.157832:1975:-1:2002:677883278264080:mysql-bin-changelog.157832:1876#0#0#*#0#93');
  const golden = readFileSync(`${GOLDEN}dms_start_replication_task.py`, 'utf8');
  const text = await python(page, (t) => t.includes('CdcStartPosition='));
  assert.equal(text, golden);
  await page.fill('[name="region"]', 'eu-west-1');
  assert.match(await python(page, (t) => t.includes('eu-west-1')), /boto3\.client\("dms", region_name="eu-west-1"\)/);
  await page.getByRole('button', { name: 'Copy Python' }).click();
  await page.waitForFunction(() => [...document.querySelectorAll('button')].some((b) => b.textContent === 'Copied'));
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await out(page, 'out-python'));
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('out-python writes bytes for a blob and says what boto3 fills in', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aws/lambda/Invoke');
  await page.fill('[name="FunctionName"]', 'my-function');
  await page.fill('[name="Payload"]', '{"name": "Bob", "n": 1}');
  const text = await python(page, (t) => t.includes('Payload='));
  assert.equal(text, readFileSync(`${GOLDEN}lambda_invoke.py`, 'utf8'));
  const ec2 = await openRoute(context, '#/aws/ec2/RunInstances');
  await ec2.fill('[name="MinCount"]', '1');
  await ec2.fill('[name="MaxCount"]', '1');
  assert.match(await python(ec2, (t) => t.includes('MaxCount=1')), /# boto3 sets ClientToken to a random UUID/);
  assert.deepEqual([...page.errors, ...ec2.errors], []);
  await context.close();
});

test('out-js shows the JavaScript program of the filled form, follows it, and Copy copies it', async () => {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await openRoute(context, '#/aws/dms/StartReplicationTask');
  await page.fill('[name="ReplicationTaskArn"]', 'arn:aws:dms:us-east-1:123456789012:task:ABCDEFGHIJ');
  await page.selectOption('[name="StartReplicationTaskType"]', 'start-replication');
  await page.fill('[name="CdcStartPosition"]', 'checkpoint:V1#27#mysql-bin-changelog.157832:1975:-1:2002:677883278264080:mysql-bin-changelog.157832:1876#0#0#*#0#93');
  const text = await js(page, (t) => t.includes('CdcStartPosition:'));
  assert.equal(text, readFileSync(`${GOLDEN_JS}dms_start_replication_task.mjs`, 'utf8'));
  await page.fill('[name="region"]', 'eu-west-1');
  assert.match(await js(page, (t) => t.includes('eu-west-1')), /new DatabaseMigrationServiceClient\(\{ region: "eu-west-1" \}\)/);
  await page.getByRole('button', { name: 'Copy JavaScript' }).click();
  await page.waitForFunction(() => [...document.querySelectorAll('button')].some((b) => b.textContent === 'Copied'));
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await out(page, 'out-js'));
  // A blob is a Uint8Array.
  const lambda = await openRoute(context, '#/aws/lambda/Invoke');
  await lambda.fill('[name="FunctionName"]', 'my-function');
  await lambda.fill('[name="Payload"]', '{"name": "Bob", "n": 1}');
  assert.equal(await js(lambda, (t) => t.includes('Payload:')), readFileSync(`${GOLDEN_JS}lambda_invoke.mjs`, 'utf8'));
  assert.deepEqual([...page.errors, ...lambda.errors], []);
  await context.close();
});

test("Alibaba Cloud: the product SDK's programs (RPC and RESTful), and a plain word where npm has no package", async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aliyun/smc/StartReplicationJob');
  await page.fill('[name="JobId"]', 'j-bp1abc2defgh34ijk5lm');
  assert.equal(await python(page, (t) => t.includes('job_id=')), readFileSync(`${GOLDEN}smc_start_replication_job.py`, 'utf8'));
  // npm has no @alicloud/smc20190601: the panel says so.
  assert.equal(await js(page, (t) => t.length > 0), readFileSync(`${GOLDEN_JS}smc_start_replication_job.mjs`, 'utf8'));
  const ecs = await openRoute(context, '#/aliyun/ecs/DescribeRegions');
  assert.match(await python(ecs, (t) => t.includes('_with_options')), /client\.describe_regions_with_options\(request, RuntimeOptions\(\)\)/);
  assert.match(await js(ecs, (t) => t.includes('WithOptions')), /await client\.describeRegionsWithOptions\(request, new \$dara\.RuntimeOptions\(\{\}\)\)/);
  // A RESTful (ROA) operation: its path label goes first; no npm package is pinned for it.
  const cs = await openRoute(context, '#/aliyun/cs/DescribeClusterDetail');
  await cs.fill('[name="ClusterId"]', 'c-1');
  assert.match(await python(cs, (t) => t.includes('"c-1"')), /\nresponse = client\.describe_cluster_detail_with_options\("c-1", \{\}, RuntimeOptions\(\)\)\n/);
  assert.match(await js(cs, (t) => t.length > 0), /^\/\/ The page pins no npm package for Alibaba Cloud Container Service /);
  assert.deepEqual([...page.errors, ...ecs.errors, ...cs.errors], []);
  await context.close();
});

test("the Python writer is not in the page's own module, and the panel is not in the first paint", async () => {
  const html = await (await fetch(BASE_URL)).text();
  const name = html.match(/request-builder-[0-9a-f]+_bg\.wasm/)[0];
  const bytes = (file) => fetch(BASE_URL + file).then((r) => r.arrayBuffer()).then((b) => Buffer.from(b));
  assert.equal((await bytes(name)).includes('boto3.client('), false, 'the page module writes Python');
  assert.equal((await bytes('worker_bg.wasm')).includes('boto3.client('), true, 'the worker writes Python');
  assert.equal((await bytes(name)).includes('@aws-sdk/client-'), false, 'the page module writes JavaScript');
  assert.equal((await bytes('worker_bg.wasm')).includes('@aws-sdk/client-'), true, 'the worker writes JavaScript');
  for (const text of ['alibabacloud_credentials', '@alicloud/credentials']) {
    assert.equal((await bytes(name)).includes(text), false, `the page module writes ${text}`);
    assert.equal((await bytes('worker_bg.wasm')).includes(text), true, `the worker writes ${text}`);
  }
  const context = await browser.newContext();
  const page = await context.newPage();
  // Before the later module takes the slot over, out-python and out-js are empty.
  await page.route('**/later-loader.js', (route) => route.abort());
  await page.goto(BASE_URL + '#/aws/dms/StartReplicationTask');
  await page.waitForSelector('[data-testid="out-json"]');
  assert.equal(await out(page, 'out-python'), '');
  assert.equal(await out(page, 'out-js'), '');
  await context.close();
});

test('out-yaml shows AWS CLI v2\'s --cli-input-yaml document of the form, says why v1 has none, and is not on Alibaba pages', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aws/kms/Encrypt');
  await page.fill('[name="KeyId"]', 'alias/my-key');
  await page.fill('[name="Plaintext"]', 'hello "world"');
  const text = await program(page, 'out-yaml', (t) => t.includes('Plaintext:'));
  // tests/bulk_cli.rs runs such documents through the real AWS CLI v2; here, what the user sees.
  assert.equal(text, [
    '# aws kms encrypt --cli-input-yaml file://input.yaml --cli-binary-format raw-in-base64-out --region us-east-1',
    'KeyId: "alias/my-key"',
    'Plaintext: "hello \\"world\\""',
    '',
  ].join('\n'));
  // A streaming answer (`outfile`) has no input document.
  const invoke = await openRoute(context, '#/aws/lambda/Invoke');
  assert.match(await program(invoke, 'out-yaml', (t) => t.length > 0), /^# aws lambda invoke has no --cli-input-yaml/);
  await page.selectOption('[name="awscli"]', 'v1');
  assert.match(await program(page, 'out-yaml', (t) => t.includes('v1')), /^# AWS CLI v1 has no --cli-input-yaml/);
  const aliyun = await openRoute(context, '#/aliyun/ecs/DescribeRegions');
  await aliyun.getByTestId('out-python').scrollIntoViewIfNeeded();
  await aliyun.waitForFunction(() => typeof window.__later?.scan === 'function');
  assert.equal(await aliyun.getByTestId('out-yaml').count() === 0 || !(await aliyun.getByTestId('out-yaml').isVisible()), true);
  assert.deepEqual(page.errors, []);
  assert.deepEqual(aliyun.errors, []);
  await context.close();
});
