// Smoke test of the bundle built by the stable toolchain (scripts/build-page --stable): the
// release does not depend on the pinned nightly alone. A link opens its form, typing renders
// the command, the later module (paste box) and the worker (paste) answer, nothing in the console.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openRoute, out } from '../browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the stable build opens a link, renders as typed, and pastes', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aws/dms/StartReplicationTask');
  await page.getByLabel('ReplicationTaskArn').fill('arn:aws:dms:us-east-1:123456789012:task:STABLE');
  assert.match(await out(page, 'out-cli'), /--replication-task-arn arn:aws:dms:us-east-1:123456789012:task:STABLE/);
  const paste = page.locator('[name="paste"]');
  await paste.fill('aws datasync start-task-execution --task-arn arn:aws:datasync:us-east-1:123456789012:task/task-0123456789abcdef0');
  await page.getByRole('button', { name: 'Fill form' }).click();
  await page.waitForFunction(() => location.hash.startsWith('#/aws/datasync/StartTaskExecution'));
  await page.waitForSelector('[name="TaskArn"]');
  const cli = await out(page, 'out-cli');
  assert.match(cli, /^aws datasync start-task-execution /);
  assert.match(cli, /--task-arn arn:aws:datasync:us-east-1:123456789012:task\/task-0123456789abcdef0/);
  assert.deepEqual(page.errors, []);
  await context.close();
});
