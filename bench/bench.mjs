// The benchmark: bundle size, time to an interactive form, keystroke-to-preview latency, and
// Swagger UI 5 (swagger-ui-dist) opening the same DMS operation, measured in the same run.
// Run by scripts/bench, which builds the release bundle and serves both pages on 127.0.0.1.
import { chromium } from 'playwright-core';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const APP = process.env.APP_URL;
const SWAGGER = process.env.SWAGGER_URL;
const LOADS = Number(process.env.LOADS ?? 20);
const KEYSTROKES = Number(process.env.KEYSTROKES ?? 1000);
const ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

const gz = (path) => gzipSync(readFileSync(path), { level: 9 }).length;
const kb = (bytes) => (bytes / 1024).toFixed(1);
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/** The first transfer: the files at the bundle's top level (service models are fetched later). */
function bundleBytes(dir, files) {
  const names = files ?? readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
  return names.reduce((sum, f) => sum + gz(join(dir, f)), 0);
}

/** Gzipped sizes of the service models, and the largest awsJson service. */
function modelSizes(dir) {
  const folder = join(dir, 'models', 'aws');
  const sizes = readdirSync(folder).map((f) => {
    const text = readFileSync(join(folder, f));
    const model = JSON.parse(text);
    return { service: f.replace(/\.json$/, ''), bytes: gzipSync(text, { level: 9 }).length, protocol: Object.keys(model.protocol)[0], firstOp: model.operations[0]?.name };
  });
  sizes.sort((a, b) => a.bytes - b.bytes);
  const largestJson = sizes.filter((s) => s.protocol === 'json').at(-1);
  return { median: sizes[Math.floor(sizes.length / 2)].bytes, largest: sizes.at(-1), largestJson, index: gz(join(dir, 'models', 'index.json')) };
}

/** From following a link to an operation (a hash change, as a click does) until its form is
 * painted: the control exists, then two animation frames. Each run starts in a fresh context
 * at the picker, so the service's model is fetched cold. */
async function clickToPaint(browser, route, selector, n) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(APP + '#/');
    await page.waitForSelector('#op-search');
    const ms = await page.evaluate(async ([target, sel]) => {
      const t0 = performance.now();
      location.hash = target;
      await new Promise((resolve) => {
        const check = () => { if (document.querySelector(sel)) { observer.disconnect(); resolve(); } };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { childList: true, subtree: true });
        check();
      });
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return performance.now() - t0;
    }, [route, selector]);
    times.push(ms);
    await context.close();
  }
  return times;
}

/** Per keystroke in the picker's search box, over the whole index: from the input event to the
 * list showing the new matches (its status line changes). */
async function pickerKeystrokes(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(APP + '#/');
  await page.waitForFunction(() => /Type to search all/.test(document.querySelector('[data-testid="picker-status"]')?.textContent ?? ''));
  const samples = await page.evaluate(async () => {
    const input = document.querySelector('#op-search');
    const status = document.querySelector('[data-testid="picker-status"]');
    const list = document.querySelector('#op-list');
    const queries = ['dms start-replication-task', 'ec2 run instances', 'describe', 'kinesis put record', 'sqs send message', 'replication', 'iam create role', 'a', 'ssm get parameter'];
    const out = [];
    for (const q of queries) {
      for (let i = 1; i <= q.length; i++) {
        const before = status.textContent + list.childElementCount;
        const done = new Promise((resolve) => {
          const observer = new MutationObserver(() => { observer.disconnect(); resolve(performance.now()); });
          observer.observe(list, { childList: true, characterData: true, subtree: true });
          observer.observe(status, { childList: true, characterData: true, subtree: true });
        });
        input.value = q.slice(0, i);
        const t0 = performance.now();
        input.dispatchEvent(new Event('input', { bubbles: true }));
        const t1 = await Promise.race([done, new Promise((r) => setTimeout(() => r(null), 200))]);
        if (t1 !== null) out.push(t1 - t0);
        else if (status.textContent + list.childElementCount === before) out.push(0);
      }
    }
    return out;
  });
  await context.close();
  return samples;
}

/** Milliseconds from navigation start until `selector` exists, for `n` cold loads. */
async function coldLoads(browser, url, selector, n) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript((sel) => {
      const check = () => {
        if (!window.__ready && document.querySelector(sel)) window.__ready = performance.now();
      };
      new MutationObserver(check).observe(document, { childList: true, subtree: true });
      document.addEventListener('DOMContentLoaded', check);
    }, selector);
    await page.goto(url);
    await page.waitForFunction(() => window.__ready !== undefined, null, { timeout: 30000 });
    times.push(await page.evaluate(() => window.__ready));
    await context.close();
  }
  return times;
}

/** Per keystroke: from the input event to the moment out-cli and out-body both show it. */
async function keystrokes(browser, n) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(APP + '#/aws/datasync/StartTaskExecution');
  await page.waitForSelector('[name="TaskArn"]');
  const samples = await page.evaluate(async (count) => {
    const input = document.querySelector('[name="TaskArn"]');
    const cli = document.querySelector('[data-testid="out-cli"]');
    const body = document.querySelector('[data-testid="out-body"]');
    const out = [];
    for (let i = 0; i < count; i++) {
      const value = `arn:aws:datasync:us-east-1:123456789012:task/task-${String(i).padStart(17, '0')}`;
      const shown = () => cli.textContent.includes(value) && body.textContent.includes(`"${value}"`);
      const done = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          if (shown()) { observer.disconnect(); resolve(performance.now()); }
        });
        observer.observe(cli, { childList: true, characterData: true, subtree: true });
        observer.observe(body, { childList: true, characterData: true, subtree: true });
      });
      input.value = value;
      const t0 = performance.now();
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const t1 = shown() ? performance.now() : await done;
      out.push(t1 - t0);
    }
    return out;
  }, n);
  await context.close();
  return samples;
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
const appBytes = bundleBytes(process.env.APP_DIST);
const swaggerBytes = bundleBytes(process.env.SWAGGER_DIR, ['index.html', 'swagger-ui.css', 'swagger-ui-bundle.js', 'openapi.json']);
const app = await coldLoads(browser, APP + '#/aws/dms/StartReplicationTask', '[name="ReplicationTaskArn"]', LOADS);
const swagger = await coldLoads(browser, SWAGGER + '#/dms/StartReplicationTask', '.try-out__btn', LOADS);
const keys = await keystrokes(browser, KEYSTROKES);
const models = modelSizes(process.env.APP_DIST);
const openDms = await clickToPaint(browser, '#/aws/dms/StartReplicationTask', '[name="ReplicationTaskArn"]', 10);
const openEc2 = await clickToPaint(browser, '#/aws/ec2/RunInstances', '[name="MaxCount"]', 10);
const openJson = await clickToPaint(browser, `#/aws/${models.largestJson.service}/${models.largestJson.firstOp}`, 'main.operation', 10);
const picker = await pickerKeystrokes(browser);
await browser.close();

const appMedian = percentile(app, 50);
const swaggerMedian = percentile(swagger, 50);
const p99 = percentile(keys, 99);
const rows = [
  ['bundle, gzipped (wasm+js+css+html)', `${kb(appBytes)} KB`, `${kb(swaggerBytes)} KB`, `${(swaggerBytes / appBytes).toFixed(1)}x smaller`],
  [`interactive form, median of ${LOADS} cold loads`, `${appMedian.toFixed(0)} ms`, `${swaggerMedian.toFixed(0)} ms`, `${(swaggerMedian / appMedian).toFixed(1)}x faster`],
  [`interactive form, p95 of ${LOADS} cold loads`, `${percentile(app, 95).toFixed(0)} ms`, `${percentile(swagger, 95).toFixed(0)} ms`, ''],
  [`keystroke to out-cli + out-body, p50 of ${KEYSTROKES}`, `${percentile(keys, 50).toFixed(2)} ms`, '', ''],
  [`keystroke to out-cli + out-body, p99 of ${KEYSTROKES}`, `${p99.toFixed(2)} ms`, '', ''],
  ['service model, gzipped: median / largest', `${kb(models.median)} KB / ${kb(models.largest.bytes)} KB (${models.largest.service})`, '', ''],
  ['operations index, gzipped (picker only)', `${kb(models.index)} KB`, '', ''],
  ['link to painted form, DMS StartReplicationTask (median of 10, model fetched)', `${percentile(openDms, 50).toFixed(0)} ms`, '', ''],
  ['link to painted form, ec2 RunInstances (median of 10)', `${percentile(openEc2, 50).toFixed(0)} ms`, '', ''],
  [`link to painted form, largest awsJson service: ${models.largestJson.service} ${models.largestJson.firstOp} (median of 10)`, `${percentile(openJson, 50).toFixed(0)} ms`, '', ''],
  [`picker keystroke to updated list over all operations, p50 / p99 of ${picker.length}`, `${percentile(picker, 50).toFixed(2)} / ${percentile(picker, 99).toFixed(2)} ms`, '', ''],
];
console.log('| measure | this page | Swagger UI 5.35 | ratio |');
console.log('| --- | --- | --- | --- |');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
const budgets = [
  ['total gzipped <= 150 KB', appBytes <= 150 * 1024, `${kb(appBytes)} KB`],
  ['interactive <= 1/4 of Swagger UI (median)', appMedian * 4 <= swaggerMedian, `${(appMedian / swaggerMedian * 100).toFixed(0)}% of Swagger UI`],
  ['keystroke p99 <= 4 ms', p99 <= 4, `${p99.toFixed(2)} ms`],
  ['picker keystroke p99 <= 16 ms', percentile(picker, 99) <= 16, `${percentile(picker, 99).toFixed(2)} ms`],
];
console.log('\nbudgets:');
for (const [name, ok, value] of budgets) console.log(`  ${ok ? 'MET ' : 'MISSED'}  ${name}: ${value}`);
process.exitCode = budgets.every(([, ok]) => ok) ? 0 : 1;
