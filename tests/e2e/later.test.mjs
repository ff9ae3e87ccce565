// The later module (src/web/later.rs): the paste box, the send panel and the picker, loaded
// after the first paint into slots that show a static copy until then.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, openRoute, out } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const DMS = '#/aws/dms/StartReplicationTask';
const ARN = 'arn:aws:dms:us-east-1:123456789012:task:ABC';

/** Holds the later module's wasm back until `release()` is called. */
async function holdLaterModule(context) {
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  await context.route('**/later_bg.wasm', async (route) => { await released; await route.continue(); });
  return release;
}

test('the later module is fetched after the form is painted, and takes over its slots', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  // The form painted: its element present, then two animation frames (as scripts/bench).
  await page.addInitScript(() => {
    new MutationObserver(() => {
      if (window.__painted !== undefined || !document.querySelector('[name="ReplicationTaskArn"]')) return;
      window.__painted = null;
      requestAnimationFrame(() => requestAnimationFrame(() => { window.__painted = performance.now(); }));
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(new URL(DMS, process.env.BASE_URL ?? 'http://127.0.0.1:8080/').href);
  await page.getByRole('button', { name: 'Fill form' }).and(page.locator(':enabled')).waitFor();
  const [painted, fetched] = await page.evaluate(() => [
    window.__painted,
    performance.getEntriesByType('resource').find((e) => e.name.endsWith('/later_bg.wasm'))?.startTime,
  ]);
  assert.ok(fetched > painted, `later_bg.wasm fetched at ${fetched} ms, form painted at ${painted} ms`);
  // The real views are in: the send panel's controls work, the copies are gone.
  assert.equal(await page.locator('[name="paste"]').count(), 1);
  assert.equal(await page.locator('[name="proxyUrl"]').count(), 1);
  assert.equal(await page.getByRole('button', { name: 'Send' }).isEnabled(), true);
  await context.close();
});

test('what is typed into a copy before its module is in is kept, with the focus, and nothing moves', async () => {
  const context = await browser.newContext();
  const release = await holdLaterModule(context);
  const page = await openRoute(context, DMS);
  const field = page.locator('[name="ReplicationTaskArn"]');
  const before = await field.boundingBox();
  // The copy takes typing; its button waits for the real paste box.
  await page.locator('[name="paste"]').click();
  await page.keyboard.type(`aws dms start-replication-task --replication-task-arn ${ARN}`);
  // The caret before the ARN.
  for (let i = 0; i < ARN.length; i++) await page.keyboard.press('ArrowLeft');
  assert.equal(await page.getByRole('button', { name: 'Fill form' }).isDisabled(), true);
  release();
  await page.getByRole('button', { name: 'Fill form' }).and(page.locator(':enabled')).waitFor();
  assert.equal(await page.inputValue('[name="paste"]'), `aws dms start-replication-task --replication-task-arn ${ARN}`);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'paste', 'the focus stays in the paste box');
  // The caret stays where it was: what is typed now goes before the ARN.
  await page.keyboard.type('X');
  assert.equal(await page.inputValue('[name="paste"]'), `aws dms start-replication-task --replication-task-arn X${ARN}`);
  await page.keyboard.press('Backspace');
  await page.keyboard.press('End');
  await page.keyboard.type(' --start-replication-task-type reload-target');
  assert.deepEqual(await field.boundingBox(), before, 'the form did not move');
  await page.getByRole('button', { name: 'Fill form' }).click();
  await page.waitForFunction((arn) => document.querySelector('[name="ReplicationTaskArn"]')?.value === arn, ARN);
  assert.equal(await page.inputValue('[name="StartReplicationTaskType"]'), 'reload-target');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a later module that cannot load is reported in each slot, and the form works on', async () => {
  const context = await browser.newContext();
  await context.route('**/later_bg.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  const page = await openRoute(context, DMS);
  await page.locator('[aria-label="Paste to fill"] .later-failed').waitFor();
  await page.locator('[data-later="send"] .later-failed').waitFor();
  assert.match(await page.locator('[aria-label="Paste to fill"] .later-failed').textContent(), /could not load .*Reload the page/);
  await page.fill('[name="ReplicationTaskArn"]', ARN);
  assert.match(await out(page, 'out-cli'), new RegExp(ARN));
  // A slot rendered later says so too: here the loading of an operation not loaded yet, which
  // is the later module's job.
  await page.evaluate(() => { location.hash = '#/aws/datasync/StartTaskExecution'; });
  await page.locator('[data-later="load"] .later-failed').waitFor();
  await context.close();
});

test('the send panel asks about the operation on screen after a link to another one', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, DMS);
  await page.getByRole('button', { name: 'Send' }).and(page.locator(':enabled')).waitFor();
  await page.evaluate(() => { location.hash = '#/aws/datasync/StartTaskExecution'; });
  await page.waitForSelector('[name="TaskArn"]');
  await page.fill('[name="TaskArn"]', 'arn:aws:datasync:us-east-1:123456789012:task/task-0123456789abcdef0');
  await page.getByRole('button', { name: 'Send' }).click();
  const dialog = page.locator('dialog[open]');
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /^Send this request\?StartTaskExecution starts a job\. It goes to https:\/\/datasync\.us-east-1\.amazonaws\.com\/ through the proxy at /);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('regression: a link from a route whose model is loading (or failed) to another loads the other', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aws/nosuchservice/NoSuchOperation');
  await page.getByRole('heading', { name: 'No such operation' }).waitFor();
  // The page rebuilds the loading slot in place for the next route: the later module must load
  // that route's model, not keep the first one's message.
  await page.evaluate(() => { location.hash = '#/aws/datasync/StartTaskExecution'; });
  await page.waitForSelector('[name="TaskArn"]');
  await page.evaluate(() => { location.hash = '#/aws/nosuchservice/Other'; });
  await page.getByText('No aws service called "nosuchservice"').waitFor();
  await page.evaluate(() => { location.hash = '#/aws/elasticache/StartMigration'; });
  await page.waitForSelector('[name="ReplicationGroupId"]');
  await context.close();
});

test('regression: the send panel of the next operation starts afresh, without the last one\'s messages', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, DMS);
  await page.evaluate(() => { location.hash = '#/aws/datasync/StartTaskExecution'; });
  await page.waitForSelector('[name="TaskArn"]');
  // An empty form has errors: Send says it is blocked.
  await page.getByRole('button', { name: 'Send' }).and(page.locator(':enabled')).click();
  await page.getByText(/Sending is blocked/).waitFor();
  // Both models are loaded now: the page rebuilds the operation's page, send slot included, in
  // place for the next one.
  await page.evaluate(() => { location.hash = '#/aws/dms/StartReplicationTask'; });
  await page.waitForSelector('[name="ReplicationTaskArn"]');
  await page.getByRole('button', { name: 'Send' }).and(page.locator(':enabled')).waitFor();
  assert.equal(await page.getByText(/Sending is blocked/).count(), 0);
  await page.fill('[name="ReplicationTaskArn"]', ARN);
  await page.selectOption('[name="StartReplicationTaskType"]', 'start-replication');
  await page.getByRole('button', { name: 'Send' }).click();
  const dialog = page.locator('dialog[open]');
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /StartReplicationTask starts a job\. It goes to https:\/\/dms\.us-east-1\.amazonaws\.com\//);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a later module from another build than the page is refused in each slot, and the form works on', async () => {
  const context = await browser.newContext();
  const release = await holdLaterModule(context);
  const page = await openRoute(context, DMS);
  // The page of an earlier deploy, still open, meets the module of the next one.
  await page.evaluate(() => { window.__later.build = 'an-earlier-build'; });
  release();
  const note = page.locator('[data-later="send"] .later-failed');
  await note.waitFor();
  assert.match(await note.textContent(), /could not load \(the page and this part come from different builds\)\. Reload/);
  await page.locator('[data-later="paste"] .later-failed').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Fill form' }).isDisabled(), true, 'the copy was not taken over');
  await page.fill('[name="ReplicationTaskArn"]', ARN);
  assert.match(await out(page, 'out-cli'), new RegExp(ARN));
  await context.close();
});

test('on the picker\'s route too, a later module from another build says so in its slot', async () => {
  const context = await browser.newContext();
  const release = await holdLaterModule(context);
  const page = await openRoute(context, '#/');
  await page.evaluate(() => { window.__later.build = 'an-earlier-build'; });
  release();
  await page.locator('[data-later="picker"] .later-failed').waitFor();
  await context.close();
});

/** Each slot's elements, as a user meets them: tag, name, role, type, label and visible text of
 * controls and headings, and the slot's size (what the static copy must match so that nothing
 * moves when the module takes over). */
async function slotShapes(page) {
  return page.evaluate(() => [...document.querySelectorAll('[data-later]')].map((slot) => {
    const box = slot.getBoundingClientRect();
    const parts = [...slot.querySelectorAll('*')].filter((e) => e.getClientRects().length > 0).map((e) => {
      const own = [...e.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent.trim()).join(' ').trim();
      return [e.tagName, e.getAttribute('name'), e.getAttribute('role'), e.getAttribute('type'), e.getAttribute('aria-label'), own].filter(Boolean).join(' ');
    });
    return { slot: `${slot.dataset.later} ${slot.dataset.key ?? ''}`.trim(), width: Math.round(box.width), height: Math.round(box.height), parts };
  }));
}

for (const route of [DMS, '#/aliyun/smc/StartReplicationJob', '#/']) {
  test(`each slot's static copy looks as the live view it stands for (${route})`, async () => {
    const context = await browser.newContext();
    const release = await holdLaterModule(context);
    // The picker's live view shows the index once it is read; the copy stands for the moment
    // of the takeover, before that.
    let releaseIndex;
    const indexHeld = new Promise((resolve) => { releaseIndex = resolve; });
    await context.route('**/models/index.json', async (r) => { await indexHeld; await r.continue(); });
    // Likewise the SDK program panel shows its program once the worker has written it.
    await context.route('**/worker-loader.js', async (r) => { await indexHeld; await r.continue(); });
    const page = await openRoute(context, route);
    const copies = await slotShapes(page);
    assert.ok(copies.length > 0, 'the route has slots');
    release();
    await page.waitForFunction(() => typeof window.__later?.scan === 'function');
    await page.waitForTimeout(300);
    const live = await slotShapes(page);
    releaseIndex();
    assert.deepEqual(copies, live);
    await context.close();
  });
}

test('a model that cannot be fetched says what failed, with its URL and Retry, and Retry loads it', async () => {
  const context = await browser.newContext();
  // The network drops every request for the DMS models: the prefetch, the operation's file and
  // the service's file.
  const blocked = (route) => route.abort('internetdisconnected');
  await context.route('**/models/aws/dms**', blocked);
  const page = await context.newPage();
  await page.goto(BASE_URL + '#/aws/dms/CreateReplicationTask');
  const heading = page.getByRole('heading', { name: 'Could not load the dms model' });
  await heading.waitFor();
  const main = await page.locator('main').textContent();
  assert.doesNotMatch(main, /No such operation/);
  assert.match(main, /models\/aws\/dms\.json/);
  await context.unroute('**/models/aws/dms**', blocked);
  await page.getByRole('button', { name: 'Retry' }).click();
  await page.waitForSelector('[name="ReplicationTaskIdentifier"]');
  await context.close();
});

test('a slow model load says it is still at work', async () => {
  const context = await browser.newContext();
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  const slow = async (route) => { await held; await route.continue(); };
  await context.route('**/models/aws/dms**', slow);
  const page = await context.newPage();
  await page.goto(BASE_URL + '#/aws/dms/CreateReplicationTask');
  await page.getByText('Still loading: the network is slow.').waitFor();
  release();
  await page.waitForSelector('[name="ReplicationTaskIdentifier"]');
  await context.close();
});
