// The release bundle, served statically, behaves as the UI contract says.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openRoute, out, SHOTS } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const ARN = 'arn:aws:dms:us-east-1:123456789012:task:ABCDEFG';

test('typing ReplicationTaskArn updates out-json and out-cli at once', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aws/dms/StartReplicationTask');
  await page.locator('input[name="ReplicationTaskArn"]').pressSequentially(ARN);
  assert.match(await out(page, 'out-json'), new RegExp(`"ReplicationTaskArn": "${ARN}"`));
  assert.match(await out(page, 'out-cli'), new RegExp(`--replication-task-arn ${ARN}`));
  await page.screenshot({ path: `${SHOTS}dms-filled.png`, fullPage: true });
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the picker lists the four operations and each link opens its form', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/');
  const routes = [
    ['#/aws/dms/StartReplicationTask', 'ReplicationTaskArn'],
    ['#/aws/datasync/StartTaskExecution', 'TaskArn'],
    ['#/aws/elasticache/StartMigration', 'ReplicationGroupId'],
    ['#/aliyun/smc/StartReplicationJob', 'JobId'],
  ];
  for (const [route, field] of routes) {
    await page.goto(new URL(page.url()).origin + '/#/');
    await page.locator(`a[href="${route}"]`).click();
    await page.waitForSelector(`[name="${field}"]`);
    assert.ok(page.url().endsWith(route));
  }
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the search box filters the picker', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/');
  await page.getByLabel('Search operations').fill('aliyun');
  assert.equal(await page.locator('.op-list li:visible').count(), 1);
  await page.getByLabel('Search operations').fill('');
  assert.equal(await page.locator('.op-list li:visible').count(), 4);
  await context.close();
});

test('an unknown route says so instead of showing a blank page', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aws/nope/Nothing');
  assert.match(await page.locator('main').textContent(), /No such operation/);
  await context.close();
});
