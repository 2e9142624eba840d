/**
 * The web app in a real browser (Debian's Chromium), against the local stack, as its users use it: a referring
 * physician refers a patient and watches the live pre-screen, the stored result is the one shown, the site's
 * coordinator finds the candidate and moves it into screening, the physician withdraws and the coordinator's page
 * loses the patient. In both languages, at phone and desktop widths; every page is checked with axe-core (WCAG 2.1
 * AA), must raise no console error or CSP violation, and leaves a screenshot in test-output/screenshots.
 *
 * One browser and one local stack serve every test here. The server's clock and the page's are pinned to the same
 * instant, so the live pre-screen and the stored one screen the same day.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '#local/local-identity.js';
import { startLocalStack, type LocalStack } from '#local/local-stack.js';
import { readFileSync } from 'node:fs';
import { translateBundle } from '#fhir/translate-bundle.js';
import { screeningDate } from '#referral/screening-date.js';
import { screen } from '#screening/screen.js';
import { findTrial } from '#trial/registry.js';
import { ManualClock } from '#test/support/manual-clock.js';
import { axeViolations, launchBrowser, openUserPage, screenshot, type UserPage, type ViewportName } from '#test/support/browser.js';
import { startFakeOidcProvider } from '#test/support/fake-oidc-provider.js';

/** An hour ago, to the minute: never in the future of the tokens the local stack signs with the real clock. */
const NOW = new Date(Math.floor((Date.now() - 3_600_000) / 60_000) * 60_000);
const TODAY = screeningDate(NOW, 'Asia/Shanghai');
const daysAgo = (days: number): string => screeningDate(new Date(NOW.getTime() - days * 86_400_000), 'Asia/Shanghai');
const yearsAgo = (years: number): string => `${Number(TODAY.slice(0, 4)) - years}${TODAY.slice(4)}`;

/**
 * A real browser, a local stack and the site's polling: ~5-20 s per test on an idle machine, several times that when
 * the 2 cores are shared with other suites. The limit only stops a hung test; nothing here is timed.
 */
const BROWSER_TEST_TIMEOUT_MS = 180_000;

let stack: LocalStack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([
    startLocalStack({ inMemory: true, port: 0, quiet: true, rescreenIntervalMs: false, clock: new ManualClock(NOW), web: { pollIntervalMs: 1000 } }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Everything a haematologist would send for an adult in relapse, except the hemoglobin (typed in the form). */
function profileWithoutHemoglobin() {
  const absent = (assessedDaysAgo?: number) => ({ status: 'absent', ...(assessedDaysAgo === undefined ? {} : { assessedOn: daysAgo(assessedDaysAgo) }) });
  return {
    demographics: { birthDate: yearsAgo(34), sex: 'male', weight: { value: 68, unit: 'kg', date: daysAgo(3) } },
    diagnosis: { type: 'T-ALL', classification: 'WHO-2016', diagnosedOn: daysAgo(420) },
    diseaseStatus: { status: 'relapsed', since: daysAgo(20) },
    blasts: [
      { specimen: 'bone-marrow', percent: 46, date: daysAgo(10), method: 'morphology' },
      { specimen: 'peripheral-blood', percent: 18, date: daysAgo(5), method: 'flow-cytometry' },
    ],
    cd7: [{ percent: 94.2, method: 'flow-cytometry', date: daysAgo(10), specimen: 'bone-marrow' }],
    ecog: { score: 1, date: daysAgo(4) },
    lifeExpectancy: { value: 6, unit: 'mo', assessedOn: daysAgo(4) },
    labs: {
      totalBilirubin: { value: 17.1, unit: 'umol/L', date: daysAgo(3), upperLimitOfNormal: { value: 21, unit: 'umol/L' } },
      ast: { value: 46, unit: 'U/L', date: daysAgo(3), upperLimitOfNormal: { value: 40, unit: 'U/L' } },
      alt: { value: 63, unit: 'U/L', date: daysAgo(3), upperLimitOfNormal: { value: 40, unit: 'U/L' } },
    },
    consent: { status: 'pending' },
    history: {
      solidOrganTransplant: absent(),
      severePulmonaryDysfunction: absent(),
      severeAutoimmuneDisease: absent(),
      congenitalImmunodeficiency: absent(),
      hivInfection: absent(6),
    },
    cardiac: {
      atrialFibrillation: absent(4),
      myocardialInfarction: absent(4),
      qtProlongation: absent(4),
      qtcMs: { value: 421, date: daysAgo(4) },
      pericardialEffusion: absent(4),
      heartFailure: absent(4),
    },
    infections: { uncontrolledInfection: absent(4), activeHepatitis: absent(4), significantViralInfection: absent(4) },
  };
}

/** Screenshot, axe, and no console error or CSP violation (but the expected ones: the browser logs a 412 it got). */
async function expectAccessible(user: UserPage, name: string, expected: readonly RegExp[] = []): Promise<void> {
  await screenshot(user.page, name);
  expect(await axeViolations(user.page), `axe on ${name}`).toEqual([]);
  const problems = (await user.problems()).filter((problem) => !expected.some((pattern) => pattern.test(problem)));
  expect(problems, `console and CSP on ${name}`).toEqual([]);
}

async function signIn(user: UserPage, identity: string): Promise<void> {
  await user.page.goto(`${stack.apiUrl}/`);
  await user.page.locator(`.identity >> nth=${['dr-li', 'dr-zhang', 'coord-wang'].indexOf(identity)}`).click();
  await user.page.locator('main h1').waitFor();
}

/** What the page shows of a screening: the verdict and every criterion's outcome. */
async function shownScreening(page: Page, scope: string): Promise<{ verdict: string | null; outcomes: Record<string, string> }> {
  const verdict = await page.locator(`${scope} [data-verdict]`).first().getAttribute('data-verdict');
  const rows = await page.locator(`${scope} [data-criterion]`).evaluateAll((elements) =>
    elements.map((element) => [element.getAttribute('data-criterion') ?? '', element.getAttribute('data-outcome') ?? '']),
  );
  return { verdict, outcomes: Object.fromEntries(rows) };
}

async function api(path: string, token: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${stack.apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const FLOWS: readonly { language: 'en' | 'zh-CN'; viewport: ViewportName; physician: string }[] = [
  { language: 'en', viewport: 'desktop', physician: 'dr-li' },
  { language: 'zh-CN', viewport: 'phone', physician: 'dr-zhang' },
  { language: 'zh-CN', viewport: 'desktop', physician: 'dr-zhang' },
  { language: 'en', viewport: 'phone', physician: 'dr-li' },
];

describe.each(FLOWS)('$language at $viewport width', ({ language, viewport, physician }) => {
  const tag = `${language}-${viewport}`;

  it('refers a patient, the coordinator moves them into screening, the physician withdraws and the site loses them', async () => {
    const doctor = await openUserPage(browser, { viewport, locale: language, fixedTime: NOW });
    const coordinator = await openUserPage(browser, { viewport, locale: language, fixedTime: NOW });
    try {
      const { page } = doctor;
      await signIn(doctor, physician);
      await expectAccessible(doctor, `${tag}-1-physician-home`);

      // The form, with most of the profile loaded from a file and the hemoglobin typed by hand.
      await page.locator('nav a[href="#/referrals/new"]').click();
      await page.locator('#f-labs-hemoglobin-value').waitFor();
      await page.locator('#import-file').setInputFiles({
        name: 'patient.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(profileWithoutHemoglobin())),
      });
      await page.locator('.import-box .notice-ok').waitFor();
      const panel = '.prescreen-panel';
      expect((await shownScreening(page, panel)).verdict).toBe('potential');
      expect((await shownScreening(page, panel)).outcomes['inc-hemoglobin']).toBe('unknown');
      await expect.poll(() => page.locator(`${panel} .missing-list li[data-field="labs.hemoglobin"]`).count()).toBe(1);

      await page.locator('#f-labs-hemoglobin-value').fill('88');
      await page.locator('#f-labs-hemoglobin-date').fill(daysAgo(2));
      await expect.poll(async () => (await shownScreening(page, panel)).verdict).toBe('eligible');
      expect((await shownScreening(page, panel)).outcomes['inc-hemoglobin']).toBe('met');
      await expectAccessible(doctor, `${tag}-2-referral-form`);
      const live = await shownScreening(page, panel);

      // Sending without the pre-screening consent is refused in the form, then sent.
      await page.locator('.submit-area button[type=submit]').click();
      await expect.poll(() => page.locator('#attest-error').count()).toBe(1);
      await page.locator('#attest').check();
      await page.locator('.submit-area button[type=submit]').click();
      await page.locator('.detail-page [data-verdict]').waitFor();
      const referralId = /#\/referrals\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
      expect(referralId).not.toBe('');
      expect(await page.locator('[data-match]').getAttribute('data-match')).toBe('true');
      expect(await shownScreening(page, '.detail-page')).toEqual(live);
      await expectAccessible(doctor, `${tag}-3-referral-stored`);

      // The server stored exactly the live verdict, criterion by criterion.
      const token = await stack.mintToken({ role: 'physician', sub: physician });
      const stored = await api(`/referrals/${referralId}`, token);
      const screening = stored.body['screening'] as { verdict: string; criteria: { id: string; outcome: string }[] };
      expect(screening.verdict).toBe(live.verdict);
      expect(Object.fromEntries(screening.criteria.map((c) => [c.id, c.outcome]))).toEqual(live.outcomes);

      // The coordinator sees the new candidate appear in the inbox without reloading.
      await signIn(coordinator, 'coord-wang');
      const row = coordinator.page.locator(`tr[data-candidate="${referralId}"]`);
      await row.waitFor({ timeout: 90_000 });
      await expectAccessible(coordinator, `${tag}-4-coordinator-inbox`);
      await row.locator('a').click();
      await coordinator.page.locator('[data-move="candidate"]').click();
      await expect.poll(() => coordinator.page.locator('[data-status]').getAttribute('data-status')).toBe('candidate');
      await coordinator.page.locator('[data-move="screening"]').click();
      await expect.poll(() => coordinator.page.locator('[data-status]').getAttribute('data-status')).toBe('screening');
      // Only the moves the workflow allows from screening are offered.
      expect(await coordinator.page.locator('[data-move]').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-move')))).toEqual([
        'eligible',
        'ineligible',
        'withdrawn',
      ]);
      await expectAccessible(coordinator, `${tag}-5-coordinator-candidate`);

      // The physician sees the site's status, then withdraws after a confirmation that says the data is erased.
      await page.locator('nav a[href="#/referrals"]').click();
      await page.locator(`tr[data-referral="${referralId}"]`).waitFor();
      await page.locator(`tr[data-referral="${referralId}"] a`).click();
      await page.locator('.detail-page [data-verdict]').waitFor();
      await page.locator('.detail-page .actions .button-danger').click();
      await page.locator('dialog[open]').waitFor();
      await expectAccessible(doctor, `${tag}-6-withdraw-confirmation`);
      await page.locator('dialog[open] .button-danger').click();
      await page.locator('.referral-table').waitFor();
      expect(await page.locator(`tr[data-referral="${referralId}"]`).textContent()).toContain(language === 'en' ? 'Withdrawn' : '撤回');

      // The coordinator's open page learns the patient is gone, without a reload.
      await coordinator.page.locator('[data-gone]').waitFor({ timeout: 90_000 });
      // Its last move's message goes with it, not beside "no longer available".
      await expect.poll(() => coordinator.page.locator('.status-message').textContent()).toBe('');
      await expectAccessible(coordinator, `${tag}-7-coordinator-after-withdrawal`);
      expect((await api(`/referrals/${referralId}`, token)).status).toBe(410);

      // Nothing was kept in the browser's storage, and addresses carry ids only.
      for (const user of [doctor, coordinator]) {
        expect(await user.page.evaluate('[localStorage.length, sessionStorage.length, document.cookie]')).toEqual([0, 0, '']);
        expect(user.page.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/(#\/[a-z/0-9-]*)?$/);
      }
    } finally {
      await doctor.context.close();
      await coordinator.context.close();
    }
  }, BROWSER_TEST_TIMEOUT_MS);
});

/** Presses Tab until the element matching `selector` has the focus: proof it is reachable by keyboard alone. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let presses = 0; presses < 400; presses++) {
    if (await page.evaluate(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} cannot be reached with the Tab key`);
}

async function submitByApi(token: string, profile: unknown): Promise<string> {
  const response = await fetch(`${stack.apiUrl}/referrals`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ trialId: 'NCT05212584', prescreeningConsent: { attested: true }, profile }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

describe('the keyboard and the physician', () => {
  it('a new page’s heading never takes the focus from a field the physician already went to, however late it comes', async () => {
    const user = await openUserPage(browser, { viewport: 'desktop', locale: 'en', fixedTime: NOW });
    const { page } = user;
    // A slow machine: every animation frame half a second late, and a count of those still to come.
    await user.context.addInitScript(`
      window.__framesPending = 0;
      const frame = window.requestAnimationFrame.bind(window);
      const timers = new Map();
      window.requestAnimationFrame = (callback) => {
        window.__framesPending++;
        const id = setTimeout(() => frame((time) => { timers.delete(id); window.__framesPending--; callback(time); }), 500);
        timers.set(id, true);
        return id;
      };
      window.cancelAnimationFrame = (id) => {
        if (!timers.delete(id)) return;
        clearTimeout(id);
        window.__framesPending--;
      };
    `);
    try {
      await signIn(user, 'dr-li');
      await page.locator('nav a[href="#/referrals/new"]').click();
      const birthDate = page.locator('#f-demographics-birthDate');
      await birthDate.focus();
      await page.keyboard.type(yearsAgo(41));
      // The page's effects have run once its title is set, the heading's among them: its frame is on its way, and
      // no frame is pending once it has come.
      await expect.poll(() => page.title(), { timeout: 30_000 }).toMatch(/^Refer a patient/);
      await expect.poll(() => page.evaluate('window.__framesPending'), { timeout: 30_000 }).toBe(0);
      expect(await page.evaluate('document.activeElement?.id')).toBe('f-demographics-birthDate');
      expect(await birthDate.inputValue()).toBe(yearsAgo(41));
      // Untouched, a new page still starts at its heading, late frame or not.
      await page.locator('nav a[href="#/referrals"]').click();
      await expect.poll(() => page.evaluate('document.activeElement?.tagName'), { timeout: 30_000 }).toBe('H1');
      expect(await user.problems()).toEqual([]);
    } finally {
      await user.context.close();
    }
  }, BROWSER_TEST_TIMEOUT_MS);

  it('a referral can be written and sent with the keyboard alone', async () => {
    const user = await openUserPage(browser, { viewport: 'desktop', locale: 'en', fixedTime: NOW });
    const { page } = user;
    try {
      await page.goto(`${stack.apiUrl}/`);
      await page.locator('.identity').first().waitFor();
      await tabTo(page, '.identity');
      await page.keyboard.press('Enter');
      await tabTo(page, 'nav a[href="#/referrals/new"]');
      await page.keyboard.press('Enter');
      await page.locator('#f-demographics-birthDate').waitFor();

      await tabTo(page, '#f-demographics-birthDate');
      await page.keyboard.type(yearsAgo(41));
      await tabTo(page, '#f-diagnosis-type');
      await page.keyboard.press('ArrowDown');
      await tabTo(page, '#f-diseaseStatus-status');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await tabTo(page, '#f-labs-hemoglobin-value');
      await page.keyboard.type('7,6');
      await page.keyboard.press('Tab');
      await page.keyboard.press('ArrowDown');
      await tabTo(page, '#f-labs-hemoglobin-date');
      await page.keyboard.type(daysAgo(1).replace(/-/g, '/'));
      expect(await page.locator('#f-labs-hemoglobin-unit').inputValue()).toBe('g/dL');
      await expect.poll(async () => (await shownScreening(page, '.prescreen-panel')).outcomes['inc-hemoglobin']).toBe('met');

      // A missing datum's button takes the keyboard to its field.
      await page.locator('.missing-list li[data-field="cd7"] button').focus();
      await page.keyboard.press('Enter');
      expect(await page.evaluate('document.activeElement?.id')).toBe('f-cd7-0-percent');

      await tabTo(page, '#attest');
      await page.keyboard.press('Space');
      await tabTo(page, '.submit-area button[type=submit]');
      await page.keyboard.press('Enter');
      await page.locator('.detail-page [data-verdict]').waitFor();
      const id = /#\/referrals\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
      const stored = await api(`/referrals/${id}`, await stack.mintToken({ role: 'physician', sub: 'dr-li' }));
      expect(stored.body['profile']).toEqual({
        demographics: { birthDate: yearsAgo(41) },
        diagnosis: { type: 'T-ALL' },
        diseaseStatus: { status: 'relapsed' },
        labs: { hemoglobin: { value: 7.6, unit: 'g/dL', date: daysAgo(1) } },
      });
      expect(await user.problems()).toEqual([]);
    } finally {
      await user.context.close();
    }
  }, BROWSER_TEST_TIMEOUT_MS);

  it('explains a change saved elsewhere meanwhile (412) and saves the physician’s data on top of it', async () => {
    const token = await stack.mintToken({ role: 'physician', sub: 'dr-li' });
    const id = await submitByApi(token, { demographics: { birthDate: yearsAgo(29) }, diagnosis: { type: 'T-LBL' } });
    const user = await openUserPage(browser, { viewport: 'phone', locale: 'zh-CN', fixedTime: NOW });
    const { page } = user;
    try {
      await signIn(user, 'dr-li');
      await page.goto(`${stack.apiUrl}/#/referrals/${id}/edit`);
      await page.locator('#f-labs-hemoglobin-value').fill('91');
      await page.locator('#f-labs-hemoglobin-date').fill(daysAgo(1));

      // Meanwhile, in another window, the ECOG is added (to the version the page read).
      const read = await fetch(`${stack.apiUrl}/referrals/${id}`, { headers: { authorization: `Bearer ${token}` } });
      const elsewhere = await fetch(`${stack.apiUrl}/referrals/${id}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/merge-patch+json', 'if-match': read.headers.get('etag') ?? '' },
        body: JSON.stringify({ ecog: { score: 1, date: daysAgo(1) } }),
      });
      expect(elsewhere.status).toBe(200);

      await page.locator('.submit-area button[type=submit]').click();
      await page.locator('.conflict').waitFor();
      const the412 = /status of 412 \(Precondition Failed\)/;
      await expectAccessible(user, 'zh-CN-phone-8-edit-conflict', [the412]);
      await page.locator('.conflict .button-primary').click();
      await expect.poll(() => page.locator('#f-ecog-score').inputValue()).toBe('1');
      expect(await page.locator('#f-labs-hemoglobin-value').inputValue()).toBe('91');
      await page.locator('.submit-area button[type=submit]').click();
      await page.locator('.detail-page [data-verdict]').waitFor();

      const stored = await api(`/referrals/${id}`, token);
      expect(stored.body['version']).toBe(3);
      expect(stored.body['profile']).toMatchObject({ ecog: { score: 1 }, labs: { hemoglobin: { value: 91, unit: 'g/L' } } });
      expect((await user.problems()).filter((problem) => !the412.test(problem))).toEqual([]);
    } finally {
      await user.context.close();
    }
  }, BROWSER_TEST_TIMEOUT_MS);
});

describe('a FHIR Bundle from the hospital system', () => {
  it('fills the form through the service’s own mapping, pre-screens it as the engine does, and lists what it did not use', async () => {
    const user = await openUserPage(browser, { viewport: 'desktop', locale: 'zh-CN', fixedTime: NOW });
    const { page } = user;
    try {
      await signIn(user, 'dr-zhang');
      await page.locator('nav a[href="#/referrals/new"]').click();
      await page.locator('#f-labs-hemoglobin-value').waitFor();

      // A Patient alone is refused, with what to do instead.
      await page.locator('#import-file').setInputFiles({ name: 'patient.json', mimeType: 'application/fhir+json', buffer: Buffer.from('{"resourceType":"Patient","id":"p1"}') });
      await expect.poll(() => page.locator('.import-box .notice-error').textContent()).toContain('请将患者资料导出为Bundle');

      // A Bundle the API would refuse names each bad element, worded in the page's language.
      const malformed = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Patient', id: 'p1', birthDate: '2019-02-30' } }] };
      await page.locator('#import-file').setInputFiles({ name: 'broken.json', mimeType: 'application/fhir+json', buffer: Buffer.from(JSON.stringify(malformed)) });
      await expect.poll(() => page.locator('.import-box .notice-error li').allTextContents()).toEqual(['entry[0].resource.birthDate：不是有效的日历日期']);
      await page.locator('.import-box').screenshot({ path: await screenshot(page, 'zh-CN-desktop-fhir-refused', false) });

      const text = readFileSync(new URL('../../examples/fhir/t-all-adult-relapse.transaction.json', import.meta.url), 'utf8');
      await page.locator('#import-file').setInputFiles({ name: 'ehr-export.json', mimeType: 'application/fhir+json', buffer: Buffer.from(text) });
      await page.locator('.import-box .notice-ok').waitFor();

      // Every entry the translator did not use is listed, in the page's language.
      const translation = translateBundle(JSON.parse(text));
      expect(translation.notUsed.length).toBeGreaterThan(0);
      const listed = await page.locator('.import-box .notice-ok li').allTextContents();
      expect(listed).toHaveLength(translation.notUsed.length);
      for (const line of listed) expect(line).toMatch(/^未使用：\S+（第 \d+ 条）/);

      // The live pre-screen is the engine's on the translated profile, criterion by criterion.
      const trial = findTrial('NCT05212584');
      if (!trial) throw new Error('the trial is registered');
      const expected = screen(translation.profile, trial, TODAY);
      await expect.poll(async () => (await shownScreening(page, '.prescreen-panel')).verdict).toBe(expected.verdict);
      expect((await shownScreening(page, '.prescreen-panel')).outcomes).toEqual(Object.fromEntries(expected.criteria.map((c) => [c.id, c.outcome])));
      expect(await page.locator('#f-demographics-sex').inputValue()).toBe(translation.profile.demographics?.sex);
      await expectAccessible(user, 'zh-CN-desktop-fhir-import');
    } finally {
      await user.context.close();
    }
  }, BROWSER_TEST_TIMEOUT_MS);
});

describe('signing in with an OpenID Connect provider (as in AWS)', () => {
  it('uses the authorization code with PKCE, keeps the token in memory only and calls the API with it', async () => {
    const provider = await startFakeOidcProvider({
      clientId: LOCAL_AUDIENCE,
      mint: (nonce) => oidcStack.mintToken({ role: 'physician', sub: 'dr-oidc', nonce }),
    });
    const oidcStack = await startLocalStack({
      inMemory: true,
      port: 0,
      quiet: true,
      rescreenIntervalMs: false,
      web: {
        oidc: {
          issuer: LOCAL_ISSUER,
          clientId: LOCAL_AUDIENCE,
          authorizationEndpoint: `${provider.origin}/authorize`,
          tokenEndpoint: `${provider.origin}/token`,
          endSessionEndpoint: `${provider.origin}/logout`,
        },
      },
    });
    const user = await openUserPage(browser, { viewport: 'desktop', locale: 'en' });
    const { page } = user;
    try {
      await page.goto(`${oidcStack.apiUrl}/`);
      await page.locator('.sign-in .button-primary').click();
      // Back from the provider: signed in, the list of referrals fetched from the API with the token.
      await expect.poll(() => page.locator('main').textContent()).toContain('You have not referred anyone yet');

      const [authorization] = provider.authorizations;
      expect(authorization?.parameters).toMatchObject({ response_type: 'code', client_id: LOCAL_AUDIENCE, code_challenge_method: 'S256', redirect_uri: `${oidcStack.apiUrl}/` });
      expect(provider.exchanges.map((exchange) => exchange.status)).toEqual([200]);
      // The verifier travelled only to the token endpoint, never in an address.
      const verifier = provider.exchanges[0]?.parameters['code_verifier'] ?? '';
      expect(verifier.length).toBeGreaterThanOrEqual(43);
      expect(JSON.stringify(authorization?.parameters)).not.toContain(verifier);
      // The code left the address bar at once, and nothing of the sign-in stayed in storage.
      expect(page.url()).toBe(`${oidcStack.apiUrl}/`);
      expect(await page.evaluate('[localStorage.length, sessionStorage.length, document.cookie]')).toEqual([0, 0, '']);
      expect(await user.problems()).toEqual([]);

      await page.locator('.masthead .button-quiet', { hasText: 'Sign out' }).click();
      await page.locator('.sign-in .button-primary').waitFor();
    } finally {
      await user.context.close();
      await oidcStack.stop();
      await provider.close();
    }
  }, BROWSER_TEST_TIMEOUT_MS);
});
