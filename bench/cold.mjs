// Cold loads measured the way a person sees them, shared by the benchmark (bench.mjs) and the A/B
// comparison of two builds (ab.mjs): each load in a new browser context, the page's own clock.
// Chromium 151+ preloads its address bar's popup (a WebUI page in a renderer of its own) for every
// new window, headless too: each cold load's new context kept one of the machine's two cores busy
// while the page loaded. Puppeteer turns both features off by default (puppeteer#15278); so do
// the bench and the end-to-end tests (tests/e2e/browser.mjs).
export const ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup'];

export const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/** `n` cold loads of `url`, each in a new browser context: `watch(arg)` runs in the page before
 * its own scripts and logs `bench:done` once it has measured; then `read` runs in the page and
 * its result is kept. The page's own signal, a console message: Playwright's waitForFunction
 * would inject and compile its helper script in the page while the load is being measured (a
 * 20-30 ms task that lands between the two animation frames). */
export async function loads(browser, url, n, watch, arg, read) {
  const results = [];
  for (let i = 0; i < n; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(watch, arg);
    const signal = page.waitForEvent('console', { predicate: (m) => m.text() === 'bench:done', timeout: 30000 });
    await page.goto(url);
    await signal;
    results.push(await page.evaluate(read));
    await context.close();
  }
  return results;
}

/** For `n` cold loads, on the page's clock from navigation start: when `selector` exists in the
 * DOM, and when that form is painted (two animation frames later: the frame that shows it has
 * been produced). */
export async function coldLoads(browser, url, selector, n) {
  const results = await loads(browser, url, n, (sel) => {
    const check = () => {
      if (window.__ready || !document.querySelector(sel)) return;
      window.__ready = performance.now();
      requestAnimationFrame(() => requestAnimationFrame(() => {
        window.__painted = performance.now();
        console.debug('bench:done');
      }));
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true });
    document.addEventListener('DOMContentLoaded', check);
  }, selector, () => [
    window.__ready,
    window.__painted,
    // What the page asked for before its form was painted (the page's own clock).
    performance.getEntriesByType('resource').filter((e) => e.startTime <= window.__painted).map((e) => new URL(e.name).pathname),
  ]);
  return { present: results.map((r) => r[0]), painted: results.map((r) => r[1]), requested: results.flatMap((r) => r[2]) };
}

/** `n` cold loads of each of `pages` ([url, selector] pairs), interleaved round by round, so
 * that the machine's drift during the run falls on all of them alike (in blocks, one page's
 * median could come from a busier minute than another's). Each page is loaded once first,
 * uncounted: the browser's own first-use costs (its font and network caches) fall on no counted
 * load. Per page, what `coldLoads` gives. */
export async function interleavedColdLoads(browser, pages, n) {
  for (const [url, selector] of pages) await coldLoads(browser, url, selector, 1);
  const series = pages.map(() => ({ present: [], painted: [], requested: [] }));
  for (let round = 0; round < n; round++) {
    for (const [i, [url, selector]] of pages.entries()) {
      const load = await coldLoads(browser, url, selector, 1);
      series[i].present.push(...load.present);
      series[i].painted.push(...load.painted);
      series[i].requested.push(...load.requested);
    }
  }
  return series;
}
