// Paste to fill, in the real page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openRoute, out } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const COMMAND = `aws datasync start-task-execution \\
  --task-arn arn:aws:datasync:us-east-1:123456789012:task/task-0123456789abcdef0 \\
  --includes 'FilterType=SIMPLE_PATTERN,Value=/logs|/tmp' \\
  --profile prod --region eu-west-1`;

test('a pasted aws command opens its operation with the form filled', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/');
  await page.fill('[name="paste"]', COMMAND);
  await page.getByRole('button', { name: 'Fill form' }).click();
  await page.waitForSelector('[name="TaskArn"]');
  assert.equal(await page.inputValue('[name="TaskArn"]'), 'arn:aws:datasync:us-east-1:123456789012:task/task-0123456789abcdef0');
  assert.equal(await page.inputValue('[name="Includes[0].Value"]'), '/logs|/tmp');
  assert.equal(await page.inputValue('[name="region"]'), 'eu-west-1');
  assert.match(await page.locator('.paste-note').textContent(), /ignored --profile prod/);
  assert.match(await out(page, 'out-cli'), /--includes 'FilterType=SIMPLE_PATTERN,Value=\/logs\|\/tmp'/);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a malformed paste shows the message and caret, and the form stays as it was', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aws/dms/StartReplicationTask');
  await page.fill('[name="ReplicationTaskArn"]', 'arn:aws:dms:us-east-1:123456789012:task:KEEP');
  const cli = await out(page, 'out-cli');
  await page.fill('[name="paste"]', 'aws dms start-replication-task --replication-task-arn x --bogus y');
  await page.getByRole('button', { name: 'Fill form' }).click();
  const error = await page.getByTestId('paste-error').textContent();
  assert.match(error, /--bogus is not an option/);
  assert.match(error, /\n {56}\^/);
  assert.equal(await page.inputValue('[name="ReplicationTaskArn"]'), 'arn:aws:dms:us-east-1:123456789012:task:KEEP');
  assert.equal(await out(page, 'out-cli'), cli);
  await context.close();
});

test('a megabyte of pasted text gets an answer and the page stays responsive', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aws/dms/StartReplicationTask');
  const huge = 'aws dms start-replication-task --cdc-start-position ' + "'" + 'x'.repeat(1024 * 1024) + "' --bogus";
  await page.locator('[name="paste"]').evaluate((el, v) => { el.value = v; el.dispatchEvent(new Event('input', { bubbles: true })); }, huge);
  const started = Date.now();
  await page.getByRole('button', { name: 'Fill form' }).click();
  await page.getByTestId('paste-error').waitFor();
  await page.fill('[name="CdcStopPosition"]', 'still-alive');
  assert.match(await out(page, 'out-cli'), /still-alive/);
  assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a paste with a bad option can still fill what parsed, when the user chooses so', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/');
  await page.fill('[name="paste"]', 'aws dms start-replication-task --replication-task-arn arn:aws:dms:us-east-1:123456789012:task:ABC --bogus y --start-replication-task-type reload-target');
  await page.getByRole('button', { name: 'Fill form' }).click();
  assert.match(await page.getByTestId('paste-error').textContent(), /--bogus is not an option/);
  assert.equal(await page.locator('[name="ReplicationTaskArn"]').count(), 0, 'nothing changes until the user chooses');
  await page.getByRole('button', { name: 'Fill with what parsed, dropping 1 problem(s)' }).click();
  await page.waitForSelector('[name="ReplicationTaskArn"]');
  assert.equal(await page.inputValue('[name="ReplicationTaskArn"]'), 'arn:aws:dms:us-east-1:123456789012:task:ABC');
  assert.equal(await page.inputValue('[name="StartReplicationTaskType"]'), 'reload-target');
  assert.match(await page.locator('.paste-note').textContent(), /dropped: --bogus is not an option/);
  await context.close();
});

test('the paste parsers load only when the paste box is used', async () => {
  const context = await browser.newContext();
  const requested = [];
  context.on('request', (r) => requested.push(new URL(r.url()).pathname));
  const page = await openRoute(context, '#/aws/dms/StartReplicationTask');
  await page.fill('[name="ReplicationTaskArn"]', 'arn:aws:dms:us-east-1:123456789012:task:ABC');
  assert.deepEqual(requested.filter((p) => p.includes('worker')), [], 'not part of the first transfer');
  await page.fill('[name="paste"]', 'aws dms start-replication-task --replication-task-arn arn:aws:dms:us-east-1:123456789012:task:XYZ');
  await page.getByRole('button', { name: 'Fill form' }).click();
  await page.waitForFunction(() => document.querySelector('[name="ReplicationTaskArn"]')?.value.endsWith(':XYZ'));
  assert.ok(requested.some((p) => p.endsWith('/worker_bg.wasm')), requested.join(' '));
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a paste reader that cannot load is reported at the paste box, and the form stays', async () => {
  const context = await browser.newContext();
  await context.route('**/worker_bg.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  const page = await openRoute(context, '#/aws/dms/StartReplicationTask');
  await page.fill('[name="ReplicationTaskArn"]', 'arn:aws:dms:us-east-1:123456789012:task:KEEP');
  await page.fill('[name="paste"]', 'aws dms start-replication-task --replication-task-arn x');
  await page.getByRole('button', { name: 'Fill form' }).click();
  assert.match(await page.getByTestId('paste-error').textContent(), /The paste reader stopped/);
  assert.equal(await page.inputValue('[name="ReplicationTaskArn"]'), 'arn:aws:dms:us-east-1:123456789012:task:KEEP');
  assert.equal(await page.inputValue('[name="paste"]'), 'aws dms start-replication-task --replication-task-arn x', 'the paste is kept');
  // A second try starts a new worker (still failing here) rather than waiting on the dead one.
  await page.getByRole('button', { name: 'Fill form' }).click();
  await page.waitForFunction(() => !document.querySelector('.paste-note'));
  assert.match(await page.getByTestId('paste-error').textContent(), /The paste reader stopped/);
  await context.close();
});

test('a query string is read against the operations this page has opened, not only the one on screen', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aws/elasticache/StartMigration');
  await page.evaluate(() => { location.hash = '#/aws/dms/StartReplicationTask'; });
  await page.waitForSelector('[name="ReplicationTaskArn"]');
  await page.fill('[name="paste"]', 'Action=StartMigration&Version=2015-02-02&ReplicationGroupId=my+group&CustomerNodeEndpointList.member.1.Address=10.0.0.1&CustomerNodeEndpointList.member.1.Port=6379');
  await page.getByRole('button', { name: 'Fill form' }).click();
  await page.waitForSelector('[name="ReplicationGroupId"]');
  assert.equal(await page.inputValue('[name="ReplicationGroupId"]'), 'my group');
  assert.equal(await page.inputValue('[name="CustomerNodeEndpointList[0].Port"]'), '6379');
  assert.deepEqual(page.errors, []);
  await context.close();
});

// Issue 30, item 6: Windows users paste their commands. A PowerShell backtick continuation got
// "the shell would expand this", a cmd.exe caret continuation "unexpected word".
const POWERSHELL = `aws datasync start-task-execution \`
  --task-arn arn:aws:datasync:us-east-1:123456789012:task/task-0123456789abcdef0 \`
  --includes '[{"FilterType":"SIMPLE_PATTERN","Value":"/a, b|/c"}]' \`
  --override-options "{\`"VerifyMode\`": \`"NONE\`"}" \`
  --region eu-west-1`;
// Windows PowerShell 5.1 passes no quote escaped, so AWS's docs write JSON for it with \".
const POWERSHELL5 = `aws datasync start-task-execution \`
  --task-arn arn:aws:datasync:us-east-1:123456789012:task/task-0123456789abcdef0 \`
  --includes '[{\\"FilterType\\":\\"SIMPLE_PATTERN\\",\\"Value\\":\\"/a, b|/c\\"}]' \`
  --override-options "{\\\`"VerifyMode\\\`": \\\`"NONE\\\`"}" \`
  --region eu-west-1`;
const CMD = `aws dms start-replication-task ^
    --replication-task-arn arn:aws:dms:us-east-1:123456789012:task:ABC ^
    --start-replication-task-type resume-processing ^
    --cdc-stop-position "commit_time: ""3018-02-09T12:12:12"" ^&" ^
    --region eu-west-1`;

for (const [shell, text, fields, region] of [
  ['PowerShell', POWERSHELL, { TaskArn: 'arn:aws:datasync:us-east-1:123456789012:task/task-0123456789abcdef0', 'Includes[0].Value': '/a, b|/c', 'OverrideOptions.VerifyMode': 'NONE' }, 'eu-west-1'],
  ['Windows PowerShell 5.1', POWERSHELL5, { TaskArn: 'arn:aws:datasync:us-east-1:123456789012:task/task-0123456789abcdef0', 'Includes[0].Value': '/a, b|/c', 'OverrideOptions.VerifyMode': 'NONE' }, 'eu-west-1'],
  ['cmd.exe', CMD, { ReplicationTaskArn: 'arn:aws:dms:us-east-1:123456789012:task:ABC', StartReplicationTaskType: 'resume-processing', CdcStopPosition: 'commit_time: "3018-02-09T12:12:12" ^&' }, 'eu-west-1'],
]) {
  test(`a ${shell} command continued over lines fills the form`, async () => {
    const context = await browser.newContext();
    const page = await openRoute(context, '#/');
    await page.fill('[name="paste"]', text);
    await page.getByRole('button', { name: 'Fill form' }).click();
    const [first] = Object.keys(fields);
    await page.waitForSelector(`[name="${first}"]`);
    for (const [name, value] of Object.entries(fields)) {
      assert.equal(await page.inputValue(`[name="${name}"]`), value, name);
    }
    assert.equal(await page.inputValue('[name="region"]'), region);
    assert.match(await page.locator('.paste-note').textContent(), new RegExp(`read as ${shell.replace('.', '\\.')}`));
    assert.deepEqual(page.errors, []);
    await context.close();
  });
}

// Issue 30, item 6: Windows PowerShell 5.1 strips the quotes inside JSON arguments; the shell
// select had only PowerShell 7.3+.
test('the Windows PowerShell 5.1 command escapes its quotes for the C runtime, and pastes back', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aws/dms/StartReplicationTask');
  await page.fill('[name="ReplicationTaskArn"]', 'arn:aws:dms:us-east-1:123456789012:task:ABC');
  await page.selectOption('[name="StartReplicationTaskType"]', 'resume-processing');
  await page.fill('[name="CdcStopPosition"]', 'commit_time: "3018-02-09T12:12:12"');
  await page.selectOption('[name="shell"]', 'powershell');
  assert.match(await out(page, 'out-cli'), /--cdc-stop-position 'commit_time: "3018-02-09T12:12:12"'/);
  await page.selectOption('[name="shell"]', 'powershell5');
  const cli = await out(page, 'out-cli');
  assert.match(cli, /--cdc-stop-position 'commit_time: \\"3018-02-09T12:12:12\\"'/);
  assert.match(await out(page, 'out-curl'), /^curl\.exe /);
  await page.click('.reset:not(.copy-link)');
  await page.waitForFunction(() => document.querySelector('[name="CdcStopPosition"]').value === '');
  await page.fill('[name="paste"]', cli);
  await page.getByRole('button', { name: 'Fill form' }).click();
  await page.waitForFunction(() => document.querySelector('[name="CdcStopPosition"]').value !== '');
  assert.equal(await page.inputValue('[name="CdcStopPosition"]'), 'commit_time: "3018-02-09T12:12:12"');
  assert.match(await page.locator('.paste-note').textContent(), /read as Windows PowerShell 5\.1/);
  assert.deepEqual(page.errors, []);
  await context.close();
});

// Issue 30, item 7: the paste box sat above the heading on every page.
test('the paste box comes after the heading (and after the picker\'s search), and what it holds follows the page it opens', async () => {
  const context = await browser.newContext();
  const before = (page, first, second) => page.evaluate(([a, b]) =>
    Boolean(document.querySelector(a).compareDocumentPosition(document.querySelector(b)) & Node.DOCUMENT_POSITION_FOLLOWING), [first, second]);
  const picker = await openRoute(context, '#/');
  assert.equal(await before(picker, '#op-search', '[name="paste"]'), true);
  await picker.fill('[name="paste"]', COMMAND);
  await picker.getByRole('button', { name: 'Fill form' }).click();
  await picker.waitForSelector('[name="TaskArn"]');
  assert.equal(await before(picker, 'main h1', '[name="paste"]'), true);
  assert.equal(await before(picker, '[name="paste"]', '[name="TaskArn"]'), true);
  // The filled page's box holds the paste and says how it was read; the next page's keeps the text.
  await picker.waitForFunction(() => document.querySelector('.paste-note')?.textContent.includes('ignored --profile prod'));
  assert.equal(await picker.inputValue('[name="paste"]'), COMMAND);
  await picker.evaluate(() => { location.hash = '#/aws/dms/StartReplicationTask'; });
  await picker.waitForSelector('[name="ReplicationTaskArn"]');
  await picker.waitForFunction((c) => document.querySelector('[name="paste"]')?.value === c, COMMAND);
  assert.equal(await picker.locator('.paste-note').count(), 0);
  // Back to the filled operation, its page rebuilt in place (both models are loaded): the note
  // of the paste does not come back.
  await picker.evaluate(() => { location.hash = '#/aws/datasync/StartTaskExecution'; });
  await picker.waitForSelector('[name="TaskArn"]');
  await picker.waitForFunction((c) => document.querySelector('[name="paste"]')?.value === c, COMMAND);
  await picker.waitForTimeout(300);
  assert.equal(await picker.locator('.paste-note').count(), 0);
  assert.deepEqual(picker.errors, []);
  await context.close();
});

test('the YAML panel\'s document, pasted in its command, fills the same form; a YAML date is refused at its place', async () => {
  const context = await browser.newContext();
  const page = await openRoute(context, '#/aws/dms/StartReplicationTask');
  await page.fill('[name="ReplicationTaskArn"]', 'arn:aws:dms:us-east-1:123456789012:task:YAML');
  await page.selectOption('[name="StartReplicationTaskType"]', 'reload-target');
  await page.getByTestId('out-yaml').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('[data-testid="out-yaml"]')?.textContent.includes('reload-target'));
  const document = await out(page, 'out-yaml');
  const comment = document.split('\n')[0].replace(/^# /, '');
  const cli = await out(page, 'out-cli');
  const other = await openRoute(context, '#/');
  await other.fill('[name="paste"]', comment.replace('file://input.yaml', `'${document}'`));
  await other.getByRole('button', { name: 'Fill form' }).click();
  await other.waitForSelector('[name="ReplicationTaskArn"]');
  assert.equal(await other.inputValue('[name="ReplicationTaskArn"]'), 'arn:aws:dms:us-east-1:123456789012:task:YAML');
  assert.equal(await out(other, 'out-cli'), cli);
  await other.fill('[name="paste"]', "aws dms start-replication-task --cli-input-yaml 'CdcStartTime: 2026-03-08'");
  await other.getByRole('button', { name: 'Fill form' }).click();
  const error = await other.getByTestId('paste-error').textContent();
  assert.match(error, /takes 2026-03-08 as a number or a date: quote it/);
  assert.deepEqual(other.errors, []);
  await context.close();
});
