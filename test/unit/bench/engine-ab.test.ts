/**
 * The engine A/B comparison (`npm run bench:engine`): it must build the engines it claims to compare, refuse to
 * time engines that disagree, and read its ratios the right way round. Never a timing.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { abVerdict, bundleEngine, exportTree, runEngineAb, type BundledEngine } from '#bench/engine-ab.js';
import { REPOSITORY_ROOT } from '#scripts/build-functions.js';
import { screen } from '#screening/screen.js';
import { NCT05212584 } from '#trial/nct05212584.js';
import { eligibleProfile } from '#test/support/profiles.js';

const ASOF = '2026-11-25';
const inTree: BundledEngine = { screen, NCT05212584 };
const TINY = { rotations: 2, roundMs: 1, warmUpItems: 5, batchSize: 30 };

describe('abVerdict', () => {
  it('calls a change faster or slower only outside what identical code reads', () => {
    const floorSpeedups = [0.97, 1.0, 1.04];
    expect(abVerdict({ candidateSpeedups: [1.1, 1.12, 1.08], floorSpeedups }).reading).toBe('faster');
    expect(abVerdict({ candidateSpeedups: [0.9, 0.88, 0.91], floorSpeedups }).reading).toBe('slower');
    expect(abVerdict({ candidateSpeedups: [1.03, 0.99, 1.02], floorSpeedups })).toEqual({
      speedup: 1.02,
      floorLow: 0.97,
      floorHigh: 1.04,
      reading: 'within the noise',
    });
  });
});

describe('runEngineAb', () => {
  it('times every side in every rotation, as baseline ÷ side', () => {
    const report = runEngineAb(inTree, inTree, inTree, TINY);
    expect(report.candidateSpeedups).toHaveLength(2);
    expect(report.floorSpeedups).toHaveLength(2);
    expect(report.baselineMicros).toBeGreaterThan(0);
    expect(report.candidateMicros).toBeGreaterThan(0);
  });

  it('refuses to time a candidate that screens any profile differently', () => {
    const wrong: BundledEngine = {
      NCT05212584,
      screen: (profile, trial, asOf) => {
        const result = screen(profile, trial, asOf);
        return { ...result, score: result.score + 1 };
      },
    };
    expect(() => runEngineAb(inTree, wrong, inTree, TINY)).toThrow(/screen profile #0 differently/);
  });
});

describe('the bundled engines', () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'engine-ab-test-'));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });
  const load = async (file: string) => (await import(pathToFileURL(file).href)) as BundledEngine;

  it('the working tree’s bundle screens exactly as the engine in this tree', async () => {
    await bundleEngine(REPOSITORY_ROOT, join(work, 'candidate.mjs'), join(REPOSITORY_ROOT, 'node_modules'));
    const bundled = await load(join(work, 'candidate.mjs'));
    const profile = eligibleProfile(ASOF);
    expect(bundled.screen(profile, bundled.NCT05212584, ASOF)).toEqual(screen(profile, NCT05212584, ASOF));
  });

  it('a committed revision is exported and bundled without touching the working tree', async () => {
    const tree = join(work, 'tree');
    await mkdir(tree);
    exportTree(REPOSITORY_ROOT, 'HEAD', tree);
    await bundleEngine(tree, join(work, 'baseline.mjs'), join(REPOSITORY_ROOT, 'node_modules'));
    const baseline = await load(join(work, 'baseline.mjs'));
    const result = baseline.screen(eligibleProfile(ASOF), baseline.NCT05212584, ASOF);
    expect(result.trialId).toBe('NCT05212584');
    expect(result.criteria.length).toBeGreaterThan(0);
  });
});
