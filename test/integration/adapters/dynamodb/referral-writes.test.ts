/** Creating, reading and conditionally replacing referrals, against dynalite over the wire. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RevisionConflictError } from '#ports/referral-store.js';
import type { StoredReferral } from '#referral/record.js';
import { nextRevision, referralRecord, tombstoneOf } from '#test/support/records.js';
import { startStoreHarness, type StoreHarness } from './store-harness.js';

let harness: StoreHarness;
beforeAll(async () => {
  harness = await startStoreHarness();
});
afterAll(async () => {
  await harness.stop();
});

describe('create and get', () => {
  it('stores a referral and reads it back unchanged, nested maps and empty strings included', async () => {
    const record = referralRecord({ candidateStatus: 'potential-candidate' });
    await expect(harness.store.create(record)).resolves.toEqual({ created: true });
    const read = await harness.store.get(record.id);
    expect(read).toEqual(record);
    // The profile's empty display string survives the round trip.
    expect(read && 'profile' in read ? read.profile.diagnosis?.coding?.[0]?.display : undefined).toBe('');
  });

  it('drops optional fields that are present but undefined instead of failing the write', async () => {
    const record = { ...referralRecord(), submissionHash: undefined, candidate: undefined };
    await harness.store.create(record);
    const read = await harness.store.get(record.id);
    expect(read).not.toHaveProperty('submissionHash');
    expect(read).not.toHaveProperty('candidate');
  });

  it('returns the existing referral on a duplicate create and writes nothing', async () => {
    const first = referralRecord();
    await harness.store.create(first);
    const retry = { ...first, physicianId: 'someone-else', createdAt: '2030-01-01T00:00:00.000Z' };
    await expect(harness.store.create(retry)).resolves.toEqual({ created: false, existing: first });
    await expect(harness.store.get(first.id)).resolves.toEqual(first);
  });

  it('answers undefined for an unknown id', async () => {
    await expect(harness.store.get('no-such-referral')).resolves.toBeUndefined();
  });

  it('does not leak key attributes into the record', async () => {
    const record = referralRecord({ candidateStatus: 'candidate', notification: { seq: 1, sentSeq: 0, pendingSince: '2025-06-01T00:00:00.000Z' } });
    await harness.store.create(record);
    const read = await harness.store.get(record.id);
    for (const attribute of ['pk', 'sk', 'physicianPk', 'physicianSk', 'sitePk', 'siteSk', 'reviewPk', 'reviewSk', 'outboxPk', 'outboxSk']) {
      expect(read).not.toHaveProperty(attribute);
    }
  });
});

describe('put', () => {
  it('replaces the referral when the stored revision is the expected one', async () => {
    const record = referralRecord();
    await harness.store.create(record);
    const next = nextRevision(record, { version: 2, updatedAt: '2025-06-02T00:00:00.000Z' });
    await harness.store.put(next, record.revision);
    await expect(harness.store.get(record.id)).resolves.toEqual(next);
  });

  it('refuses a stale revision with RevisionConflictError and leaves the item unchanged', async () => {
    const record = referralRecord();
    await harness.store.create(record);
    const current = nextRevision(record, { version: 2 });
    await harness.store.put(current, 1);

    // A writer that read revision 1 before the write above.
    const stale = nextRevision(record, { version: 7 });
    await expect(harness.store.put(stale, 1)).rejects.toBeInstanceOf(RevisionConflictError);
    await expect(harness.store.get(record.id)).resolves.toEqual(current);
  });

  it('refuses to put a referral that was never created', async () => {
    const record = referralRecord({ revision: 2 });
    await expect(harness.store.put(record, 1)).rejects.toBeInstanceOf(RevisionConflictError);
    await expect(harness.store.get(record.id)).resolves.toBeUndefined();
  });

  it('rejects a next revision that does not follow the expected one, without writing', async () => {
    const record = referralRecord();
    await harness.store.create(record);
    const skipping = { ...record, revision: 3, version: 9 };
    await expect(harness.store.put(skipping, 1)).rejects.toThrow(/revision 3 does not follow 1/);
    await expect(harness.store.put(record, 1)).rejects.toThrow(/does not follow/);
    await expect(harness.store.get(record.id)).resolves.toEqual(record);
  });

  it('lets exactly one of several concurrent writers from the same revision win', async () => {
    const record = referralRecord();
    await harness.store.create(record);
    const writers = [2, 3, 4, 5, 6].map((version) => nextRevision(record, { version }));
    const outcomes = await Promise.allSettled(writers.map((next) => harness.store.put(next, record.revision)));

    const won = outcomes.flatMap((outcome, index) => (outcome.status === 'fulfilled' ? [writers[index]] : []));
    const lost = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(writers.length - 1);
    for (const reason of lost) expect(reason).toBeInstanceOf(RevisionConflictError);
    await expect(harness.store.get(record.id)).resolves.toEqual(won[0]);
  });

  it('turns a referral into a tombstone, which a later stale write cannot resurrect', async () => {
    const record = referralRecord({ candidateStatus: 'candidate' });
    await harness.store.create(record);
    const tombstone = tombstoneOf(record);
    await harness.store.put(tombstone, record.revision);
    const read: StoredReferral | undefined = await harness.store.get(record.id);
    expect(read).toEqual(tombstone);
    expect(read).not.toHaveProperty('profile');

    await expect(harness.store.put(nextRevision(record), record.revision)).rejects.toBeInstanceOf(RevisionConflictError);
    await expect(harness.store.get(record.id)).resolves.toEqual(tombstone);
  });

  it('finds the tombstone on a duplicate create after withdrawal', async () => {
    const record = referralRecord();
    await harness.store.create(record);
    const tombstone = tombstoneOf(record);
    await harness.store.put(tombstone, record.revision);
    await expect(harness.store.create(record)).resolves.toEqual({ created: false, existing: tombstone });
  });
});
