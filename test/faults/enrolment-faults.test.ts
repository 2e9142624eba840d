/**
 * The place on the study and the candidate's status are two writes. Whatever fails between or after them, the count
 * of places the trial reports comes back to the number of patients on study: at once when the request can tell
 * what happened, after the sweep when it cannot. One scripted fault at a time, so each case is deterministic.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '#local/local-stack.js';
import { apiClient } from '#test/support/api-client.js';
import { ManualClock } from '#test/support/manual-clock.js';
import { eligibleProfile } from '#test/support/profiles.js';
import { FaultInjector, type ScriptedFault } from './fault-injector.js';

const SITE = 'hebei-yanda-ludaopei';
const TRIAL = 'NCT05212584';
const clock = new ManualClock(new Date('2026-11-25T02:00:00.000Z'));
const faults = new FaultInjector({ seed: 0, rate: 0 });
let stack: LocalStack;
let physician: string;
let coordinator: string;
const call = apiClient(() => stack.apiUrl);

beforeAll(async () => {
  stack = await startLocalStack({
    inMemory: true,
    port: 0,
    clock,
    rescreenIntervalMs: false,
    quiet: true,
    instrumentDynamoDb: (client) => faults.instrumentDynamoDb(client),
  });
  physician = await stack.mintToken({ role: 'physician', sub: 'dr-faults' });
  coordinator = await stack.mintToken({ role: 'coordinator', sub: 'coord-faults', siteId: SITE });
});

afterAll(async () => {
  await stack?.stop();
});

const move = (id: string, status: string) => call('PATCH', `/sites/${SITE}/candidates/${id}`, coordinator, { status });

async function eligibleCandidate(): Promise<string> {
  const created = await call('POST', '/referrals', physician, {
    trialId: TRIAL,
    prescreeningConsent: { attested: true },
    profile: eligibleProfile(clock.now().toISOString().slice(0, 10)),
  });
  expect(created.status).toBe(201);
  await stack.drainQueue();
  const id = String(created.body.id);
  for (const status of ['candidate', 'screening', 'eligible']) expect((await move(id, status)).status).toBe(200);
  return id;
}

async function enrolled(): Promise<number> {
  return ((await call('GET', `/trials/${TRIAL}`)).body.recruitment as { enrolled: number }).enrolled;
}

async function onStudyCount(): Promise<number> {
  const page = await call('GET', `/sites/${SITE}/candidates?status=on-study&limit=100`, coordinator);
  return (page.body.items as unknown[]).length;
}

/** The trial's count is the truth, now. */
async function expectCountTrue(where: string): Promise<void> {
  expect(await enrolled(), where).toBe(await onStudyCount());
}

/** After the lease of an abandoned claim has run out, the sweep reconciles the ledger. */
async function sweepAfterLease(): Promise<void> {
  clock.advanceMinutes(2);
  await stack.runRescreen();
}

const put = (fault: ScriptedFault['fault']): ScriptedFault => ({ command: 'PutItemCommand', fault });
const update = (fault: ScriptedFault['fault']): ScriptedFault => ({ command: 'UpdateItemCommand', fault });

it('gives the place back at once when the status write fails after the place was taken', async () => {
  const id = await eligibleCandidate();
  const before = await enrolled();
  faults.script([put('server-error')]);
  const failed = await move(id, 'on-study');
  expect(failed.status).toBe(503);
  expect(faults.pendingScript()).toEqual([]);
  expect(await enrolled()).toBe(before);
  await expectCountTrue('after a failed status write');
  expect((await move(id, 'on-study')).status).toBe(200);
  expect(await enrolled()).toBe(before + 1);
  await expectCountTrue('after the retry');
});

it('keeps the place when the status write landed but its reply was lost', async () => {
  const id = await eligibleCandidate();
  const before = await enrolled();
  faults.script([put('reply-lost')]);
  const moved = await move(id, 'on-study');
  expect(moved.status).toBe(200);
  expect(await enrolled()).toBe(before + 1);
  await expectCountTrue('after a lost reply');
});

it('gives the place back at once when the status write timed out before reaching the table', async () => {
  const id = await eligibleCandidate();
  const before = await enrolled();
  faults.script([put('timeout')]);
  expect((await move(id, 'on-study')).status).toBe(503);
  expect(await enrolled()).toBe(before);
  await expectCountTrue('after a timeout');
});

it('leaves an undecidable place to the sweep, which gives it back', async () => {
  const id = await eligibleCandidate();
  const before = await enrolled();
  // The status write times out and so does the fencing write after it: the request cannot tell what happened.
  faults.script([put('timeout'), put('server-error')]);
  expect((await move(id, 'on-study')).status).toBe(503);
  expect(await enrolled(), 'held, never too few').toBe(before + 1);
  await sweepAfterLease();
  expect(await enrolled()).toBe(before);
  await expectCountTrue('after the sweep');
});

it('takes over a place abandoned by a request that died between its two writes', async () => {
  const id = await eligibleCandidate();
  faults.script([put('timeout'), put('server-error')]);
  expect((await move(id, 'on-study')).status).toBe(503);
  expect((await move(id, 'on-study')).status, 'busy while the lease runs').toBe(409);
  clock.advanceMinutes(2);
  expect((await move(id, 'on-study')).status).toBe(200);
  await expectCountTrue('after the take-over');
});

it('counts true after the place of a leaving patient could not be given back at once', async () => {
  const leavingBySite = await eligibleCandidate();
  const leavingByPhysician = await eligibleCandidate();
  expect((await move(leavingBySite, 'on-study')).status).toBe(200);
  expect((await move(leavingByPhysician, 'on-study')).status).toBe(200);
  const before = await enrolled();

  faults.script([update('server-error')]);
  expect((await move(leavingBySite, 'withdrawn')).status, 'the move itself succeeded').toBe(200);
  faults.script([update('throttling')]);
  expect((await call('DELETE', `/referrals/${leavingByPhysician}`, physician)).status).toBe(204);
  expect(faults.pendingScript()).toEqual([]);
  expect(await enrolled(), 'too many for now, never too few').toBe(before);

  await sweepAfterLease();
  expect(await enrolled()).toBe(before - 2);
  await expectCountTrue('after the sweep');
});
