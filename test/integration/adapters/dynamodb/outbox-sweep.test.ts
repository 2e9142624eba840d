/**
 * The outbox sweep (rescreen.ts) on a real table: the outbox index holds only which referral and trial, so the sweep
 * reads each pending referral again before publishing. What it publishes must be what it always did: a notification
 * still pending past the grace period, as the referral holds it now; nothing younger, nothing withdrawn, nothing
 * while recruitment holds it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CandidateNotification } from '#referral/notification.js';
import type { ReferralRecord } from '#referral/record.js';
import { NCT05212584 } from '#trial/nct05212584.js';
import { DEFAULT_RESCREEN_OPTIONS, rescreenDue } from '#use-cases/rescreen.js';
import { referralRecord, tombstoneOf } from '#test/support/records.js';
import { startStoreHarness, type StoreHarness } from './store-harness.js';

const now = new Date('2025-06-01T12:00:00.000Z');
const minutesAgo = (minutes: number): string => new Date(now.getTime() - minutes * 60_000).toISOString();

let harness: StoreHarness;
beforeAll(async () => {
  harness = await startStoreHarness();
  harness.clock.set(now);
});
afterAll(async () => {
  await harness.stop();
});

/** Screened under the trial's current criteria and not due for review, so the sweep alone may publish. */
const pendingReferral = (pendingSince: string, seq = 1): ReferralRecord =>
  referralRecord({
    criteriaVersion: NCT05212584.criteriaVersion,
    reviewAt: '2030-01-01',
    notification: { seq, sentSeq: seq - 1, pendingSince },
  });

async function sweep(): Promise<CandidateNotification[]> {
  const sent: CandidateNotification[] = [];
  await rescreenDue({
    store: harness.store,
    clock: harness.clock,
    events: { warn: () => undefined },
    publisher: { publish: async (messages) => void sent.push(...messages) },
  });
  return sent;
}

describe('outbox sweep', () => {
  it('publishes a notification left pending past the grace period, as the referral holds it now, and nothing else', async () => {
    const graceMinutes = DEFAULT_RESCREEN_OPTIONS.outboxGraceMs / 60_000;
    const stuck = pendingReferral(minutesAgo(graceMinutes + 30), 3);
    const young = pendingReferral(minutesAgo(graceMinutes / 2));
    const withdrawn = pendingReferral(minutesAgo(graceMinutes + 30));
    for (const record of [stuck, young, withdrawn]) await harness.store.create(record);
    await harness.store.put(tombstoneOf(withdrawn), withdrawn.revision);

    const sent = await sweep();
    expect(sent).toEqual([
      {
        type: 'candidate.changed',
        referralId: stuck.id,
        trialId: stuck.trialId,
        siteId: stuck.siteId,
        seq: 3,
        verdict: stuck.latest.verdict,
        score: stuck.latest.score,
        criteriaVersion: stuck.latest.criteriaVersion,
        occurredAt: now.toISOString(),
      },
    ]);

    // Paused recruitment holds it (and the sweep reads no referral for it); reopened, it goes out.
    await harness.store.putTrialState({ trialId: NCT05212584.id, recruitment: 'paused', updatedAt: now.toISOString() });
    expect(await sweep()).toEqual([]);
    await harness.store.putTrialState({ trialId: NCT05212584.id, recruitment: 'open', updatedAt: now.toISOString() });
    expect((await sweep()).map((message) => message.referralId)).toEqual([stuck.id]);
  });
});
