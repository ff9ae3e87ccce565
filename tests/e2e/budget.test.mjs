// The first-transfer budget, counted in bytes (stable, unlike timings): gzip -9 of the code a
// cold load of an operation link fetches before its form is painted, index.html included.
// scripts/bench reports the same figure with its timings; this layer fails on it.
// 150 KB until 2026-12-06; 155 KB since: the AWS CLI v2 dialect (its control, blob and
// checksum rules), botocore's request handlers on the wire (UserData base64, S3 SSE-C keys with
// their MD5) and the paste fixes' shared paths added 6.1 KB to the first transfer (147.9 ->
// 154.0 KB as this test counts it), which docs/performance.md records; getting back under
// 150 KB is open work (issue 27). Since then: secrets kept out of links (+1.3 KB), the SDK
// panel's slot (+0.1 KB), and two size wins (short export names -0.5 KB, a second wasm-opt
// pipeline -0.9 KB): 154.3 KB; then the picker's showcase and the proxy command: 155.0 KB; then
// the Copy buttons moved to the later module: 153.8 KB. 158 KB since 2026-12-07: Alibaba Cloud's
// ROA protocol (its request writer, its aliyun command and the model fields they read) added
// 2.9 KB (154.5 -> 157.4 KB), which docs/performance.md records with the two ways of moving it
// out of the first transfer that were measured and were larger (writing the request in the
// worker: +4.3 KB, for the page's side of the round trip). 157 KB since session 18: the ROA
// writers moved to the worker, the page leaving a slot the later module fills (159,631 B: -1.5 KB;
// the model reader's two ROA fields and the slot stay). 159 KB since session 20: issue 30's
// secrets read from the environment in commands (the option with each shell's reference, the
// box, the link's `env`: +1.8 KB) and Windows PowerShell 5.1's quoting (+0.1 KB) made
// 162,058 B. Neither could move to the later module: out-cli is the page's own panel. Winning
// it back (the model reader's two passes, issue 27) is open work. 160 KB since session 22: the
// AWS CLI's old-list options written as the bare words it reads (the page sent
// `--instances InstanceId=i-1`, which the CLI takes as the id `InstanceId=i-1`; the table of
// those options and the writer: +0.5 KB), the YAML panel's slot (+48 B) and the ROA SDK
// programs' two model fields (+112 B) made 163,234 B.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { BASE_URL, launch } from './browser.mjs';

const DIST = new URL('../../dist/', import.meta.url).pathname;
const BUDGET = 160 * 1024;
const gz = (file) => gzipSync(readFileSync(DIST + file), { level: 9 }).length;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The code files (html, js, wasm, css) a cold load requested before its form was painted: the
 * form's element present, then two animation frames (the frame that shows it), on the page's own
 * clock, as scripts/bench (bench/cold.mjs) measures it. */
async function firstTransfer(route, selector) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript((selector) => {
    new MutationObserver(() => {
      if (window.__painted !== undefined || !document.querySelector(selector)) return;
      window.__painted = null;
      requestAnimationFrame(() => requestAnimationFrame(() => { window.__painted = performance.now(); }));
    }).observe(document, { childList: true, subtree: true });
  }, selector);
  await page.goto(BASE_URL + route);
  await page.waitForFunction(() => typeof window.__painted === 'number');
  const requested = await page.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => e.startTime <= window.__painted)
    .map((e) => new URL(e.name).pathname.replace(/^\//, '')));
  await context.close();
  return ['index.html', ...new Set(requested.filter((f) => /\.(html|js|wasm|css)$/.test(f)))];
}

for (const [route, selector] of [
  ['#/aws/dms/StartReplicationTask', '[name="ReplicationTaskArn"]'],
  ['#/aws/ec2/RunInstances', '[name="ImageId"]'],
  ['#/aliyun/smc/StartReplicationJob', '[name="JobId"]'],
]) {
  test(`the first transfer of ${route} is at most ${BUDGET / 1024} KB gzipped`, async () => {
    const files = await firstTransfer(route, selector);
    assert.ok(files.includes('index.html'), files.join(' '));
    assert.ok(files.some((f) => f.endsWith('.wasm')), `the page's wasm was fetched: ${files.join(' ')}`);
    const bytes = files.reduce((sum, f) => sum + gz(f), 0);
    console.log(`# first transfer of ${route}: ${(bytes / 1024).toFixed(1)} KB (${files.join(', ')})`);
    assert.ok(bytes <= BUDGET, `${(bytes / 1024).toFixed(1)} KB > ${BUDGET / 1024} KB: ${files.join(', ')}`);
  });
}
