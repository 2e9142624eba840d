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
import { runColdStartBench } from '#bench/cold-start.js';

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
});
