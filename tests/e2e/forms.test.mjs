// Big forms (issue 30, item 2): an added list item opens at once, and adding another keeps the
// first one open, empty or not.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openRoute, out } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('an added list item shows its controls at once, and a second one keeps the first open', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aliyun/ecs/RunInstances');
  await page.getByRole('button', { name: 'Add DataDisk', exact: true }).click();
  // Before: the item came folded, and needed a second click.
  await page.locator('[name="DataDisk[0].Size"]').fill('40');
  await page.getByRole('button', { name: 'Add DataDisk', exact: true }).click();
  await page.locator('[name="DataDisk[1].Category"]').waitFor();
  assert.equal(await page.locator('[name="DataDisk[0].Size"]').inputValue(), '40');
  // An empty first item stays open too.
  const ec2 = await openRoute(context, '#/aws/ec2/RunInstances');
  await ec2.getByRole('button', { name: 'Add BlockDeviceMappings', exact: true }).click();
  await ec2.getByRole('button', { name: 'Add BlockDeviceMappings', exact: true }).click();
  assert.equal(await ec2.locator('[name="BlockDeviceMappings[0].DeviceName"]').count(), 1);
  assert.equal(await ec2.locator('[name="BlockDeviceMappings[1].DeviceName"]').count(), 1);
  assert.match(await out(page, 'out-cli'), /DataDisk\.1\.Size 40/);
  assert.deepEqual([...page.errors, ...ec2.errors], []);
  await context.close();
});

test('Copy link copies the address of the filled form (issue 30, item 9: there was no such button)', async () => {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await openRoute(context, '#/aws/dms/StartReplicationTask');
  await page.fill('[name="ReplicationTaskArn"]', 'arn:aws:dms:us-east-1:123456789012:task:LINK');
  await page.waitForTimeout(600); // the address follows the form 250 ms after typing stops
  await page.getByRole('button', { name: 'Copy link' }).click();
  await page.waitForFunction(() => [...document.querySelectorAll('button')].some((b) => b.textContent === 'Copied'));
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(link, page.url());
  assert.match(link, /ReplicationTaskArn=arn%3Aaws%3Adms%3Aus-east-1%3A123456789012%3Atask%3ALINK/);
  // The link reopens the same filled form.
  const again = await openRoute(context, link.slice(link.indexOf('#')));
  assert.equal(await again.inputValue('[name="ReplicationTaskArn"]'), 'arn:aws:dms:us-east-1:123456789012:task:LINK');
  await context.close();
});
