// The release bundle, served statically, behaves as the UI contract says.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, openRoute, out, BASE_URL, SHOTS } from './browser.mjs';

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

test('the picker searches both clouds and every Alibaba product, and opens one', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/');
  const first = page.locator('.op-list [role="option"]').first();
  const search = page.getByLabel('Search operations');
  for (const [query, route] of [
    ['aliyun ram CreateUser', '#/aliyun/ram/CreateUser'],
    ['aws iam create-user', '#/aws/iam/CreateUser'],
    ['aliyun cs DescribeClustersV1', '#/aliyun/cs/DescribeClustersV1'],
    ['aliyun sts AssumeRole', '#/aliyun/sts/AssumeRole'],
  ]) {
    await search.fill(query);
    await page.waitForFunction((r) => document.querySelector('.op-list [role="option"]')?.getAttribute('href') === r, route);
    assert.equal(await first.getAttribute('href'), route, query);
  }
  await first.click();
  await page.waitForFunction(() => /aliyun sts AssumeRole/.test(document.querySelector('[data-testid="out-cli"]')?.textContent ?? ''));
  await context.close();
});

test('an aliyun command with a flag the CLI\'s metadata does not list adds --force and names the flag', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aliyun/smc/StartReplicationJob?region=cn-hangzhou&JobId=j-bp1a2b3c4d5e');
  const cli = () => page.locator('[data-testid="out-cli"]').textContent();
  await page.waitForFunction(() => /--JobId j-bp1a2b3c4d5e/.test(document.querySelector('[data-testid="out-cli"]')?.textContent ?? ''));
  assert.doesNotMatch(await cli(), /--force/);
  // OwnerId: the SDK's owner parameter, last in the form, in no API's metadata.
  await page.locator('input[name="OwnerId"]').fill('1234567890');
  await page.waitForFunction(() => /--force/.test(document.querySelector('[data-testid="out-cli"]')?.textContent ?? ''));
  assert.match(await page.locator('.shell-warnings').textContent(), /metadata lacks --OwnerId/);
  await context.close();
});

test('the search box filters the picker', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/');
  const options = page.locator('.op-list [role="option"]');
  await page.getByLabel('Search operations').fill('aliyun smc StartReplicationJob');
  await page.waitForFunction(() => document.querySelectorAll('.op-list [role="option"]').length === 1);
  assert.equal(await options.count(), 1);
  // Texts from the models are shown as text: this summary holds double quotes.
  await page.getByLabel('Search operations').fill('connect associatequeueemailaddresses');
  await page.waitForFunction(() => document.querySelector('.op-list [role="option"] .op-name')?.textContent === 'AssociateQueueEmailAddresses');
  assert.match(await page.locator('.op-list .op-summary').first().textContent(), /select different "From"/);
  assert.equal(await options.first().getAttribute('href'), '#/aws/connect/AssociateQueueEmailAddresses');
  await page.getByLabel('Search operations').fill('');
  await page.waitForFunction(() => document.querySelectorAll('.op-list [role="option"]').length === 4);
  assert.equal(await options.count(), 4);
  await context.close();
});

test('the picker reads the index in the page\'s worker, started by index.html before the page\'s module is in, and fetched once', async () => {
  const context = await browser.newContext();
  const requested = [];
  context.on('request', (r) => requested.push(new URL(r.url()).pathname));
  // Hold the page's own module back: the index must be on its way before it arrives.
  let released = false;
  await context.route(/\/request-builder-[0-9a-f]+_bg\.wasm$/, async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    released = true;
    await route.continue();
  });
  let indexBeforeModule = null;
  context.on('request', (r) => { if (r.url().endsWith('/models/index.json') && indexBeforeModule === null) indexBeforeModule = !released; });
  const page = await openRoute(context, '#/');
  await page.waitForFunction(() => document.querySelectorAll('.op-list [role="option"]').length === 4);
  assert.match(await page.getByTestId('picker-status').textContent(), /Type to search all \d{5} operations/);
  assert.equal(indexBeforeModule, true, 'the worker index.html started fetched the index while the page\'s module was held back');
  assert.deepEqual(requested.filter((p) => p.endsWith('/models/index.json')), ['/models/index.json'], 'read once, by that worker');
  assert.ok(requested.some((p) => p.endsWith('/worker_bg.wasm')), requested.join(' '));
  await page.getByLabel('Search operations').fill('dms start-replication-task');
  await page.waitForFunction(() => document.querySelector('.op-list [role="option"] .op-name')?.textContent === 'StartReplicationTask');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('regression: Enter and arrow keys pressed before the worker answers act on the rows of what is typed', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/');
  await page.waitForFunction(() => document.querySelectorAll('.op-list [role="option"]').length === 4);
  // Typed and moved down twice in one task: the answer for the new text cannot have come yet,
  // and the showcase's four rows are still on screen.
  await page.evaluate(() => {
    const input = document.querySelector('#op-search');
    input.value = 'ec2 runinstances';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    for (let i = 0; i < 2; i++) input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
  });
  await page.waitForFunction(() => document.querySelector('.op-list [aria-selected="true"] .op-name')?.textContent === 'RunInstances');
  const active = await page.locator('#op-search').getAttribute('aria-activedescendant');
  assert.equal(await page.locator(`#${active} .op-name`).textContent(), 'RunInstances', 'the active descendant exists and is the selected row');
  // Typed and Enter in one task: Enter waits for the answer, then opens its first row.
  await page.evaluate(() => {
    const input = document.querySelector('#op-search');
    input.value = 'dms start-replication-task';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  });
  await page.waitForSelector('[name="ReplicationTaskArn"]');
  assert.ok(page.url().endsWith('#/aws/dms/StartReplicationTask'), page.url());
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a picker whose index or worker cannot load says so in its status, and retries on typing', async () => {
  for (const [path, reason] of [['**/models/index.json', /could not be loaded: models\/index\.json answered 404/], ['**/worker_bg.wasm', /could not be loaded: the page's worker stopped \(.*404/]]) {
    const context = await browser.newContext();
    let refuse = true;
    await context.route(path, (route) => (refuse ? route.fulfill({ status: 404, body: 'gone' }) : route.continue()));
    const page = await openRoute(context, '#/');
    await page.waitForFunction(() => /could not be loaded/.test(document.querySelector('[data-testid="picker-status"]')?.textContent ?? ''));
    assert.match(await page.getByTestId('picker-status').textContent(), reason);
    refuse = false;
    await page.getByLabel('Search operations').fill('ec2 runinstances');
    await page.waitForFunction(() => document.querySelector('.op-list [role="option"] .op-name')?.textContent === 'RunInstances');
    await context.close();
  }
});

test('the picker searches every operation by CLI name and opens one with the keyboard', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/');
  const search = page.getByLabel('Search operations');
  await search.fill('dms start-replication-task');
  await page.waitForFunction(() => document.querySelector('.op-list [role="option"] .op-name')?.textContent === 'StartReplicationTask');
  await search.fill('ec2 runinstances');
  await page.waitForFunction(() => document.querySelector('.op-list [role="option"] .op-name')?.textContent === 'RunInstances');
  assert.match(await page.getByTestId('picker-status').textContent(), /match/);
  await search.press('Enter');
  await page.waitForSelector('[name="MaxCount"]');
  assert.ok(page.url().includes('#/aws/ec2/RunInstances'), page.url());
  // The focus moves to the new page's heading (it fell to <body> before).
  await page.waitForFunction(() => document.activeElement?.matches('main.operation h1'));
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'RunInstances');
  // A large operation folds its optional structures; opening one shows its controls.
  assert.equal(await page.locator('[name="Placement.AvailabilityZone"]').count(), 0);
  await page.getByRole('button', { name: 'Placement', exact: true }).click();
  await page.locator('[name="Placement.AvailabilityZone"]').fill('us-east-1a');
  await page.locator('[name="MaxCount"]').fill('1');
  await page.locator('[name="MinCount"]').fill('1');
  await page.locator('[name="ImageId"]').fill('ami-12345678');
  assert.match(await out(page, 'out-body'), /Placement\.AvailabilityZone=us-east-1a/);
  assert.match(await out(page, 'out-cli'), /aws ec2 run-instances/);
  await page.screenshot({ path: `${SHOTS}ec2-run-instances.png`, fullPage: true });
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a map gets key and value controls and renders as the model says', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aws/sqs/CreateQueue');
  await page.locator('[name="QueueName"]').fill('jobs');
  await page.getByRole('button', { name: 'Add Attributes' }).click();
  await page.locator('[name="Attributes[0].key"]').selectOption('DelaySeconds');
  await page.locator('[name="Attributes[0].value"]').fill('5');
  assert.match(await out(page, 'out-json'), /"Attributes": \{\s*"DelaySeconds": "5"/);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('an unknown route says so instead of showing a blank page', async () => {
  const context = await browser.newContext();
  for (const route of ['#/aws/nope/Nothing', '#/aws/dms/Nothing']) {
    const page = await openRoute(context, route);
    await page.waitForFunction(() => /No such operation/.test(document.querySelector('main')?.textContent ?? ''));
    assert.match(await page.locator('main').textContent(), /No such operation/);
  }
  await context.close();
});

test('a link to one operation fetches only that operation\'s model file, never its whole service', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const fetched = [];
  page.on('request', (r) => {
    const model = /\/models\/(.+)$/.exec(new URL(r.url()).pathname);
    if (model) fetched.push(model[1]);
  });
  await page.goto(BASE_URL + '#/aws/ec2/RunInstances');
  await page.waitForSelector('[name="MaxCount"]');
  assert.deepEqual(fetched, ['aws/ec2/RunInstances.json'], 'ec2.json is 794 KB; RunInstances.json 45 KB');
  // Following a link to another operation of the same service fetches that one's file.
  await page.evaluate(() => { location.hash = '#/aws/ec2/StartInstances'; });
  await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'StartInstances');
  assert.deepEqual(fetched, ['aws/ec2/RunInstances.json', 'aws/ec2/StartInstances.json']);
  await context.close();
});

test('the served page\'s style rules are those of style/main.css (the build minifies the inline stylesheet)', async () => {
  const context = await browser.newContext();
  // Each rule as what it does, not how it is spelled (a minifier may merge, reorder or respell
  // declarations: `background: none` as `background: 0 0`, `transparent` as `#0000`): its
  // declarations as sorted longhands, each value as it computes on a probe element, and
  // custom properties (which keep what was written) as the colour they name, if they name one.
  const rules = () => {
    const probe = document.body.appendChild(document.createElement('i'));
    const value = (name, text) => {
      probe.style.cssText = '';
      if (name.startsWith('--')) {
        probe.style.color = text;
        return probe.style.color ? getComputedStyle(probe).color : text;
      }
      probe.style.setProperty(name, text);
      return probe.style.getPropertyValue(name) ? getComputedStyle(probe).getPropertyValue(name).trim() : text;
    };
    const canonical = (rule) => {
      if (rule.style && rule.selectorText !== undefined) {
        const declarations = [...rule.style].sort().map((name) => `${name}: ${value(name, rule.style.getPropertyValue(name).trim())}${rule.style.getPropertyPriority(name) ? ' !important' : ''}`);
        return `${rule.selectorText} { ${declarations.join('; ')} }`;
      }
      if (rule.cssRules) return `${rule.cssText.split('{')[0].trim()} { ${[...rule.cssRules].map(canonical).join(' ')} }`;
      return rule.cssText;
    };
    // The later module's own sheet (style/later.css, added after the paint) is not index.html's.
    const all = [...document.styleSheets].filter((sheet) => sheet.ownerNode?.id !== 'later-style')
      .flatMap((sheet) => [...sheet.cssRules].map(canonical));
    probe.remove();
    return all;
  };
  const page = await openRoute(context, '#/aws/dms/StartReplicationTask');
  const served = await page.evaluate(rules);
  const source = await context.newPage();
  await source.setContent(`<style>${readFileSync(new URL('../../style/main.css', import.meta.url), 'utf8')}</style>`);
  const written = await source.evaluate(rules);
  assert.ok(written.length > 50, `${written.length} rules`);
  assert.deepEqual(served, written);
  await context.close();
});

test('a DMS link loads its code as index.html and one wasm request, with nothing in the console', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requested = [];
  const messages = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  page.on('console', (m) => messages.push(`${m.type()}: ${m.text()}`));
  await page.goto(BASE_URL + '#/aws/dms/StartReplicationTask');
  await page.waitForSelector('[name="ReplicationTaskArn"]');
  const code = requested.filter((p) => /\.(js|wasm)$/.test(p) && !/(later|worker)/.test(p));
  // The glue is inside index.html; its fetch of the wasm takes the preloaded response.
  assert.equal(code.length, 1, code.join(' '));
  assert.match(code[0], /^\/request-builder-[0-9a-f]+_bg\.wasm$/);
  assert.deepEqual(messages, []);
  await context.close();
});

test('regression: a module ready before the parser reaches the body waits for it, mounts once and leaves no placeholder', async () => {
  const context = await browser.newContext();
  // A parser-blocking script after the glue, held for a second: the wasm and the model arrive
  // while the body is not parsed yet.
  let held = false;
  await context.route('**/held.js', async (route) => {
    await new Promise((r) => setTimeout(r, 1000));
    held = true;
    await route.fulfill({ contentType: 'text/javascript', body: '' });
  });
  await context.route(/\/(index\.html)?$/, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace('</head>', '<script src="held.js"></script></head>');
    await route.fulfill({ response, body: html });
  });
  const page = await openRoute(context, '#/aws/dms/StartReplicationTask');
  assert.ok(held, 'the parser was held');
  await page.waitForSelector('[name="ReplicationTaskArn"]');
  assert.equal(await page.locator('#boot').count(), 0, 'the placeholder is gone');
  assert.equal(await page.locator('header.topbar').count(), 1, 'the app is mounted once');
  assert.equal(await page.evaluate(() => document.body.firstElementChild?.tagName), 'HEADER', 'the app is the body\'s content');
  await page.getByLabel('ReplicationTaskArn').fill('arn:aws:dms:us-east-1:123456789012:task:X');
  assert.match(await out(page, 'out-cli'), /--replication-task-arn arn:aws:dms:us-east-1:123456789012:task:X/);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the panels below curl, the send panel and the Region suggestions come with the form (built just after its first paint)', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aws/dms/StartReplicationTask');
  for (const id of ['out-json', 'out-http', 'out-body', 'out-query']) await page.getByTestId(id).waitFor({ state: 'attached' });
  assert.match(await out(page, 'out-http'), /^POST \/ HTTP\/1\.1/);
  assert.equal(await page.locator('[data-later="send"]').count(), 1);
  const regions = await page.locator('#regions option').evaluateAll((options) => options.map((o) => o.value));
  assert.ok(regions.length > 10 && regions.includes('us-east-1') && regions.includes('eu-west-1'), regions.join(' '));
  assert.equal(await page.locator('#region').getAttribute('list'), 'regions');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('regression: a trap in the release page is said on the page, not a silent stop', async () => {
  // The release build aborts a panic at once (no panic hook can run): the wasm traps with a
  // WebAssembly.RuntimeError, which reaches the window as an uncaught error, as here.
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aws/dms/StartReplicationTask');
  // An ordinary script error is not the page stopping.
  await page.evaluate(() => setTimeout(() => { throw new TypeError('not a trap'); }));
  await page.waitForTimeout(100);
  assert.equal(await page.locator('#stopped').count(), 0);
  await page.evaluate(() => setTimeout(() => { throw new WebAssembly.RuntimeError('unreachable'); }));
  const note = page.getByRole('alert').filter({ hasText: 'The page stopped' });
  await note.waitFor();
  assert.match(await note.textContent(), /RuntimeError: unreachable.*reload to continue/);
  // A trap while the module starts rejects the start's promise instead.
  const again = await openRoute(context, '#/aws/dms/StartReplicationTask');
  await again.evaluate(() => { Promise.reject(new WebAssembly.RuntimeError('unreachable')); });
  await again.getByRole('alert').filter({ hasText: 'The page stopped' }).waitFor();
  await context.close();
});

test('the picker starts in its search box, ranks what people mean first, and lists a whole service', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/');
  await page.waitForFunction(() => document.activeElement?.id === 'op-search');
  // Typed without a click: the box has the focus.
  await page.keyboard.type('invoke lambda');
  await page.waitForFunction(() => document.querySelector('.op-list [role="option"]')?.getAttribute('href') === '#/aws/lambda/Invoke');
  const search = page.getByLabel('Search operations');
  await search.fill('ec2');
  await page.waitForFunction(() => /the first 60 are shown/.test(document.querySelector('[data-testid="picker-status"]')?.textContent ?? ''));
  const first60 = await page.locator('.op-list [role="option"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  assert.ok(first60.every((href) => href.startsWith('#/aws/ec2/')), first60.filter((h) => !h.startsWith('#/aws/ec2/')).join(' '));
  const showAll = page.getByRole('button', { name: /^Show all \d+$/ });
  const total = Number((await showAll.textContent()).match(/\d+/)[0]);
  await showAll.click();
  await page.waitForFunction((n) => document.querySelectorAll('.op-list [role="option"]').length === n, total);
  assert.equal(await page.getByRole('button', { name: /^Show all/ }).count(), 0);
  // A new query starts at 60 rows again.
  await search.fill('ec2 describe');
  await page.waitForFunction(() => document.querySelectorAll('.op-list [role="option"]').length === 60);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('while the operations index cannot be read, the picker still lists the showcase', async () => {
  const context = await browser.newContext();
  await context.route('**/models/index.json', (route) => route.abort('internetdisconnected'));
  const page = await openRoute(context, '#/');
  await page.waitForFunction(() => /could not be loaded/.test(document.querySelector('[data-testid="picker-status"]')?.textContent ?? ''));
  const hrefs = await page.locator('.op-list [role="option"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  assert.deepEqual(hrefs, ['#/aws/dms/StartReplicationTask', '#/aws/datasync/StartTaskExecution', '#/aws/elasticache/StartMigration', '#/aliyun/smc/StartReplicationJob']);
  // Typing narrows the showcase; a link still opens its form.
  await page.getByLabel('Search operations').fill('dms');
  await page.waitForFunction(() => document.querySelectorAll('.op-list [role="option"]').length === 1);
  await page.locator('.op-list [role="option"]').click();
  await page.waitForSelector('[name="ReplicationTaskArn"]');
  await context.close();
});
