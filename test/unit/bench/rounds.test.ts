import { describe, expect, it } from 'vitest';
import { measureAsync, measureSync, median } from '#bench/rounds.js';

describe('median', () => {
  it('is the middle value, or the mean of the two middle values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe('measureSync and measureAsync', () => {
  // Structure only: how fast anything runs is never asserted (the machine is shared and noisy).
  it('run the warm-up and the planned rounds over every item, cycling', async () => {
    const seen = new Set<number>();
    const plan = { warmUpItems: 10, rounds: 3, roundMs: 1 };
    const sync = measureSync([1, 2, 3], (n) => seen.add(n), plan);
    expect(sync.rounds).toHaveLength(3);
    expect(sync.perSecond).toBeGreaterThan(0);
    expect([...seen].sort()).toEqual([1, 2, 3]);
    const async = await measureAsync([1, 2], async (n) => n, plan);
    expect(async.rounds).toHaveLength(3);
    expect(async.perSecond).toBe(median(async.rounds));
  });

  it('refuse an empty batch', () => {
    expect(() => measureSync([], () => 1, { warmUpItems: 0, rounds: 1, roundMs: 1 })).toThrow();
  });
});
