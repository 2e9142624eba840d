/** The load benchmark runs end to end and reports figures for every row (no timing thresholds: shared machines). */
import { expect, it } from 'vitest';
import { formatLoadTable, OURS_CONSUMER_HELD, runLoadBench } from '#bench/load.js';

it('measures our stack and both baselines for each target, each server in its own process', async () => {
  const rows = await runLoadBench({ durationSeconds: 1, connections: 2, seededCandidates: 3, rounds: 1 });
  expect(rows.map((r) => `${r.target} | ${r.server}`)).toHaveLength(7);
  // POST also runs with the queue consumer held (the route's own cost); the held messages are delivered after.
  expect(rows.filter((r) => r.server === OURS_CONSUMER_HELD).map((r) => r.target)).toEqual(['POST /referrals']);
  for (const row of rows) {
    expect(row.requestsPerSecond, row.server).toBeGreaterThan(0);
    expect(row.non2xx, `${row.target} on ${row.server} answered only 2xx`).toBe(0);
    expect(row.overhead).toBeGreaterThan(0);
    expect(row.cpuMsPerRequest, `${row.server} reported the CPU time it spent`).toBeGreaterThan(0);
    // Linux tells the main thread's share apart (in 10 ms ticks, so it can be 0 in a short run).
    if (process.platform === 'linux') expect(row.mainThreadCpuMsPerRequest, `${row.server}'s main thread`).toBeGreaterThanOrEqual(0);
    expect(row.runs).toHaveLength(1);
  }
  const printed = formatLoadTable(rows);
  expect(printed).toContain('POST /referrals');
  expect(printed).toMatch(/inbox ≥ 200 req\/s: \d+\.\d req\/s, (met|MISSED)/);
}, 180_000);
