// A/B of two or more builds (or any pages): cold loads of each URL, interleaved round by round
// after one uncounted load of each, as the benchmark measures them (cold.mjs). Prints, per URL,
// the median and the mean ± standard error of the form's element present and of the painted form.
// Run by scripts/bench-ab, which serves the builds.
//   node bench/ab.mjs URL...   (env: LOADS, rounds, default 40; SELECTOR, default the DMS form's
//   first control)
import { chromium } from 'playwright-core';
import { ARGS, interleavedColdLoads, percentile } from './cold.mjs';

const urls = process.argv.slice(2);
const LOADS = Number(process.env.LOADS ?? 40);
const SELECTOR = process.env.SELECTOR ?? '[name="ReplicationTaskArn"]';
if (urls.length === 0) {
  console.error('usage: node bench/ab.mjs URL...');
  process.exit(2);
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
const series = await interleavedColdLoads(browser, urls.map((url) => [url, SELECTOR]), LOADS);
await browser.close();

/** "median, mean ± standard error" of some milliseconds. */
function summary(values) {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1);
  return `${percentile(values, 50).toFixed(0)} ms, mean ${mean.toFixed(1)} ± ${Math.sqrt(variance / values.length).toFixed(1)}`;
}
console.log(`${LOADS} cold loads each, interleaved`);
for (const [i, url] of urls.entries()) {
  console.log(`${url}\n  present ${summary(series[i].present)}\n  painted ${summary(series[i].painted)}`);
}
