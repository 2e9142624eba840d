/**
 * The target of 24 under concurrency: coordinators racing to put patients on study can never enrol a 25th. Fifty
 * simultaneous moves from 0 on study enrol exactly 24; fifty from 23 enrol exactly one; every refusal is a 409
 * `trial-full`; and after withdrawals (by the site, and by the patient through the physician) the count the trial
 * reports is the number of patients on study.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '#local/local-stack.js';
import { apiClient } from '#test/support/api-client.js';
import { eligibleProfile } from '#test/support/profiles.js';

const SITE = 'hebei-yanda-ludaopei';
const TRIAL = 'NCT05212584';
let stack: LocalStack;
let physician: string;
let coordinator: string;
const call = apiClient(() => stack.apiUrl);
const today = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  stack = await startLocalStack({ inMemory: true, port: 0, rescreenIntervalMs: false, quiet: true });
  physician = await stack.mintToken({ role: 'physician', sub: 'dr-cap' });
  coordinator = await stack.mintToken({ role: 'coordinator', sub: 'coord-cap', siteId: SITE });
});

afterAll(async () => {
  await stack?.stop();
});

/** `count` new referrals, each moved by the site as far as `eligible`. */
async function eligibleCandidates(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const created = await call('POST', '/referrals', physician, { trialId: TRIAL, prescreeningConsent: { attested: true }, profile: eligibleProfile(today()) });
    expect(created.status).toBe(201);
    ids.push(String(created.body.id));
  }
  await stack.drainQueue();
  for (const id of ids) {
    for (const status of ['candidate', 'screening', 'eligible']) {
      const moved = await call('PATCH', `/sites/${SITE}/candidates/${id}`, coordinator, { status });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    }
  }
  return ids;
}

const move = (id: string, status: string) => call('PATCH', `/sites/${SITE}/candidates/${id}`, coordinator, { status });

/** Everyone the inbox shows on study, across pages. */
async function onStudy(): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await call('GET', `/sites/${SITE}/candidates?status=on-study&limit=100${cursor ? `&cursor=${cursor}` : ''}`, coordinator);
    expect(page.status).toBe(200);
    ids.push(...(page.body.items as { referralId: string }[]).map((item) => item.referralId));
    cursor = page.body.cursor as string | undefined;
  } while (cursor);
  return ids;
}

async function enrolled(): Promise<number> {
  const trial = await call('GET', `/trials/${TRIAL}`);
  return (trial.body.recruitment as { enrolled: number }).enrolled;
}

/** Moves every id to on-study at once; returns the ids that got in, after checking every refusal. */
async function raceOnStudy(ids: readonly string[]): Promise<string[]> {
  const replies = await Promise.all(ids.map((id) => move(id, 'on-study')));
  const admitted: string[] = [];
  replies.forEach((reply, index) => {
    if (reply.status === 200) admitted.push(ids[index] as string);
    else {
      expect(reply.status, JSON.stringify(reply.body)).toBe(409);
      expect(String(reply.body.type)).toMatch(/\/trial-full$/);
    }
  });
  return admitted;
}

it('enrols exactly 24 of 50 simultaneous moves from 0, then exactly 1 of 50 from 23, and counts true after withdrawals', async () => {
  const first = await eligibleCandidates(50);
  const admitted = await raceOnStudy(first);
  expect(admitted).toHaveLength(24);
  expect((await onStudy()).sort()).toEqual([...admitted].sort());
  expect(await enrolled()).toBe(24);

  // The site withdraws one patient from the study: 23 on study, and 50 new contenders race for the one place.
  const [leaving = '', withdrawnByPhysician = '', ...stay] = admitted;
  expect((await move(leaving, 'withdrawn')).status).toBe(200);
  expect(await enrolled()).toBe(23);
  const contenders = [...first.filter((id) => !admitted.includes(id)), ...(await eligibleCandidates(24))];
  expect(contenders).toHaveLength(50);
  const second = await raceOnStudy(contenders);
  expect(second).toHaveLength(1);
  expect(await enrolled()).toBe(24);

  // A patient withdraws through their physician (the referral is erased): their place is freed too.
  expect((await call('DELETE', `/referrals/${withdrawnByPhysician}`, physician)).status).toBe(204);
  expect((await move(stay[0] as string, 'withdrawn')).status).toBe(200);
  const now = await onStudy();
  expect(now).toHaveLength(22);
  expect(await enrolled()).toBe(22);
  const trial = await call('GET', `/trials/${TRIAL}`);
  expect(trial.body.recruitment).toMatchObject({ status: 'open', enrolled: 22, target: 24 });

  // And the freed places are there to take, exactly two of them.
  const third = await raceOnStudy(contenders.filter((id) => !second.includes(id)).slice(0, 10));
  expect(third).toHaveLength(2);
  expect(await onStudy()).toHaveLength(24);
  expect(await enrolled()).toBe(24);
}, 300_000);
