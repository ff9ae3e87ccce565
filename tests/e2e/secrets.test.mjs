// Secrets never leave the form (issue 30): a password typed or pasted into a sensitive member is
// masked, kept out of the address, the history and localStorage, and still in the outputs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openRoute, out } from './browser.mjs';

const SAVE_WAIT = 600; // the page writes the permalink and draft 250 ms after typing stops
const SECRET = 'S3cr3t-Pa55!';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Everything the browser keeps of the page: its address, its history state, localStorage. */
const kept = (page) => page.evaluate(() => JSON.stringify({
  href: location.href,
  decoded: decodeURIComponent(location.href),
  state: history.state,
  storage: Object.entries(localStorage),
}));

test('a typed password is masked, stays out of the link, the history and the draft, and is in out-cli', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aws/dms/CreateEndpoint');
  const password = page.locator('[name="Password"]');
  assert.equal(await password.getAttribute('type'), 'password');
  await page.fill('[name="EndpointIdentifier"]', 'src');
  await password.fill(SECRET);
  await page.waitForTimeout(SAVE_WAIT);
  const stored = await kept(page);
  assert.ok(!stored.includes('S3cr3t'), stored);
  assert.match(stored, /EndpointIdentifier=src/);
  assert.ok((await out(page, 'out-cli')).includes(SECRET));
  // Show reveals it, and says so to assistive technology.
  const show = page.getByRole('button', { name: 'Show' });
  await show.click();
  assert.equal(await password.getAttribute('type'), 'text');
  assert.equal(await show.getAttribute('aria-pressed'), 'true');
  // A reload comes back from the link and draft: everything but the secret.
  await page.reload();
  await page.waitForSelector('[name="Password"]');
  assert.equal(await page.inputValue('[name="EndpointIdentifier"]'), 'src');
  assert.equal(await page.inputValue('[name="Password"]'), '');
  assert.deepEqual(page.errors, []);
  await context.close();
});

// Issue 30, item 1: a runbook's command must not hold the password; it reads it from the
// environment, in the syntax of the shell chosen.
test('a secret can be read from an environment variable in the command, and the link keeps that choice', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aws/dms/CreateEndpoint');
  await page.fill('[name="EndpointIdentifier"]', 'src');
  await page.fill('[name="Password"]', SECRET);
  const env = page.getByRole('checkbox', { name: /Commands read it from DMS_PASSWORD/ });
  await env.check();
  await page.waitForFunction(() => document.querySelector('[data-testid="out-cli"]').textContent.includes('--password="$DMS_PASSWORD"'));
  assert.ok(!(await out(page, 'out-cli')).includes(SECRET));
  assert.ok((await out(page, 'out-curl')).includes(SECRET), 'curl keeps the value typed');
  await page.selectOption('[name="shell"]', 'powershell');
  assert.match(await out(page, 'out-cli'), /"--password=\$env:DMS_PASSWORD"/);
  await page.selectOption('[name="shell"]', 'cmd');
  assert.match(await out(page, 'out-cli'), /"--password=%DMS_PASSWORD%"/);
  await page.waitForTimeout(SAVE_WAIT);
  const stored = await kept(page);
  assert.ok(!stored.includes('S3cr3t'), stored);
  assert.match(stored, /\.env=Password/);
  await page.reload();
  await page.waitForSelector('[name="Password"]');
  assert.equal(await page.getByRole('checkbox', { name: /DMS_PASSWORD/ }).isChecked(), true);
  assert.equal(await page.inputValue('[name="Password"]'), '');
  assert.match(await out(page, 'out-cli'), /--password="\$DMS_PASSWORD"/);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a pasted password fills the form without entering the address or the history', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aws/dms/CreateEndpoint');
  await page.fill('[name="paste"]', `aws rds create-db-instance --db-instance-identifier db1 --db-instance-class db.t3.micro --engine mysql --master-username admin --master-user-password '${SECRET}'`);
  await page.getByRole('button', { name: 'Fill form' }).click();
  await page.waitForFunction(() => document.querySelector('[name="DBInstanceIdentifier"]')?.value === 'db1');
  assert.equal(await page.inputValue('[name="MasterUserPassword"]'), SECRET);
  await page.waitForTimeout(SAVE_WAIT);
  const stored = await kept(page);
  assert.ok(!stored.includes('S3cr3t'), stored);
  assert.ok((await out(page, 'out-cli')).includes(SECRET));
  // Back to where the paste started: no entry of the history holds it either.
  await page.goBack();
  await page.waitForSelector('[name="EndpointIdentifier"]');
  assert.ok(!(await kept(page)).includes('S3cr3t'));
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the page\'s own command that reads a secret from the environment pastes back as that choice', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aws/dms/StartReplicationTask');
  await page.fill('[name="paste"]', 'aws rds create-db-instance --db-instance-identifier db1 --db-instance-class db.t3.micro --engine mysql --master-user-password="$RDS_MASTER_USER_PASSWORD"');
  await page.getByRole('button', { name: 'Fill form' }).click();
  await page.waitForFunction(() => document.querySelector('[name="DBInstanceIdentifier"]')?.value === 'db1');
  assert.equal(await page.getByRole('checkbox', { name: /RDS_MASTER_USER_PASSWORD/ }).isChecked(), true);
  assert.equal(await page.inputValue('[name="MasterUserPassword"]'), '');
  assert.match(await out(page, 'out-cli'), /--master-user-password="\$RDS_MASTER_USER_PASSWORD"/);
  // Another variable is still refused, at its place.
  await page.fill('[name="paste"]', 'aws rds create-db-instance --db-instance-identifier "$DB"');
  await page.getByRole('button', { name: 'Fill form' }).click();
  await page.getByText('the shell would expand this').waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('an Alibaba Cloud password is masked and kept out of the link', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aliyun/ecs/CreateInstance');
  assert.equal(await page.locator('[name="Password"]').getAttribute('type'), 'password');
  await page.fill('[name="Password"]', SECRET);
  await page.waitForTimeout(SAVE_WAIT);
  assert.ok(!(await kept(page)).includes('S3cr3t'));
  assert.ok((await out(page, 'out-cli')).includes(SECRET));
  await context.close();
});
