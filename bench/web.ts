/**
 * The web app's size and first render. Size: the whole app (Preact, the screening engine, the profile schema, both
 * languages), gzipped, against the budget of 150 KB. First render, in Debian's Chromium against the local stack:
 * from navigation to the app's first render (the sign-in page) and to the referral form with its first live
 * pre-screen, each beside a baseline measured in the same run: a page with one tiny module script that only marks
 * its first render, served by a bare node:http server. Fresh browser context every round (nothing cached).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { startLocalStack } from '#local/local-stack.js';
import { launchBrowser } from '#test/support/browser.js';
import { BUNDLE_BUDGET_GZIP_BYTES, buildWebApp } from '#web/build/build-web-app.js';
import { fixed, renderTable } from './render-table.js';
import { median } from './rounds.js';

export interface WebBenchOptions {
  readonly rounds?: number;
}

export interface WebBenchResult {
  readonly gzipBytes: number;
  readonly bytes: number;
  readonly budgetBytes: number;
  /** Median ms from navigation start to the app's first render (sign-in page). */
  readonly firstRenderMs: number;
  /** Median ms from navigation start to the referral form with its first live pre-screen, signed in. */
  readonly formMs: number;
  /** Median ms for the baseline page's first render. */
  readonly baselineMs: number;
}

const BASELINE_HTML = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>baseline</title><script type="module" src="/m.js"></script></head><body><div id="app"></div></body></html>';
const BASELINE_JS = "document.getElementById('app').textContent = 'ready'; performance.mark('trial-match:first-render');";

async function startBaselineServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((request, response) => {
    const script = request.url === '/m.js';
    response.writeHead(200, { 'content-type': script ? 'text/javascript' : 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(script ? BASELINE_JS : BASELINE_HTML);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * ms from navigation start to the app's own first-render mark. Waited for by a promise the page resolves itself:
 * waitForFunction polls through eval when the mark is not there at its first look (a loaded machine), and the
 * app's CSP (script-src 'self') refuses eval.
 */
async function markTime(page: Page): Promise<number> {
  await page.evaluate(
    `new Promise((resolve) => {
      const check = () => (performance.getEntriesByName('trial-match:first-render').length > 0 ? resolve(true) : requestAnimationFrame(check));
      check();
    })`,
  );
  return (await page.evaluate("performance.getEntriesByName('trial-match:first-render')[0].startTime")) as number;
}

async function round(browser: Browser, url: string, work: (page: Page) => Promise<number>): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(url);
    return await work(page);
  } finally {
    await context.close();
  }
}

export async function runWebBench(options: WebBenchOptions = {}): Promise<WebBenchResult> {
  const rounds = options.rounds ?? 10;
  const build = await buildWebApp();
  const [stack, browser, baseline] = await Promise.all([
    startLocalStack({ inMemory: true, port: 0, quiet: true, rescreenIntervalMs: false, web: true }),
    launchBrowser(),
    startBaselineServer(),
  ]);
  try {
    const appUrl = `${stack.apiUrl}/`;
    // One unmeasured load of each, so the first measured round is not the browser's own start-up.
    await round(browser, baseline.url, markTime);
    await round(browser, appUrl, markTime);
    const baselineMs: number[] = [];
    const firstRenderMs: number[] = [];
    const formMs: number[] = [];
    for (let i = 0; i < rounds; i++) {
      baselineMs.push(await round(browser, baseline.url, markTime));
      firstRenderMs.push(await round(browser, appUrl, markTime));
      formMs.push(
        await round(browser, appUrl, async (page) => {
          await page.locator('.identity').first().click();
          await page.locator('nav a[href="#/referrals/new"]').click();
          await page.locator('.prescreen-panel [data-verdict]').waitFor();
          return (await page.evaluate('performance.now()')) as number;
        }),
      );
    }
    return {
      gzipBytes: build.gzipBytes,
      bytes: build.bytes,
      budgetBytes: BUNDLE_BUDGET_GZIP_BYTES,
      firstRenderMs: median(firstRenderMs),
      formMs: median(formMs),
      baselineMs: median(baselineMs),
    };
  } finally {
    await browser.close();
    await baseline.close();
    await stack.stop();
  }
}

export function formatWebTable(result: WebBenchResult): string {
  const kb = (bytes: number) => `${fixed(bytes / 1024, 1)} KB`;
  const size = renderTable(
    ['bundle', 'gzipped', 'budget', 'share of budget', 'minified'],
    [['app (Preact, engine, schema, FHIR translator, both languages)', kb(result.gzipBytes), kb(result.budgetBytes), `${fixed((100 * result.gzipBytes) / result.budgetBytes, 0)}%`, kb(result.bytes)]],
  );
  const ratio = (ms: number) => `${fixed(ms / result.baselineMs, 1)}×`;
  const render = renderTable(
    ['page (median, fresh context)', 'ms', 'vs baseline'],
    [
      ['baseline: one-line module script (bare node:http)', fixed(result.baselineMs, 1), '1.0×'],
      ['first render: the sign-in page', fixed(result.firstRenderMs, 1), ratio(result.firstRenderMs)],
      ['referral form with its first live pre-screen', fixed(result.formMs, 1), ratio(result.formMs)],
    ],
  );
  return `${size}\n\n${render}`;
}
