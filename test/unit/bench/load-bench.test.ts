/** The load benchmark runs end to end and reports figures for every row (no timing thresholds: shared machines). */
import { expect, it } from 'vitest';
import { formatLoadTable, runLoadBench } from '#bench/load.js';

it('measures our stack and both baselines for each target', async () => {
  const rows = await runLoadBench({ durationSeconds: 1, connections: 2, seededCandidates: 3 });
  expect(rows.map((r) => `${r.target} | ${r.server}`)).toHaveLength(6);
  for (const row of rows) {
    expect(row.requestsPerSecond, row.server).toBeGreaterThan(0);
    expect(row.non2xx, `${row.target} on ${row.server} answered only 2xx`).toBe(0);
    expect(row.overhead).toBeGreaterThan(0);
  }
  expect(formatLoadTable(rows)).toContain('POST /referrals');
}, 120_000);
