/**
 * Nothing accepted is lost, nothing told twice, under faults. A burst of referrals goes through real HTTP while
 * DynamoDB throttles, times out, answers 500 or loses the reply of a write that succeeded, and the queue publisher
 * times out before or after sending. Clients retry a 5xx or a dropped connection with the same Idempotency-Key,
 * as real ones do, up to a bound. Then the faults stop, the schedule sweeps the outbox and the queue drains, and:
 * every referral a client was told about is stored exactly once, every stored candidate is in the site's inbox,
 * and the site accepted exactly one notification per candidate and was never sent the same event twice.
 *
 * `FAULT_SEED=<n>` replays a run (the seed is printed). Each call's fate is drawn from the seed and what the call
 * addresses, so a replay fails the same referrals' calls the same way; only the trial-state read that every
 * submission shares is taken in a scheduling-dependent order by concurrent clients (`FAULT_CLIENTS=1` replays
 * exactly). `FAULT_RATE` and `FAULT_REFERRALS` change the load.
 */
import { randomInt } from 'node:crypto';
import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { documentOf } from '#test/support/stored-items.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '#local/local-stack.js';
import { uuidIds } from '#adapters/runtime/system.js';
import type { PatientProfile } from '#profile/schema.js';
import { ManualClock } from '#test/support/manual-clock.js';
import { eligibleProfile } from '#test/support/profiles.js';
import { FaultInjector } from './fault-injector.js';

const SITE = 'hebei-yanda-ludaopei';
const TRIAL = 'NCT05212584';
const PHYSICIAN = 'dr-faults';

const SEED = Number(process.env['FAULT_SEED'] ?? randomInt(2 ** 31));
const RATE = Number(process.env['FAULT_RATE'] ?? 0.2);
const REFERRALS = Number(process.env['FAULT_REFERRALS'] ?? 200);
const CONCURRENCY = Number(process.env['FAULT_CLIENTS'] ?? 8);
/** A client's attempts per referral during the outage before it gives up. */
const MAX_ATTEMPTS = 8;
/** Rounds of (schedule, drain) after the outage; each should leave less pending than the last. */
const MAX_SWEEPS = 6;

// A fixed screening moment (10:00 in Langfang): same verdicts every run, and the sweep's grace period is passed by
// moving this clock, not by waiting. Tokens are checked against real time, as API Gateway does.
const clock = new ManualClock(new Date('2026-11-25T02:00:00.000Z'));
const faults = new FaultInjector({ seed: SEED, rate: RATE });
let stack: LocalStack;
let physician: string;
let coordinator: string;

beforeAll(async () => {
  stack = await startLocalStack({
    inMemory: true,
    port: 0,
    clock,
    rescreenIntervalMs: false,
    quiet: true,
    visibilityTimeoutMs: 0,
    instrumentDynamoDb: (client) => faults.instrumentDynamoDb(client),
    wrapPublisher: (publisher) => faults.wrapPublisher(publisher),
  });
  physician = await stack.mintToken({ role: 'physician', sub: PHYSICIAN });
  coordinator = await stack.mintToken({ role: 'coordinator', sub: 'coord-faults', siteId: SITE });
});

afterAll(async () => {
  faults.enabled = false;
  await stack?.stop();
});

type Expected = 'eligible' | 'potential' | 'ineligible';

/**
 * Mostly candidates: every third lacks a hemoglobin (potential), every tenth has CD7 at 65% (ineligible, so the
 * site must hear nothing). Each body is distinct (the weight), so no two referrals share a request hash.
 */
function referralFor(index: number): { profile: PatientProfile; expected: Expected } {
  const asOf = clock.now().toISOString().slice(0, 10);
  const base = eligibleProfile(asOf);
  const demographics = { ...base.demographics, weight: { value: 40 + index / 10, unit: 'kg' as const, date: asOf } };
  if (index % 10 === 0) {
    return { profile: { ...base, demographics, cd7: { percent: 65, method: 'flow-cytometry', date: asOf } }, expected: 'ineligible' };
  }
  if (index % 3 === 0) {
    const { hemoglobin: _missing, ...labs } = base.labs ?? {};
    return { profile: { ...base, demographics, labs }, expected: 'potential' };
  }
  return { profile: { ...base, demographics }, expected: 'eligible' };
}

interface Submission {
  readonly index: number;
  readonly key: string;
  /** The id the service derives from (physician, key): every retry must address this referral. */
  readonly derivedId: string;
  readonly body: string;
  readonly expected: Expected;
  /** Every status answered, 0 for a dropped connection. */
  readonly statuses: number[];
  id?: string;
  verdict?: string;
  /** The client gave up during the outage. */
  gaveUp: boolean;
}

function submissionFor(index: number): Submission {
  const key = `nothing-lost-${index}`;
  const { profile, expected } = referralFor(index);
  return {
    index,
    key,
    derivedId: uuidIds.idForIdempotencyKey(PHYSICIAN, key),
    body: JSON.stringify({ trialId: TRIAL, prescreeningConsent: { attested: true }, profile }),
    expected,
    statuses: [],
    gaveUp: false,
  };
}

/** One POST; a dropped connection is status 0. */
async function post(submission: Submission): Promise<{ status: number; text: string }> {
  try {
    const response = await fetch(`${stack.apiUrl}/referrals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${physician}`, 'content-type': 'application/json', 'idempotency-key': submission.key },
      body: submission.body,
    });
    return { status: response.status, text: await response.text() };
  } catch {
    return { status: 0, text: '' };
  }
}

/** A real client: retry a 5xx or a dropped connection with the same key, give up after `maxAttempts`. */
async function submitWithRetries(submission: Submission, maxAttempts: number): Promise<void> {
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const reply = await post(submission);
    submission.statuses.push(reply.status);
    if (reply.status >= 200 && reply.status < 300) {
      const created = JSON.parse(reply.text) as { id: string; verdict: string };
      submission.id = created.id;
      submission.verdict = created.verdict;
      submission.gaveUp = false;
      return;
    }
    // A 4xx will not change on a retry: the client stops, and the test reports it.
    if (reply.status >= 400 && reply.status < 500) break;
  }
  submission.gaveUp = true;
}

async function burst(submissions: readonly Submission[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < submissions.length; i = next++) {
      const submission = submissions[i];
      if (submission) await submitWithRetries(submission, MAX_ATTEMPTS);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

interface StoredReferralItem {
  readonly id: string;
  readonly physicianId: string;
  readonly submissionHash: string;
  readonly verdict: string;
  readonly inInbox: boolean;
  readonly seq: number;
  readonly sentSeq: number;
}

const text = (value: AttributeValue | undefined): string => value?.S ?? '';
const number = (value: AttributeValue | undefined): number => Number(value?.N ?? Number.NaN);

/** Every referral item in the table (Scan, read consistently, every page). */
async function storedReferrals(): Promise<StoredReferralItem[]> {
  const items: StoredReferralItem[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await stack.dynamodb.send(new ScanCommand({ TableName: stack.tableName, ConsistentRead: true, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) {
      const pk = text(item['pk']);
      if (!pk.startsWith('REFERRAL#') || text(item['sk']) !== 'REFERRAL') continue;
      const notification = item['notification']?.M ?? {};
      items.push({
        id: pk.slice('REFERRAL#'.length),
        physicianId: text(item['physicianId']),
        submissionHash: text(item['submissionHash']),
        verdict: documentOf(item)?.latest.verdict ?? '',
        inInbox: item['candidate']?.M !== undefined,
        seq: number(notification['seq']),
        sentSeq: number(notification['sentSeq']),
      });
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** The site's whole inbox, page by page, as a coordinator sees it. */
async function inbox(): Promise<Set<string>> {
  const ids = new Set<string>();
  let cursor: string | undefined;
  do {
    const query = `limit=100${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
    const response = await fetch(`${stack.apiUrl}/sites/${SITE}/candidates?${query}`, { headers: { authorization: `Bearer ${coordinator}` } });
    const body = (await response.json()) as { items?: { referralId: string }[]; cursor?: string };
    expect(response.status, JSON.stringify(body)).toBe(200);
    for (const item of body.items ?? []) ids.add(item.referralId);
    cursor = body.cursor;
  } while (cursor !== undefined);
  return ids;
}

function countBy<T>(values: readonly T[], keyOf: (value: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(keyOf(value), (counts.get(keyOf(value)) ?? 0) + 1);
  return counts;
}

it(`loses no referral and notifies the site once per candidate with ${RATE * 100}% of calls failing`, async () => {
  console.log(
    `nothing-lost: FAULT_SEED=${SEED} (replays the run; with FAULT_CLIENTS=1 exactly), rate ${RATE}, ${REFERRALS} referrals, ${CONCURRENCY} clients`,
  );
  const submissions = Array.from({ length: REFERRALS }, (_, index) => submissionFor(index));

  // The outage. The queue consumer catches up after the burst, still under faults, in one deterministic drain
  // instead of polling in the background at moments that vary from run to run.
  await stack.queue.stop();
  faults.enabled = true;
  await burst(submissions);
  const duringOutage = await stack.drainQueue();
  faults.enabled = false;
  const faultLine = faults.describe();
  const acceptedDuringOutage = submissions.filter((s) => s.id !== undefined);
  const gaveUp = submissions.filter((s) => s.gaveUp);

  // Right after the outage: anything stored must be a submission's derived id, and anything stored without a 2xx
  // must belong to a client that gave up ("accepted but the client never learned": not a loss, its retry finds it).
  const afterOutage = await storedReferrals();
  const byDerivedId = new Map(submissions.map((s) => [s.derivedId, s]));
  const strangers = afterOutage.filter((item) => !byDerivedId.has(item.id));
  const neverLearned = afterOutage.filter((item) => byDerivedId.get(item.id)?.id === undefined);
  expect(strangers.map((s) => s.id), 'stored referrals no idempotency key accounts for').toEqual([]);
  expect(neverLearned.filter((item) => !byDerivedId.get(item.id)?.gaveUp).map((item) => item.id), 'stored, unanswered, yet the client did not give up').toEqual([]);

  // The clients that gave up come back once the service is healthy, with the same key.
  for (const submission of gaveUp) await submitWithRetries(submission, 1);

  // The schedule: past the outbox grace period, sweep and deliver until nothing is pending.
  await stack.drainQueue();
  const sweeps: string[] = [];
  for (let round = 1; round <= MAX_SWEEPS; round++) {
    clock.advanceMinutes(5);
    const report = await stack.runRescreen();
    const drained = await stack.drainQueue();
    sweeps.push(`republished ${report.republished}, delivered ${drained.delivered}`);
    if (report.republished === 0 && drained.delivered === 0) break;
  }

  const stored = await storedReferrals();
  const storedCount = countBy(stored, (item) => item.id);
  const perHash = countBy(stored, (item) => item.submissionHash);
  const accepted = submissions.filter((s) => s.id !== undefined);
  const lost = accepted.filter((s) => storedCount.get(s.id ?? '') !== 1);
  const candidates = stored.filter((item) => item.verdict === 'eligible' || item.verdict === 'potential');
  const siteInbox = await inbox();
  const deliveries = stack.siteDeliveries();
  const deliveriesPerReferral = countBy(deliveries, (delivery) => delivery.referralId);
  const receiver = stack.siteReceiverStats();
  const queue = stack.queue.stats();
  const statuses = countBy(
    submissions.flatMap((s) => s.statuses),
    (status) => (status === 0 ? 'dropped' : String(status)),
  );

  console.log(
    [
      `faults: ${faultLine}`,
      `replies: ${[...statuses].map(([status, n]) => `${status} ×${n}`).join(', ')}`,
      `accepted ${acceptedDuringOutage.length} during the outage; gave up ${gaveUp.length}, of which stored but never told ${neverLearned.length}; all ${accepted.length} accepted after the clients came back`,
      `stored ${stored.length}, lost ${lost.length}, candidates ${candidates.length}, in inbox ${candidates.filter((c) => siteInbox.has(c.id)).length}`,
      `notified ${deliveriesPerReferral.size} referrals with ${deliveries.length} accepted deliveries; duplicates ${receiver.duplicates}; dead-lettered ${queue.deadLettered}`,
      `consumer under faults: ${duringOutage.delivered} messages handed over in ${duringOutage.rounds} batches; sweeps after: ${sweeps.join('; ')}`,
    ]
      .map((line) => `nothing-lost: ${line}`)
      .join('\n'),
  );

  // The faults really happened, of every kind.
  for (const [fault, count] of Object.entries(faults.injected())) expect(count, `${fault} injected`).toBeGreaterThan(0);
  // A transient fault is a 503 (or a dropped connection), never a 500 and never a 4xx.
  expect([...statuses.keys()].filter((status) => status !== '201' && status !== '503' && status !== 'dropped'), 'unexpected statuses').toEqual([]);

  // Every client was answered in the end, always with the referral its key derives, and each is stored once.
  expect(submissions.filter((s) => s.id === undefined).map((s) => s.key), 'clients never answered').toEqual([]);
  expect(submissions.filter((s) => s.id !== s.derivedId).map((s) => s.key), 'answered with another referral').toEqual([]);
  expect(lost.map((s) => s.id), 'lost referrals').toEqual([]);
  expect(stored.length, 'one stored referral per idempotency key').toBe(REFERRALS);
  expect([...perHash.values()].filter((n) => n !== 1), 'a request stored twice').toEqual([]);
  expect(stored.every((item) => item.physicianId === PHYSICIAN)).toBe(true);
  for (const submission of submissions) expect(submission.verdict, submission.key).toBe(submission.expected);

  // Every candidate is in the inbox, its notification sent (the outbox is empty), and the site heard of it once.
  expect(candidates.filter((c) => !siteInbox.has(c.id)).map((c) => c.id), 'candidates missing from the inbox').toEqual([]);
  expect(candidates.filter((c) => !c.inInbox || c.sentSeq !== c.seq).map((c) => c.id), 'notifications still pending').toEqual([]);
  expect(candidates.filter((c) => deliveriesPerReferral.get(c.id) !== 1).map((c) => `${c.id} ×${deliveriesPerReferral.get(c.id) ?? 0}`), 'candidates not notified exactly once').toEqual([]);
  const candidateIds = new Set(candidates.map((c) => c.id));
  expect(deliveries.filter((d) => !candidateIds.has(d.referralId)).map((d) => d.referralId), 'notifications about non-candidates').toEqual([]);
  expect(receiver.duplicates, 'the same event sent to the site twice').toBe(0);
  expect(receiver.rejected).toBe(0);
}, 600_000);
