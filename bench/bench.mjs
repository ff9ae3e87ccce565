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

function bundleBytes(dir, files) {
  return (files ?? readdirSync(dir)).reduce((sum, f) => sum + gz(join(dir, f)), 0);
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
];
console.log('| measure | this page | Swagger UI 5.35 | ratio |');
console.log('| --- | --- | --- | --- |');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
const budgets = [
  ['total gzipped <= 150 KB', appBytes <= 150 * 1024, `${kb(appBytes)} KB`],
  ['interactive <= 1/4 of Swagger UI (median)', appMedian * 4 <= swaggerMedian, `${(appMedian / swaggerMedian * 100).toFixed(0)}% of Swagger UI`],
  ['keystroke p99 <= 4 ms', p99 <= 4, `${p99.toFixed(2)} ms`],
];
console.log('\nbudgets:');
for (const [name, ok, value] of budgets) console.log(`  ${ok ? 'MET ' : 'MISSED'}  ${name}: ${value}`);
process.exitCode = budgets.every(([, ok]) => ok) ? 0 : 1;
