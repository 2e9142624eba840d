/**
 * The cold-start benchmark, for one handler and one process each: it builds a real bundle and gets a real
 * measurement out of a child process. No timing is asserted beyond "a positive number".
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { floorSource, initSdkWorkOf } from '#bench/cold-start-bundles.js';
import { changesBetween, formatColdStartReport, runColdStartBench, type ColdStartRow } from '#bench/cold-start.js';

describe('the cold-start benchmark', () => {
  it('measures a handler and its floor from bundles it built', async () => {
    const outdir = await mkdtemp(join(tmpdir(), 'cold-start-test-'));
    try {
      const rows = await runColdStartBench({ handlers: ['get-referral'], repetitions: 1, outdir });
      expect(rows).toHaveLength(1);
      const [row] = rows;
      expect(row?.handler).toBe('get-referral');
      expect(row?.floor).toBe('dynamodb');
      expect(existsSync(row?.bundle ?? '')).toBe(true);
      expect(row?.bytes).toBeGreaterThan(0);
      expect(row?.initMs).toBeGreaterThan(0);
      expect(row?.floorMs).toBeGreaterThan(0);
    } finally {
      await rm(outdir, { recursive: true, force: true });
    }
  });

  it('gives notify-site a floor that fetches its secrets from the local stub, as the handler does', async () => {
    const outdir = await mkdtemp(join(tmpdir(), 'cold-start-test-'));
    try {
      // The handler's top-level await would reject (and the child fail) if the stub did not answer.
      const [row] = await runColdStartBench({ handlers: ['notify-site'], repetitions: 1, outdir });
      expect(row?.floor).toBe('dynamodb+secrets-manager');
      expect(row?.initMs).toBeGreaterThan(0);
    } finally {
      await rm(outdir, { recursive: true, force: true });
    }
  });

  it('reads the SDK work of a handler from the composition builders it calls', () => {
    const source = "const store = referralStoreFromEnvironment(instrument);\nconst publisher = publisherFromEnvironment();";
    expect(initSdkWorkOf(source)).toEqual(['dynamodb', 'sqs']);
    expect(initSdkWorkOf('export const handler = () => 1;')).toEqual([]);
    expect(floorSource(['secrets-manager'])).toContain('GetSecretValueCommand');
  });

  it('compares the runs by each SDK handler\'s ratio, largest difference first', () => {
    const row = (handler: string, floor: string, initMs: number, floorMs: number): ColdStartRow => ({
      handler,
      bundle: `${handler}.mjs`,
      bytes: 1,
      gzipBytes: 1,
      initBytes: 1,
      initMs,
      samples: [initMs],
      floor,
      floorMs,
      floorSamples: [floorMs],
      ratio: initMs / floorMs,
    });
    // A loaded second run: init times rise, but each ratio is to a floor measured beside it.
    // A ratio to an empty module (no-sdk) is left out, however much it moves.
    const before = [row('get-referral', 'dynamodb', 60, 50), row('notify-site', 'dynamodb+secrets-manager', 90, 80), row('get-openapi', 'no-sdk', 30, 10)];
    const after = [row('get-referral', 'dynamodb', 126, 100), row('notify-site', 'dynamodb+secrets-manager', 180, 160), row('get-openapi', 'no-sdk', 66, 10)];
    const changes = changesBetween(before, after);
    expect(changes.map((change) => change.handler)).toEqual(['get-referral', 'notify-site']);
    expect(changes[0]?.change).toBeCloseTo(0.05);
    expect(changes[1]?.change).toBe(0);
    const report = { rows: after, maxProcesses: 40, tolerance: 0.05, processesPerBundle: 15, settled: true, largestChange: changes[0] };
    expect(formatColdStartReport(report)).toContain('settled: two consecutive runs of 7 and 8 fresh processes per bundle agree within 5.0 %');
    expect(formatColdStartReport({ ...report, settled: false, processesPerBundle: 40 })).toContain('NOT settled: at the cap of 40 processes per bundle');
    expect(formatColdStartReport(report)).toContain('MISSED by get-referral (1.260x)');
  });
});
