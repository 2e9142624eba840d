/**
 * A new criteria version reaches stored referrals: one screened under version 1 (reasons as English text, an
 * exclusion reading "met") is still readable, and the schedule rescreens it under version 2.
 */
import { documentClientFor } from '#adapters/dynamodb/document-client.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '#local/local-stack.js';
import { DynamoReferralStore } from '#adapters/dynamodb/referral-store.js';
import { isTombstone } from '#referral/record.js';
import type { ScreeningResult } from '#screening/result.js';
import { NCT05212584 } from '#trial/nct05212584.js';
import { ManualClock } from '#test/support/manual-clock.js';
import { eligibleProfile } from '#test/support/profiles.js';

const clock = new ManualClock(new Date('2026-11-25T02:00:00.000Z'));
let stack: LocalStack;
let token: string;

beforeAll(async () => {
  stack = await startLocalStack({ inMemory: true, port: 0, clock, rescreenIntervalMs: false, quiet: true });
  token = await stack.mintToken({ role: 'physician', sub: 'dr-upgrade' });
});
afterAll(() => stack.stop());

/** What version 1 stored: English sentences instead of reason codes, and "met" on a clear exclusion. */
const versionOneResult = (asOf: string): ScreeningResult =>
  ({
    trialId: 'NCT05212584',
    criteriaVersion: 1,
    asOf,
    verdict: 'eligible',
    score: 100,
    criteria: [
      { id: 'inc-age', kind: 'inclusion', text: 'Age 2-60 years old', outcome: 'met', reason: 'age 34 is within 2-60 years', siteVerified: false, missing: [] },
      { id: 'exc-hiv', kind: 'exclusion', text: 'Human immunodeficiency virus (HIV) infection', outcome: 'met', reason: 'HIV infection: absent', siteVerified: false, missing: [] },
    ],
    missingData: [{ field: 'consent.status', criterionId: 'inc-consent', problem: 'missing', request: 'trial consent status' }],
    reviewAt: '2026-12-19',
  }) as unknown as ScreeningResult;

describe('a referral screened under criteria version 1', () => {
  it('is read as stored, then rescreened under version 2 by the schedule', async () => {
    expect(NCT05212584.criteriaVersion).toBe(2);
    const created = await fetch(`${stack.apiUrl}/referrals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ trialId: 'NCT05212584', prescreeningConsent: { attested: true }, profile: eligibleProfile('2026-11-25') }),
    });
    const id = String(((await created.json()) as { id: string }).id);
    await stack.drainQueue();

    // Let the site be told first (the queue's consumer writes the referral too), then put it back as version 1 left it.
    const store = new DynamoReferralStore({ client: documentClientFor(stack.dynamodb), tableName: stack.tableName, clock });
    const stored = await store.get(id);
    if (!stored || isTombstone(stored)) throw new Error('the referral was not stored');
    await store.put({ ...stored, revision: stored.revision + 1, latest: versionOneResult('2026-11-25') }, stored.revision);

    const read = async () => {
      const reply = await fetch(`${stack.apiUrl}/referrals/${id}`, { headers: { authorization: `Bearer ${token}` } });
      expect(reply.status).toBe(200);
      return ((await reply.json()) as { screening: { criteriaVersion: number; criteria: { id: string; outcome: string; reason: string }[] }; history: { trigger: string }[] });
    };
    const before = await read();
    expect(before.screening.criteriaVersion).toBe(1);
    expect(before.screening.criteria.find((c) => c.id === 'exc-hiv')?.reason).toBe('HIV infection: absent');

    // The same day, nothing is due by date; the old version alone makes it due.
    const report = await stack.runRescreen();
    expect(report.rescreened).toBe(1);
    const after = await read();
    expect(after.screening.criteriaVersion).toBe(2);
    expect(after.history.at(-1)?.trigger).toBe('criteria-changed');
    expect(after.screening.criteria.find((c) => c.id === 'exc-hiv')).toMatchObject({ outcome: 'clear', reason: 'HIV infection: absent' });
    expect((await stack.runRescreen()).rescreened).toBe(0);
  });
});
