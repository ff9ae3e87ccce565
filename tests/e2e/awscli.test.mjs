// The AWS CLI version control (`<select name="awscli">`, v2 by default): out-cli, the link, the
// draft and the paste box follow it; the wire outputs do not change.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openRoute, out } from './browser.mjs';

const SAVE_WAIT = 600; // the page writes the permalink and draft 250 ms after typing stops

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('switching the AWS CLI version rewrites out-cli, keeps the wire, and the link and a reload keep it', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aws/kms/Encrypt');
  assert.equal(await page.inputValue('[name="awscli"]'), 'v2');
  await page.fill('[name="KeyId"]', 'alias/app');
  await page.fill('[name="Plaintext"]', 'hello');
  assert.match(await out(page, 'out-cli'), /--cli-binary-format raw-in-base64-out/);
  const body = await out(page, 'out-body');
  await page.selectOption('[name="awscli"]', 'v1');
  assert.doesNotMatch(await out(page, 'out-cli'), /--cli-binary-format/);
  assert.equal(await out(page, 'out-body'), body);
  await page.waitForTimeout(SAVE_WAIT);
  assert.match(page.url(), /awscli=v1/);
  await page.reload();
  await page.waitForSelector('[name="KeyId"]');
  assert.equal(await page.inputValue('[name="awscli"]'), 'v1');
  // The choice carries to forms that start empty.
  const other = await openRoute(context, '#/aws/lambda/Invoke');
  assert.equal(await other.inputValue('[name="awscli"]'), 'v1');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the paste box reads blob values as the chosen version does', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aws/kms/Encrypt');
  // AWS CLI v2 (the default) reads a blob as base64 ...
  await page.fill('[name="paste"]', 'aws kms encrypt --key-id k --plaintext aGk=');
  await page.getByRole('button', { name: 'Fill form' }).click();
  await page.waitForFunction(() => document.querySelector('[name="Plaintext"]')?.value === 'hi');
  // ... and refuses text that is not, as the real v2 does.
  await page.fill('[name="paste"]', 'aws kms encrypt --key-id k --plaintext hello');
  await page.getByRole('button', { name: 'Fill form' }).click();
  assert.match(await page.getByTestId('paste-error').textContent(), /not base64/);
  // v1 takes the text as it is.
  await page.selectOption('[name="awscli"]', 'v1');
  await page.waitForTimeout(SAVE_WAIT);
  await page.fill('[name="paste"]', 'aws kms encrypt --key-id k --plaintext aGk=');
  await page.getByRole('button', { name: 'Fill form' }).click();
  await page.waitForFunction(() => document.querySelector('[name="Plaintext"]')?.value === 'aGk=');
  assert.equal(await page.inputValue('[name="awscli"]'), 'v1');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('Alibaba Cloud pages show no AWS CLI control', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aliyun/smc/StartReplicationJob');
  assert.equal(await page.locator('[name="awscli"]').isVisible(), false);
  await context.close();
});
