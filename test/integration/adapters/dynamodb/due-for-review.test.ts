/**
 * listDue returns exactly the referrals due for rescreening (reviewAt on or before today, or screened under an
 * older criteria version), across pages that span both of its queries, and reads nothing it does not return.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReferralRecord } from '#referral/record.js';
import { nextId, referralRecord, tombstoneOf } from '#test/support/records.js';
import { allPages, startStoreHarness, type StoreHarness } from './store-harness.js';

let harness: StoreHarness;
beforeAll(async () => {
  harness = await startStoreHarness();
});
afterAll(async () => {
  await harness.stop();
});

const TODAY = '2025-06-10';
const CURRENT_VERSION = 3;

async function listAllDue(trialId: string, limit: number, today = TODAY, version = CURRENT_VERSION) {
  return allPages((cursor) => harness.store.listDue(trialId, today, version, { limit, ...(cursor ? { cursor } : {}) }));
}

const sorted = (ids: readonly string[]): string[] => [...ids].sort();

describe('listDue over a mixed population', () => {
  const trialId = nextId('trial');
  const due: ReferralRecord[] = [];

  beforeAll(async () => {
    const record = (criteriaVersion: number, reviewAt: string | null) => referralRecord({ trialId, criteriaVersion, reviewAt });
    due.push(
      // Due by date under the current criteria.
      record(3, '2025-06-01'),
      record(3, TODAY),
      record(3, '2024-12-31'),
      // Due because the criteria changed since they were screened, whatever their dates.
      record(1, null),
      record(2, '2025-12-01'),
      record(2, '2025-01-01'),
    );
    const notDue = [
      record(3, '2025-06-11'),
      record(3, '2026-01-01'),
      record(3, null),
      // Screened under a newer version than the caller's (a deployment in progress): not this caller's to redo.
      record(4, '2025-01-01'),
      // Another trial's referral, due by every measure.
      referralRecord({ trialId: nextId('trial'), criteriaVersion: 1, reviewAt: '2025-01-01' }),
    ];
    const withdrawn = record(1, '2025-01-01');
    for (const item of [...due, ...notDue, withdrawn]) await harness.store.create(item);
    await harness.store.put(tombstoneOf(withdrawn), withdrawn.revision);
  });

  it('returns exactly the due referrals, and the query reads only them', async () => {
    harness.reads.reset();
    const { items } = await listAllDue(trialId, 100);
    expect(sorted(items.map((item) => item.id))).toEqual(sorted(due.map((item) => item.id)));
    expect(harness.reads.scanned).toBe(due.length);
    expect(harness.reads.returned).toBe(due.length);
  });

  it.each([1, 2, 3, 4, 5, 6, 7])('pages through both queries with limit %i, each item once, reading only due items', async (limit) => {
    harness.reads.reset();
    const { items, pages } = await listAllDue(trialId, limit);
    const ids = items.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(sorted(ids)).toEqual(sorted(due.map((item) => item.id)));
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(due.length / limit));
    for (const item of items) expect(item).toHaveProperty('profile');
    expect(harness.reads.scanned).toBe(due.length);
  });

  it('keeps each page within the limit', async () => {
    let cursor: string | undefined;
    do {
      const page = await harness.store.listDue(trialId, TODAY, CURRENT_VERSION, { limit: 4, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(4);
      cursor = page.cursor;
    } while (cursor);
  });

  it('finds nothing for a trial with no referrals', async () => {
    await expect(harness.store.listDue(nextId('trial'), TODAY, 1, { limit: 10 })).resolves.toEqual({ items: [] });
  });
});

describe('listDue for any population', () => {
  const date = fc.integer({ min: 0, max: 40 }).map((day) => new Date(Date.UTC(2025, 5, 1 + day)).toISOString().slice(0, 10));
  const population = fc.array(
    fc.record({ criteriaVersion: fc.integer({ min: 1, max: 5 }), reviewAt: fc.option(date, { nil: null }) }),
    { maxLength: 12 },
  );

  it('returns exactly the referrals whose verdict may have changed', async () => {
    await fc.assert(
      fc.asyncProperty(population, date, fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), async (members, today, version, limit) => {
        const trialId = nextId('trial');
        const records = members.map((member) => referralRecord({ trialId, ...member }));
        await Promise.all(records.map((record) => harness.store.create(record)));
        const expected = records.filter(
          (record) =>
            record.latest.criteriaVersion < version ||
            (record.latest.criteriaVersion === version && record.latest.reviewAt !== null && record.latest.reviewAt <= today),
        );

        harness.reads.reset();
        const { items } = await listAllDue(trialId, limit, today, version);
        expect(sorted(items.map((item) => item.id))).toEqual(sorted(expected.map((item) => item.id)));
        expect(harness.reads.scanned).toBe(expected.length);
      }),
      { numRuns: 25 },
    );
  });
});
