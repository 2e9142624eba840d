/**
 * A real browser for the web app's tests: Debian's Chromium driven by playwright-core (no browser download), one
 * browser per test file, a fresh context (profile, storage, cookies) per user. Each page is checked with axe-core
 * (WCAG 2.1 A and AA), and every console error and Content-Security-Policy violation is collected so a test can
 * insist there were none.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** The flags BRIEF.md asks for; playwright-core gives every launch a fresh user-data directory itself. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 900 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../test-output/screenshots');

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`no Chromium at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\` (.ci/run does), or set CHROMIUM_PATH`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

export interface UserPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors, uncaught exceptions and CSP violations seen so far. */
  readonly problems: () => Promise<readonly string[]>;
}

export async function openUserPage(
  browser: Browser,
  options: { readonly viewport: ViewportName; readonly locale: string; readonly fixedTime?: Date },
): Promise<UserPage> {
  const context = await browser.newContext({
    viewport: VIEWPORTS[options.viewport],
    locale: options.locale,
    timezoneId: options.locale === 'zh-CN' ? 'Asia/Shanghai' : 'Europe/London',
    deviceScaleFactor: 1,
  });
  // Page code as text: these files compile without the DOM library (the app's own code has it).
  await context.addInitScript(`
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations.push(event.violatedDirective + ' ' + event.blockedURI);
    });
  `);
  const page = await context.newPage();
  if (options.fixedTime) await page.clock.setFixedTime(options.fixedTime);
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return {
    context,
    page,
    problems: async () => [
      ...errors,
      ...((await page.evaluate('window.__cspViolations || []').catch(() => [])) as string[]).map((violation) => `csp: ${violation}`),
    ],
  };
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly string[];
}

/** axe-core's WCAG 2.1 A/AA findings for the page as it is now (injected through the debugger, not a script tag). */
export async function axeViolations(page: Page): Promise<readonly AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  // Page code as text: these files compile without the DOM library.
  return page.evaluate(`
    axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    }).then((result) => result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => JSON.stringify(node.target)),
    })))
  `) as Promise<readonly AxeViolation[]>;
}

/** Writes the page's screenshot to test-output/screenshots (git-ignored), named after the flow, language and width. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}
