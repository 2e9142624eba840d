/**
 * The key derivation on its own (pure, no database): the string orders the indexes rely on hold for every input,
 * so the queries' key ranges mean what the store says they mean.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { dueRanges, fromItem, indexAttributes, invertedScore, toItem, versionKey } from '#adapters/dynamodb/item-keys.js';
import { referralRecord, tombstoneOf } from '#test/support/records.js';

const score = fc.integer({ min: 0, max: 1000 }).map((tenths) => tenths / 10);
const isoDate = fc.integer({ min: 0, max: 20_000 }).map((day) => new Date(Date.UTC(2000, 0, 1 + day)).toISOString().slice(0, 10));
const version = fc.integer({ min: 1, max: 999_999 });

describe('item keys', () => {
  test.prop([score, score])('a higher score sorts first', (a, b) => {
    const [keyA, keyB] = [invertedScore(a), invertedScore(b)];
    expect(keyA).toHaveLength(4);
    if (a > b) expect(keyA < keyB).toBe(true);
    if (a === b) expect(keyA).toBe(keyB);
  });

  it('clamps scores outside 0..100 instead of breaking the fixed width', () => {
    expect(invertedScore(-5)).toBe('1000');
    expect(invertedScore(250)).toBe('0000');
    expect(invertedScore(100)).toBe('0000');
    expect(invertedScore(0)).toBe('1000');
  });

  test.prop([version, version])('criteria versions compare as strings like numbers', (a, b) => {
    expect(versionKey(a) < versionKey(b)).toBe(a < b);
  });

  test.prop([version, fc.option(isoDate, { nil: null }), isoDate, version])(
    'a review key falls in the due ranges exactly when the referral is due',
    (criteriaVersion, reviewAt, today, current) => {
      const record = referralRecord({ criteriaVersion, reviewAt });
      const reviewSk = indexAttributes(record)['reviewSk'] ?? '';
      const ranges = dueRanges(today, current);
      const inRanges =
        reviewSk < ranges.olderVersionsBelow || (reviewSk >= ranges.dueByDate[0] && reviewSk <= ranges.dueByDate[1]);
      const due = criteriaVersion < current || (criteriaVersion === current && reviewAt !== null && reviewAt <= today);
      expect(inRanges).toBe(due);
    },
  );

  it('gives a tombstone the physician index only', () => {
    const record = referralRecord({ candidateStatus: 'candidate', notification: { seq: 1, sentSeq: 0, pendingSince: '2025-06-01T00:00:00.000Z' } });
    expect(Object.keys(indexAttributes(record)).sort()).toEqual(
      ['outboxPk', 'outboxSk', 'physicianPk', 'physicianSk', 'reviewPk', 'reviewSk', 'sitePk', 'siteSk'].sort(),
    );
    expect(Object.keys(indexAttributes(tombstoneOf(record))).sort()).toEqual(['physicianPk', 'physicianSk']);
  });

  it('leaves a referral out of the outbox unless a notification is pending and dated', () => {
    const outboxOf = (notification: { seq: number; sentSeq: number; pendingSince?: string }) =>
      'outboxSk' in indexAttributes(referralRecord({ notification }));
    expect(outboxOf({ seq: 0, sentSeq: 0 })).toBe(false);
    expect(outboxOf({ seq: 2, sentSeq: 2, pendingSince: '2025-06-01T00:00:00.000Z' })).toBe(false);
    expect(outboxOf({ seq: 2, sentSeq: 1 })).toBe(false);
    expect(outboxOf({ seq: 2, sentSeq: 1, pendingSince: '2025-06-01T00:00:00.000Z' })).toBe(true);
  });

  it('round-trips a record through an item', () => {
    const record = referralRecord({ candidateStatus: 'eligible' });
    expect(fromItem(toItem(record))).toEqual(record);
    expect(toItem(record)).toMatchObject({ pk: `REFERRAL#${record.id}`, sk: 'REFERRAL', sitePk: `SITE#${record.siteId}` });
  });
});
