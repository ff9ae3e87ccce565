// Working a big form (issue 30, items 2, 8 and 9), with the aids the later module brings after
// the first paint (src/web/form_aids.rs): the field filter, red only after a touch, Alibaba's
// RegionId following Region, and Undo reset. Each test failed on the page before them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openRoute, out, outMatching } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const shown = (page, selector) => page.locator(selector).isVisible();

test('Find a field: words from a name or its help, Required only, and fields added while it filters', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aws/ec2/RunInstances');
  const filter = page.getByLabel('Find a field');
  await filter.fill('subnet');
  assert.equal(await shown(page, '[name="SubnetId"]'), true);
  assert.equal(await shown(page, '[name="ImageId"]'), false);
  // The region is not a member: it always shows.
  assert.equal(await shown(page, '[name="region"]'), true);
  assert.match(await page.locator('.filter-status').textContent(), /^Showing \d+ of \d+ fields\./);
  // Two words, from the name and from the help.
  await filter.fill('user data');
  assert.equal(await shown(page, '[name="UserData"]'), true);
  assert.equal(await shown(page, '[name="SubnetId"]'), false);
  await filter.fill('no-such-field-anywhere');
  assert.match(await page.locator('.filter-status').textContent(), /^No field of \d+ matches\./);
  // A list that matches by its own name shows what is added to it while the filter is on.
  await filter.fill('block device');
  await page.getByRole('button', { name: 'Add BlockDeviceMappings', exact: true }).click();
  await page.locator('[name="BlockDeviceMappings[0].DeviceName"]').waitFor({ state: 'visible' });
  assert.equal(await shown(page, '[name="MinCount"]'), false);
  // Required only, with no words: ec2's required members and nothing else.
  await filter.fill('');
  await page.getByLabel('Required only').check();
  assert.equal(await shown(page, '[name="MinCount"]'), true);
  assert.equal(await shown(page, '[name="MaxCount"]'), true);
  assert.equal(await shown(page, '[name="ImageId"]'), false);
  // A required structure shows its members under Required only when none of them is required
  // (one must be chosen), and the optional members around it go.
  const lambda = await openRoute(context, '#/aws/lambda/CreateFunction');
  await lambda.getByLabel('Required only').check();
  assert.equal(await shown(lambda, '[name="FunctionName"]'), true);
  assert.equal(await shown(lambda, '[name="Code.S3Bucket"]'), true);
  assert.equal(await shown(lambda, '[name="Description"]'), false);
  // Off again: the form is as it was, and the filter changed no output.
  await page.getByLabel('Required only').uncheck();
  assert.equal(await shown(page, '[name="ImageId"]'), true);
  assert.equal(await page.locator('[data-filtered]').count(), 0);
  assert.match(await out(page, 'out-cli'), /--block-device-mappings/);
  // A three-field form has no filter.
  const small = await openRoute(context, '#/aws/dms/StartReplicationTask');
  await small.waitForFunction(() => window.__later?.scan);
  assert.equal(await small.getByLabel('Find a field').count(), 0);
  assert.deepEqual([...page.errors, ...small.errors, ...lambda.errors], []);
  await context.close();
});

const red = (page, selector) => page.locator(selector).evaluate((e) => getComputedStyle(e).boxShadow !== 'none');

test('a required field turns red only once touched or once the request is asked for', async () => {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await openRoute(context, '#/aws/dms/StartReplicationTask');
  await page.waitForFunction(() => window.__later?.scan);
  const arn = '[name="ReplicationTaskArn"]';
  // Invalid to assistive technology from the start (the UI contract), but not red.
  assert.equal(await page.locator(arn).getAttribute('aria-invalid'), 'true');
  assert.equal(await red(page, arn), false);
  await page.locator(arn).focus();
  await page.locator('[name="StartReplicationTaskType"]').focus();
  assert.equal(await red(page, arn), true);
  // Asking for the command makes every invalid field red.
  const fresh = await openRoute(context, '#/aws/dms/StartReplicationTask');
  await fresh.waitForFunction(() => window.__later?.scan);
  assert.equal(await red(fresh, '[name="StartReplicationTaskType"]'), false);
  await fresh.getByTestId('out-cli').locator('xpath=..').getByRole('button', { name: 'Copy' }).click();
  assert.equal(await red(fresh, '[name="StartReplicationTaskType"]'), true);
  // A link's wrong value is red at once.
  const linked = await openRoute(context, '#/aws/dms/StartReplicationTask?ReplicationTaskArn=not-an-arn');
  await linked.waitForFunction(() => document.querySelector('[name="ReplicationTaskArn"]')?.hasAttribute('data-touched'));
  assert.equal(await red(linked, '[name="ReplicationTaskArn"]'), true);
  assert.deepEqual([...page.errors, ...fresh.errors, ...linked.errors], []);
  await context.close();
});

test("Alibaba Cloud: RegionId follows the Region control unless the user set it", async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aliyun/ecs/RunInstances');
  const regionId = page.locator('[name="RegionId"]');
  await page.waitForFunction(() => document.querySelector('[name="RegionId"]')?.value === 'cn-hangzhou');
  await page.fill('[name="region"]', 'cn-beijing');
  assert.equal(await regionId.inputValue(), 'cn-beijing');
  await outMatching(page, 'out-cli', /--RegionId cn-beijing/);
  // Set by the user: it stays, and the mismatch is warned at RegionId.
  await regionId.fill('cn-shanghai');
  await page.fill('[name="region"]', 'cn-shenzhen');
  assert.equal(await regionId.inputValue(), 'cn-shanghai');
  await outMatching(page, 'out-cli', /--RegionId cn-shanghai/);
  assert.ok((await page.locator('[id$="RegionId-msg"]').textContent()).includes('cn-shenzhen'));
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('Undo reset puts the form back, the secret included, and the link still carries no secret', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aws/dms/CreateEndpoint');
  await page.waitForFunction(() => window.__later?.scan);
  await page.fill('[name="EndpointIdentifier"]', 'source-db');
  await page.fill('[name="Password"]', 'S3cr3t-Pa55!');
  await page.getByRole('button', { name: 'Reset form' }).click();
  assert.equal(await page.inputValue('[name="EndpointIdentifier"]'), '');
  await page.getByRole('button', { name: 'Undo reset' }).click();
  await page.waitForFunction(() => document.querySelector('[name="EndpointIdentifier"]')?.value === 'source-db');
  assert.equal(await page.inputValue('[name="Password"]'), 'S3cr3t-Pa55!');
  assert.ok(!page.url().includes('S3cr3t'));
  assert.equal(await page.getByRole('button', { name: 'Undo reset' }).count(), 0);
  // After a reset, typing into the new form takes the undo away: it would drop what was typed.
  await page.getByRole('button', { name: 'Reset form' }).click();
  await page.getByRole('button', { name: 'Undo reset' }).waitFor();
  await page.fill('[name="EndpointIdentifier"]', 'other');
  assert.equal(await page.getByRole('button', { name: 'Undo reset' }).count(), 0);
  // ... and the cleared form leaves memory with it, its password included.
  assert.equal(await page.evaluate(() => window.__later.undo ?? window.__later.undoSecrets ?? null), null);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('JSON carried in a string: a multi-line box, a check at the field, and Load file (issue 30, item 3)', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aws/dms/CreateReplicationTask');
  const mappings = page.locator('[name="TableMappings"]');
  assert.equal(await mappings.evaluate((e) => e.tagName), 'TEXTAREA');
  const pretty = '{\n  "rules": [\n    {"rule-type": "selection"}\n  ]\n}';
  await mappings.fill(pretty);
  await outMatching(page, 'out-json', /"TableMappings": "\{\\n  \\"rules\\": \[\\n/);
  await mappings.fill('{\n  "rules": [\n    {"rule-type" "selection"}\n  ]\n}');
  await page.waitForFunction(() => /is not JSON: expected `:` \(line 3, column 18\)/.test(document.getElementById('f-TableMappings-msg')?.textContent));
  // Load file: the file's text, as typing would put it.
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Load file into TableMappings' }).click();
  await (await chooser).setFiles({ name: 'table-mappings.json', mimeType: 'application/json', buffer: Buffer.from(pretty) });
  await page.waitForFunction((p) => document.querySelector('[name="TableMappings"]').value === p, pretty);
  assert.match(await page.locator('.load-status').first().textContent(), /^Loaded table-mappings\.json \(\d+ bytes\)\.$/);
  await page.waitForFunction(() => document.getElementById('f-TableMappings-msg')?.textContent === '');
  // Words from a multi-line box's help find it (its Load file line is not its help).
  await page.getByLabel('Find a field').fill('overall settings');
  assert.equal(await shown(page, '[name="ReplicationTaskSettings"]'), true);
  assert.equal(await shown(page, '[name="TableMappings"]'), false);
  // A blob takes a file's bytes as UTF-8 text; bytes that are not are refused, and the field keeps its value.
  const kinesis = await openRoute(context, '#/aws/kinesis/PutRecord');
  await kinesis.fill('[name="Data"]', 'kept');
  const binary = kinesis.waitForEvent('filechooser');
  await kinesis.getByRole('button', { name: 'Load file into Data' }).click();
  await (await binary).setFiles({ name: 'key.bin', mimeType: 'application/octet-stream', buffer: Buffer.from([0xff, 0xfe, 0x00, 0x80]) });
  await kinesis.waitForFunction(() => /key\.bin is not UTF-8 text/.test(document.querySelector('.load-status')?.textContent));
  assert.equal(await kinesis.inputValue('[name="Data"]'), 'kept');
  // A one-line box would lose a file's line breaks: refused, and said.
  const lines = kinesis.waitForEvent('filechooser');
  await kinesis.getByRole('button', { name: 'Load file into Data' }).click();
  await (await lines).setFiles({ name: 'two.txt', mimeType: 'text/plain', buffer: Buffer.from('a\nb') });
  await kinesis.waitForFunction(() => /two\.txt has line breaks/.test(document.querySelector('.load-status')?.textContent));
  assert.equal(await kinesis.inputValue('[name="Data"]'), 'kept');
  assert.deepEqual([...page.errors, ...kinesis.errors], []);
  await context.close();
});

test('the aids follow the operation when the page is rebuilt in place for the next one', async () => {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await openRoute(context, '#/aws/ec2/RunInstances');
  const aided = (route) => page.waitForFunction((r) => document.querySelector('main.operation section.form')?.getAttribute('data-aided') === r, route);
  // Both models loaded: from here on, each move rebuilds the operation's page in place.
  await page.evaluate(() => { location.hash = '#/aws/dms/StartReplicationTask'; });
  await aided('#/aws/dms/StartReplicationTask');
  await page.evaluate(() => { location.hash = '#/aws/ec2/RunInstances'; });
  await aided('#/aws/ec2/RunInstances');
  await page.getByLabel('Find a field').fill('subnet');
  await page.getByTestId('out-cli').locator('xpath=..').getByRole('button', { name: 'Copy' }).click();
  await page.evaluate(() => { location.hash = '#/aws/dms/StartReplicationTask'; });
  await aided('#/aws/dms/StartReplicationTask');
  assert.equal(await page.getByLabel('Find a field').count(), 0);
  assert.equal(await page.locator('[data-filtered]').count(), 0);
  assert.equal(await red(page, '[name="ReplicationTaskArn"]'), false);
  // And back to the big one: its filter is new and empty.
  await page.evaluate(() => { location.hash = '#/aws/ec2/RunInstances'; });
  await aided('#/aws/ec2/RunInstances');
  assert.equal(await page.getByLabel('Find a field').inputValue(), '');
  assert.equal(await shown(page, '[name="ImageId"]'), true);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('deprecated and internal members come last, folded and marked; a link or Find a field opens them', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aws/ec2/RunInstances');
  const toggle = page.locator('section.form > button.aside-toggle');
  await toggle.waitFor();
  assert.equal(await toggle.textContent(), 'Deprecated and internal (4)');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  // After every other member of the structure: the toggle, then the four.
  const tail = await page.locator('section.form > *').evaluateAll((all) => all.slice(-5).map((e) => e.className));
  assert.deepEqual(tail, ['aside-toggle', 'list aside', 'list aside', 'structure folded aside', 'field aside']);
  assert.equal(await shown(page, '[name="AdditionalInfo"]'), false);
  await toggle.click();
  assert.equal(await shown(page, '[name="AdditionalInfo"]'), true);
  assert.equal(await page.getByLabel('AdditionalInfo (internal)').count(), 1);
  assert.equal(await page.locator('legend', { hasText: 'ElasticGpuSpecification (deprecated)' }).count(), 1);
  await toggle.click();
  assert.equal(await shown(page, '[name="AdditionalInfo"]'), false);
  // A structure opened later folds its own (Placement's SpreadDomain), and folding the structure
  // again takes the toggle with it.
  const placement = page.locator('button.fold[aria-label="Placement"]');
  await placement.click();
  const inner = page.locator('fieldset:has(> legend [aria-label="Placement"]) > button.aside-toggle');
  assert.equal(await inner.textContent(), 'Deprecated and internal (1)');
  assert.equal(await shown(page, '[name="Placement.SpreadDomain"]'), false);
  await placement.click();
  await inner.waitFor({ state: 'detached' });
  await page.getByLabel('Find a field').fill('additional');
  assert.equal(await shown(page, '[name="AdditionalInfo"]'), true, 'Find a field opens them');
  // A link that sets one opens them, and the request carries it as before.
  const linked = await openRoute(context, '#/aws/ec2/RunInstances?ImageId=ami-1&AdditionalInfo=x');
  await linked.locator('button.aside-toggle[aria-expanded="true"]').waitFor();
  assert.equal(await shown(linked, '[name="AdditionalInfo"]'), true);
  assert.match(await out(linked, 'out-cli'), /--additional-info x/);
  // ElastiCache's AuthToken opens with "Reserved parameter." but is a real password: it stays.
  const cache = await openRoute(context, '#/aws/elasticache/ModifyReplicationGroup');
  assert.equal(await cache.locator('.field:not(.aside) > [name="AuthToken"]').count(), 1);
  await context.close();
});

test('regression: a member called region keeps its own value and control beside the Region control', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aliyun/maxcompute/ListProjects?region=cn-beijing&.region=cn-shanghai');
  assert.equal(await page.getByLabel('Region', { exact: true }).inputValue(), 'cn-beijing');
  const member = page.locator('section.form .field:has(> label[for="f-region"]) > [name="region"]');
  assert.equal(await member.inputValue(), 'cn-shanghai');
  assert.equal(await page.locator('[id="region"], [id="f-region"]').count(), 2, 'two controls, two ids');
  await context.close();
});
