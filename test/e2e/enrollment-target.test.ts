/**
 * The target of 24: patients the site puts on study count against it; the 25th is refused, new referrals are
 * told the trial is full and the site is not notified of them; a withdrawal from the study frees the place.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '#local/local-stack.js';
import { ManualClock } from '#test/support/manual-clock.js';
import { apiClient } from '#test/support/api-client.js';
import { eligibleProfile } from '#test/support/profiles.js';

const SITE = 'hebei-yanda-ludaopei';
const TRIAL = 'NCT05212584';
let stack: LocalStack;
let physician: string;
let coordinator: string;
const clock = new ManualClock(new Date());

beforeAll(async () => {
  stack = await startLocalStack({ inMemory: true, port: 0, rescreenIntervalMs: false, quiet: true, clock });
  physician = await stack.mintToken({ role: 'physician', sub: 'dr-zhao' });
  coordinator = await stack.mintToken({ role: 'coordinator', sub: 'coord-liu', siteId: SITE });
});

afterAll(async () => {
  await stack?.stop();
});

/** Every reply is also checked against the OpenAPI document (apiClient). */
const call = apiClient(() => stack.apiUrl);

const today = () => new Date().toISOString().slice(0, 10);

async function referCandidate(): Promise<string> {
  const created = await call('POST', '/referrals', physician, { trialId: TRIAL, prescreeningConsent: { attested: true }, profile: eligibleProfile(today()) });
  expect(created.status).toBe(201);
  await stack.drainQueue();
  return String(created.body.id);
}

async function moveThrough(id: string, statuses: readonly string[]) {
  let last = { status: 0, body: {} as Record<string, unknown> };
  for (const status of statuses) last = await call('PATCH', `/sites/${SITE}/candidates/${id}`, coordinator, { status });
  return last;
}

const TO_ELIGIBLE = ['candidate', 'screening', 'eligible'];

it('enrolls 24, refuses the 25th, holds new referrals while full, and releases them when a place frees up', async () => {
  const candidates: string[] = [];
  for (let i = 0; i < 25; i++) {
    const id = await referCandidate();
    const moved = await moveThrough(id, TO_ELIGIBLE);
    expect(moved.status, `${i}: ${JSON.stringify(moved.body)}`).toBe(200);
    candidates.push(id);
  }
  const [first = '', ...rest] = candidates;
  const twentyFifth = rest.pop() ?? '';
  for (const id of [first, ...rest]) expect((await moveThrough(id, ['on-study'])).status).toBe(200);
  const refused = await call('PATCH', `/sites/${SITE}/candidates/${twentyFifth}`, coordinator, { status: 'on-study' });
  expect(refused.status).toBe(409);
  expect(String(refused.body.type)).toContain('trial-full');

  const trial = await call('GET', `/trials/${TRIAL}`, undefined);
  expect(trial.body.recruitment).toMatchObject({ status: 'full', enrolled: 24, target: 24 });

  // A referral while full is screened and stored, the physician is told, and the site is not notified.
  const deliveriesBefore = stack.siteDeliveries().length;
  const late = await call('POST', '/referrals', physician, { trialId: TRIAL, prescreeningConsent: { attested: true }, profile: eligibleProfile(today()) });
  expect(late.status).toBe(201);
  expect(late.body.recruitment).toMatchObject({ status: 'full' });
  await stack.drainQueue();
  expect(stack.siteDeliveries().length).toBe(deliveriesBefore);

  expect((await moveThrough(first, ['withdrawn'])).status).toBe(200);
  expect((await call('GET', `/trials/${TRIAL}`, undefined)).body.recruitment).toMatchObject({ status: 'open', enrolled: 23 });
  // The referral held while the trial was full reaches the site with the next sweep.
  clock.advanceMinutes(5);
  await stack.runRescreen();
  await stack.drainQueue();
  expect(stack.siteDeliveries().filter((d) => d.referralId === late.body.id)).toHaveLength(1);
  expect((await call('PATCH', `/sites/${SITE}/candidates/${twentyFifth}`, coordinator, { status: 'on-study' })).status).toBe(200);
}, 120_000);
