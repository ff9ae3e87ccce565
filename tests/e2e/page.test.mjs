// The page people use every day: permalinks, drafts, reset, embedding, keyboard, accessibility.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { launch, openRoute, out, BASE_URL, SHOTS } from './browser.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const ROUTES = [
  '#/', '#/aws/dms/StartReplicationTask', '#/aws/datasync/StartTaskExecution',
  '#/aws/elasticache/StartMigration', '#/aliyun/smc/StartReplicationJob',
];
const SAVE_WAIT = 600; // the page writes the permalink and draft 250 ms after typing stops

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Every named control's value, in document order. */
async function controlValues(page) {
  return page.$$eval('main [name]', (els) => els.map((e) => [e.name, e.value]));
}

async function fillDms(page) {
  await page.fill('[name="ReplicationTaskArn"]', 'arn:aws:dms:eu-west-1:123456789012:task:ABC');
  await page.selectOption('[name="StartReplicationTaskType"]', 'reload-target');
  await page.fill('[name="CdcStartPosition"]', `it's "quoted" & $piped | ünïcode`);
  await page.fill('[name="region"]', 'eu-west-1');
}

test('a permalink opened in a new browser context restores every control and the same CLI', async () => {
  const first = await browser.newContext();
  const page = await openRoute(first, '#/aws/dms/StartReplicationTask');
  await fillDms(page);
  await page.waitForTimeout(SAVE_WAIT);
  const link = page.url();
  assert.match(link, /\?region=eu-west-1/);
  const values = await controlValues(page);
  const cli = await out(page, 'out-cli');
  const second = await browser.newContext();
  const other = await second.newPage();
  await other.goto(link);
  await other.waitForSelector('[name="ReplicationTaskArn"]');
  assert.deepEqual(await controlValues(other), values);
  assert.equal(await out(other, 'out-cli'), cli);
  await first.close();
  await second.close();
});

test('typing does not add history entries', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aws/dms/StartReplicationTask');
  const before = await page.evaluate(() => history.length);
  await page.locator('[name="CdcStopPosition"]').pressSequentially('server_time:2026-01-01T00:00:00');
  await page.waitForTimeout(SAVE_WAIT);
  assert.equal(await page.evaluate(() => history.length), before);
  await context.close();
});

test('the draft comes back on reload and on the bare route, and Reset form clears it', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aws/datasync/StartTaskExecution');
  await page.fill('[name="TaskArn"]', 'arn:aws:datasync:us-east-1:123456789012:task/task-0123456789abcdef0');
  await page.selectOption('[name="OverrideOptions.VerifyMode"]', 'NONE');
  await page.waitForTimeout(SAVE_WAIT);
  await page.reload();
  await page.waitForSelector('[name="TaskArn"]');
  assert.equal(await page.inputValue('[name="TaskArn"]'), 'arn:aws:datasync:us-east-1:123456789012:task/task-0123456789abcdef0');
  const bare = await openRoute(context, '#/aws/datasync/StartTaskExecution');
  assert.equal(await bare.inputValue('[name="OverrideOptions.VerifyMode"]'), 'NONE');
  await bare.getByRole('button', { name: 'Reset form' }).click();
  assert.equal(await bare.inputValue('[name="TaskArn"]'), '');
  await bare.waitForTimeout(SAVE_WAIT);
  const again = await openRoute(context, '#/aws/datasync/StartTaskExecution');
  assert.equal(await again.inputValue('[name="TaskArn"]'), '');
  await context.close();
});

test('embed mode hides the chrome and posts its height so the portal can size the iframe', async () => {
  const context = await browser.newContext();
  const portal = await context.newPage();
  await portal.setContent(`<!doctype html><body style="margin:0">
    <iframe id="tool" title="Request builder" style="width:800px;height:150px;border:0"
      src="${BASE_URL}#/aws/dms/StartReplicationTask?embed=1"></iframe>
    <script>
      window.messages = 0;
      addEventListener('message', (e) => {
        if (e.data && e.data.type === 'request-builder:height') {
          window.messages++;
          document.getElementById('tool').style.height = e.data.height + 'px';
        }
      });
    </script></body>`);
  await portal.waitForFunction(() => window.messages > 0 && parseInt(document.getElementById('tool').style.height) > 400);
  const frame = portal.frameLocator('#tool');
  assert.equal(await frame.locator('.crumbs').count(), 0);
  assert.equal(await frame.locator('.topbar').count(), 0);
  const grown = await portal.evaluate(() => parseInt(document.getElementById('tool').style.height));
  await frame.locator('[name="CdcStartTime"]').fill('1520511132000');
  await portal.waitForFunction((h) => parseInt(document.getElementById('tool').style.height) !== h, grown);
  await context.close();
});

test('keyboard only: fill DataSync with one Includes rule and copy the CLI', async () => {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await openRoute(context, '#/aws/datasync/StartTaskExecution');
  const tabTo = async (matches) => {
    for (let i = 0; i < 300; i++) {
      await page.keyboard.press('Tab');
      const at = await page.evaluate(() => {
        const e = document.activeElement;
        return { name: e.getAttribute('name'), label: e.getAttribute('aria-label') };
      });
      if (matches(at)) return;
    }
    throw new Error('never reached by Tab');
  };
  await tabTo((e) => e.name === 'TaskArn');
  await page.keyboard.type('arn:aws:datasync:us-east-1:123456789012:task/task-0123456789abcdef0');
  await tabTo((e) => e.label === 'Add Includes');
  await page.keyboard.press('Enter');
  await tabTo((e) => e.name === 'Includes[0].FilterType');
  await page.keyboard.press('ArrowDown');
  await tabTo((e) => e.name === 'Includes[0].Value');
  await page.keyboard.type('/logs|/tmp');
  await tabTo((e) => e.label === 'Copy AWS CLI');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => [...document.querySelectorAll('button')].some((b) => b.textContent === 'Copied'));
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const cli = await out(page, 'out-cli');
  assert.equal(copied, cli);
  assert.match(cli, /--includes 'FilterType=SIMPLE_PATTERN,Value=\/logs\|\/tmp'/);
  await context.close();
});

for (const scheme of ['light', 'dark']) {
  test(`axe-core finds no violations on any route (${scheme})`, async () => {
    const context = await browser.newContext({ colorScheme: scheme });
    const failures = [];
    for (const route of ROUTES) {
      const page = await openRoute(context, route);
      if (route !== '#/') {
        // Show messages and list items too: they must be accessible as well.
        const first = page.locator('main input[type="text"]').first();
        await first.fill('x');
        const add = page.getByRole('button', { name: /^Add / }).first();
        if (await add.count()) await add.click();
      }
      await page.addScriptTag({ path: AXE });
      const result = await page.evaluate(async () => (await axe.run(document)).violations);
      for (const v of result) failures.push(`${route}: ${v.id} (${v.nodes.length}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      await page.screenshot({ path: `${SHOTS}${route.replace(/[#/]+/g, '_')}-${scheme}.png`, fullPage: true });
      await page.close();
    }
    assert.deepEqual(failures, []);
    await context.close();
  });
}

test('every route works at 360 px wide (screenshots for review)', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
  for (const route of ROUTES) {
    const page = await openRoute(context, route);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${route} scrolls sideways by ${overflow}px at 360 px`);
    await page.screenshot({ path: `${SHOTS}${route.replace(/[#/]+/g, '_')}-360.png`, fullPage: true });
    assert.deepEqual(page.errors, []);
    await page.close();
  }
  await context.close();
});

// Regression: a permalink update still pending when the user followed a link rewrote the
// address back to the page being left, so the address and the page disagreed.
test('regression: leaving right after typing keeps the new address and still saves the draft', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aws/dms/StartReplicationTask');
  await page.fill('[name="CdcStopPosition"]', 'server_time:2026-01-01T00:00:00');
  await page.locator('.crumbs a').click();
  await page.waitForTimeout(SAVE_WAIT);
  assert.ok(page.url().endsWith('#/'), page.url());
  assert.equal(await page.locator('.op-list').count(), 1);
  const back = await openRoute(context, '#/aws/dms/StartReplicationTask');
  assert.equal(await back.inputValue('[name="CdcStopPosition"]'), 'server_time:2026-01-01T00:00:00');
  await context.close();
});

test('the theme button cycles system, light and dark; a reload shows the saved theme from the start; a load alone writes nothing', async () => {
  const context = await browser.newContext();
  // What the root element says when the document is parsed: index.html applies the saved theme
  // before the first paint, not the page once its module is in.
  await context.addInitScript(() => document.addEventListener('DOMContentLoaded', () => {
    window.__themeAtParse = document.documentElement.getAttribute('data-theme');
  }));
  const page = await openRoute(context, '#/aws/dms/StartReplicationTask');
  const toggle = page.locator('header.topbar button.theme');
  const state = () => page.evaluate(() => [document.documentElement.getAttribute('data-theme'), localStorage.getItem('request-builder:theme')]);
  assert.equal(await toggle.textContent(), 'Theme: system');
  assert.deepEqual(await state(), [null, null], 'a load applies and saves nothing');
  await toggle.click();
  assert.equal(await toggle.textContent(), 'Theme: light');
  assert.deepEqual(await state(), ['light', 'light']);
  await toggle.click();
  assert.equal(await toggle.textContent(), 'Theme: dark');
  assert.deepEqual(await state(), ['dark', 'dark']);
  await page.reload();
  await page.waitForSelector('[name="ReplicationTaskArn"]');
  assert.equal(await page.evaluate(() => window.__themeAtParse), 'dark');
  assert.equal(await toggle.textContent(), 'Theme: dark');
  await toggle.click();
  assert.equal(await toggle.textContent(), 'Theme: system');
  assert.deepEqual(await state(), [null, '']);
  assert.deepEqual(page.errors, []);
  await context.close();
});
