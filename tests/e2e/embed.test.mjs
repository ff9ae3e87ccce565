// The page as a docs portal embeds it, and big forms (issue 30): Copy inside a cross-origin
// iframe that has no clipboard permission, `embed=compact` with its "Open full page" link, and
// the request column that stays in view beside a long form.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { BASE_URL, launch, openRoute, out } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// The portal: a server of its own on loopback, so another origin than the page (another port)
// and a secure context as an https portal is: the iframe has the Clipboard API, and only the
// permission to use it is missing.
let portalServer;
let portalRoute = '';
before(async () => {
  portalServer = createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><body style="margin:0">
      <iframe id="tool" title="Request builder" style="width:700px;height:900px;border:0"
        src="${BASE_URL}${portalRoute}"></iframe></body>`);
  });
  await new Promise((done) => portalServer.listen(0, '127.0.0.1', done));
});
after(() => portalServer?.close());

/** A portal page holding the page at `route` in an iframe without `allow="clipboard-write"`. */
async function portal(context, route) {
  portalRoute = route;
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${portalServer.address().port}/`);
  const frame = page.frameLocator('#tool');
  await frame.locator('main h1').waitFor();
  return { page, frame };
}

test('Copy inside a cross-origin iframe without clipboard permission still copies the panel', async () => {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const { page, frame } = await portal(context, '#/aws/dms/StartReplicationTask?embed=1');
  await frame.locator('[name="ReplicationTaskArn"]').fill('arn:aws:dms:us-east-1:123456789012:task:EMBED');
  const cli = await frame.getByTestId('out-cli').textContent();
  assert.match(cli, /EMBED/);
  // The Clipboard API is refused here (permissions policy); the later module falls back.
  const refused = await page.frames()[1].evaluate(() => navigator.clipboard.writeText('x').then(() => false, () => true));
  assert.equal(refused, true, 'the iframe may not use the Clipboard API');
  const button = frame.getByRole('button', { name: 'Copy AWS CLI' });
  await button.click();
  const said = await frame.locator('button.copy', { hasText: /Copied|Ctrl\+C/ }).first().textContent({ timeout: 5000 });
  const selected = await page.frames()[1].evaluate(() => String(getSelection()));
  if (said === 'Copied') {
    const reader = await context.newPage();
    await reader.goto(BASE_URL);
    assert.equal(await reader.evaluate(() => navigator.clipboard.readText()), cli);
  } else {
    assert.equal(selected, cli, 'the panel text is selected for Ctrl+C');
  }
  assert.notEqual(said, 'Copy failed');
  await context.close();
});

test('embed=compact shows the form and its request only, and links to the full page with the form', async () => {
  const context = await browser.newContext();
  const { page, frame } = await portal(context, '#/aws/dms/StartReplicationTask?embed=compact');
  assert.equal(await frame.locator('.paste-row').isVisible(), false, 'no paste box');
  assert.equal(await frame.locator('.topbar').count(), 0, 'no page chrome');
  await frame.getByTestId('out-http').waitFor({ state: 'attached' });
  assert.equal(await frame.locator('.send').isVisible(), false, 'no send panel');
  assert.equal(await frame.getByTestId('out-cli').isVisible(), true);
  await frame.locator('[name="ReplicationTaskArn"]').fill('arn:aws:dms:us-east-1:123456789012:task:FULL');
  await page.waitForTimeout(600); // the address follows the form 250 ms after typing stops
  const link = frame.getByRole('link', { name: 'Open full page' });
  assert.equal(await link.getAttribute('target'), '_blank');
  await link.hover();
  const href = await link.getAttribute('href');
  assert.ok(href.startsWith(BASE_URL + '#/aws/dms/StartReplicationTask?'), href);
  assert.doesNotMatch(href, /embed/);
  // The full page opens the same filled form, with the chrome and the paste box.
  const full = await openRoute(context, href.slice(BASE_URL.length));
  assert.equal(await full.inputValue('[name="ReplicationTaskArn"]'), 'arn:aws:dms:us-east-1:123456789012:task:FULL');
  assert.equal(await full.locator('.paste-row').isVisible(), true);
  await context.close();
});

test('on a wide screen the request stays in view while a long form scrolls', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 800 } });
  const page = await openRoute(context, '#/aws/ec2/RunInstances');
  await page.fill('[name="MinCount"]', '1');
  // The later module's stylesheet is in once its views are.
  await page.waitForSelector('#later-style', { state: 'attached' });
  const last = page.locator('section.form .field:not(.aside)').last();
  await last.scrollIntoViewIfNeeded();
  const scrolled = await page.evaluate(() => scrollY);
  assert.ok(scrolled > 1500, `the form is long: scrolled ${scrolled}px`);
  const box = await page.getByTestId('out-cli').boundingBox();
  assert.ok(box && box.y < 800 && box.y + box.height > 0, `out-cli is in view: ${JSON.stringify(box)}`);
  assert.match(await out(page, 'out-cli'), /"MinCount":1/);
  await context.close();
});
