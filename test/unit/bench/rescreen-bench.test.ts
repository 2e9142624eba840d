/**
 * The rescreen benchmark, on a small population: what it measures must be right before its figures mean anything.
 * Correctness only (reads per due referral, every due referral rescreened), never a timing.
 */
import { describe, expect, it } from 'vitest';
import { dueCount, dueReasonAt } from '#bench/rescreen-population.js';
import { rescreenSizesFromEnvironment, runRescreenBench } from '#bench/rescreen.js';

describe('the rescreen benchmark', () => {
  it('reads about one item per due referral, and rescreens every due referral', async () => {
    const [row] = await runRescreenBench({ sizes: [200] });
    expect(row).toBeDefined();
    if (!row) return;
    expect(row.due).toBe(2);
    expect(row.readsPerDue).toBeLessThanOrEqual(1.1);
    expect(row.rescreened).toBe(row.due);
    expect(row.verifiedRescreened).toBe(row.due);
    expect(row.writes).toBe(row.due);
    // The baseline reads everything and finds the same due referrals.
    expect(row.scanItemsRead).toBe(200);
    expect(row.scanDueFound).toBe(row.due);
  });

  it('seeds 1% due, half by date and half by criteria version', () => {
    const reasons = Array.from({ length: 10_000 }, (_, index) => dueReasonAt(index)).filter((reason) => reason !== undefined);
    expect(reasons).toHaveLength(dueCount(10_000));
    expect(reasons.filter((reason) => reason === 'time-passed')).toHaveLength(50);
  });

  it('runs the default sizes up to BENCH_RESCREEN_MAX', () => {
    expect(rescreenSizesFromEnvironment(undefined)).toEqual([1_000, 10_000, 100_000]);
    expect(rescreenSizesFromEnvironment('20000')).toEqual([1_000, 10_000, 20_000]);
    expect(rescreenSizesFromEnvironment('500')).toEqual([500]);
    expect(() => rescreenSizesFromEnvironment('lots')).toThrow(RangeError);
  });
});
