// Shared set-up for the end-to-end suites: Debian's Chromium driven by playwright-core.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

export const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:8080/';
export const SHOTS = new URL('./screenshots/', import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });

const ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic',
  // Chromium 151+ preloads its address bar's popup, a WebUI renderer, for every new window
  // (headless too), which keeps a core busy while a test's page loads (bench/cold.mjs).
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
];

export async function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
}

/** Opens a route and waits until the page has mounted. */
export async function openRoute(context, route) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(BASE_URL + route);
  await page.waitForSelector('main');
  // A route to an operation first fetches its service's model.
  await page.waitForFunction(() => !document.querySelector('.loading'));
  page.errors = errors;
  return page;
}

export const out = (page, id) => page.getByTestId(id).textContent();

/** A panel's text once it matches `pattern` (a ROA operation's panels are written by the worker
 * a moment after each change), else its text after `timeout` ms, for the assertion to show. */
export async function outMatching(page, id, pattern, timeout = 5000) {
  await page.waitForFunction(
    ([id, source, flags]) => new RegExp(source, flags).test(document.querySelector(`[data-testid="${id}"]`)?.textContent ?? ''),
    [id, pattern.source, pattern.flags], { timeout },
  ).catch(() => {});
  return out(page, id);
}
