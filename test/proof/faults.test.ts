/**
 * A burst of referrals while DynamoDB throttles, times out, fails, or loses the reply of a write that succeeded,
 * and the queue times out before or after sending. Clients retry with their Idempotency-Key, as real ones do.
 * After the faults stop and the schedule sweeps: every accepted referral is stored exactly once, every candidate
 * is in the site inbox, and the site accepted exactly one notification per candidate.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../support/manual-clock.js';
import { daysBefore, eligibleProfile } from '../support/profiles.js';
import type { PatientProfile } from '../../shared/profile/schema.js';
import { FaultInjector } from './fault-injector.js';
import { send, SITE, snapshotTable, startProofStack, TRIAL, type ProofStack } from './harness.js';

const REFERRALS = Number(process.env['FAULT_REFERRALS'] ?? 200);
const RATE = Number(process.env['FAULT_RATE'] ?? 0.2);
const SEED = Number(process.env['FAULT_SEED'] ?? Date.now() % 2 ** 31);
const CONCURRENCY = 6;
const MAX_ATTEMPTS = 12;

const clock = new ManualClock(new Date());
const faults = new FaultInjector(SEED, RATE);
let proof: ProofStack;

beforeAll(async () => {
  proof = await startProofStack({
    clock,
    visibilityTimeoutMs: 0,
    instrumentDynamoDb: (client) => faults.instrumentDynamoDb(client),
    wrapPublisher: (publisher) => faults.wrapPublisher(publisher),
  });
}, 60_000);

afterAll(async () => {
  await proof?.stop();
});

/** Every third patient lacks a lab (potential), every seventh is too old (ineligible: no notification). */
function profileFor(i: number): PatientProfile {
  const asOf = clock.now().toISOString().slice(0, 10);
  const profile = eligibleProfile(asOf);
  if (i % 7 === 0) return { ...profile, demographics: { birthDate: daysBefore(asOf, 70 * 366), sex: 'female' } };
  if (i % 3 === 0) return { ...profile, labs: { ...profile.labs, hemoglobin: undefined } };
  return profile;
}

interface Submission {
  readonly index: number;
  id?: string;
  verdict?: string;
  attempts: number;
}

async function submitWithRetries(submission: Submission): Promise<void> {
  const body = JSON.stringify({ trialId: TRIAL, prescreeningConsent: { attested: true }, profile: profileFor(submission.index) });
  const headers = {
    authorization: `Bearer ${proof.tokens.owner}`,
    'content-type': 'application/json',
    'idempotency-key': `fault-burst-${SEED}-${submission.index}`,
  };
  while (submission.attempts < MAX_ATTEMPTS) {
    submission.attempts++;
    const reply = await send(proof.stack.apiUrl, { method: 'POST', path: '/referrals', headers, body }).catch(() => undefined);
    if (reply === undefined || reply.status >= 500) continue;
    expect(reply.status, reply.text).toBe(201);
    const created = JSON.parse(reply.text) as { id: string; verdict: string };
    submission.id = created.id;
    submission.verdict = created.verdict;
    return;
  }
}

it(`loses nothing and notifies once per candidate under a ${RATE * 100}% fault rate`, async () => {
  const { stack, tokens } = proof;
  console.log(`fault seed ${SEED} (FAULT_SEED=${SEED} to replay), ${REFERRALS} referrals, rate ${RATE}`);
  const submissions: Submission[] = Array.from({ length: REFERRALS }, (_, index) => ({ index, attempts: 0 }));

  faults.enabled = true;
  for (let i = 0; i < submissions.length; i += CONCURRENCY) {
    await Promise.all(submissions.slice(i, i + CONCURRENCY).map(submitWithRetries));
  }
  await stack.drainQueue().catch(() => undefined);
  faults.enabled = false;
  // A client that gave up during the outage tries again later with the same key, as a real one would: it must
  // get the referral that may already exist, not a second one.
  const retriedLater = submissions.filter((s) => s.id === undefined);
  for (const submission of retriedLater) {
    submission.attempts = 0;
    await submitWithRetries(submission);
  }

  // The schedule: past the outbox grace period, sweep and deliver until nothing is pending.
  for (let round = 0; round < 5; round++) {
    clock.advanceMinutes(10);
    const report = await stack.runRescreen();
    await stack.drainQueue();
    if (report.republished === 0 && round > 0) break;
  }

  const accepted = submissions.filter((s) => s.id !== undefined);
  const gaveUp = submissions.filter((s) => s.id === undefined);
  const table = await snapshotTable(stack);
  const storedIds = [...table.keys()].filter((key) => key.startsWith('REFERRAL#')).map((key) => key.slice('REFERRAL#'.length).split('|')[0] ?? '');
  const acceptedIds = new Set(accepted.map((s) => s.id ?? ''));
  const candidates = accepted.filter((s) => s.verdict !== 'ineligible');

  const inbox = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await send(stack.apiUrl, {
      method: 'GET',
      path: `/sites/${SITE}/candidates?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      headers: { authorization: `Bearer ${tokens.coordinator}` },
    });
    expect(page.status).toBe(200);
    const body = JSON.parse(page.text) as { items: { referralId: string }[]; cursor?: string };
    for (const item of body.items) inbox.add(item.referralId);
    cursor = body.cursor;
  } while (cursor);

  const deliveries = stack.siteDeliveries();
  const perReferral = new Map<string, number>();
  for (const d of deliveries) perReferral.set(d.referralId, (perReferral.get(d.referralId) ?? 0) + 1);
  const receiver = stack.siteReceiverStats();
  const lost = accepted.filter((s) => !storedIds.includes(s.id ?? '')).length;
  const deadLettered = stack.queue.stats().deadLettered;

  console.log(
    [
      `faults injected: ${[...faults.injected].map(([k, v]) => `${k} ${v}`).join(', ')}`,
      `accepted ${accepted.length} (${retriedLater.length} only on a retry after the outage; never answered: ${gaveUp.length})`,
      `stored ${storedIds.length}, lost ${lost}, candidates ${candidates.length}, in inbox ${candidates.filter((c) => inbox.has(c.id ?? '')).length}`,
      `notified ${perReferral.size} referrals with ${deliveries.length} accepted deliveries; duplicates re-sent and dropped by the site's event-id check: ${receiver.duplicates}; dead-lettered messages recovered by the sweep: ${deadLettered}`,
    ].join('\n'),
  );

  expect(faults.injected.size, 'faults were injected').toBeGreaterThan(0);
  expect(gaveUp, 'every client got an answer within its retries').toEqual([]);
  expect(lost).toBe(0);
  // Exactly once: one item per accepted referral, and nothing stored that no client was told about.
  expect(storedIds.sort()).toEqual([...acceptedIds].sort());
  for (const candidate of candidates) expect(inbox.has(candidate.id ?? ''), `candidate ${candidate.id} in the inbox`).toBe(true);
  for (const candidate of candidates) expect(perReferral.get(candidate.id ?? ''), `deliveries for ${candidate.id}`).toBe(1);
  for (const s of accepted.filter((a) => a.verdict === 'ineligible')) expect(perReferral.has(s.id ?? '')).toBe(false);
}, 600_000);
