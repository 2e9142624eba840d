/**
 * `npm run bench:engine -- [git ref]`: is a change to the screening engine faster? The engine at a git ref (HEAD by
 * default) and the engine in the working tree, each bundled as deployed, screen the screening bench's batch in one
 * process, in rotating CPU-time rounds: baseline, candidate, baseline again. Each candidate round is divided by the
 * baseline round beside it, so a load change on this shared machine touches both sides of every ratio.
 *
 * The second baseline copy is the noise floor: the same code in a module of its own, read against the first. A
 * change reads as real only when its ratio lies outside the floor's range. Two separate runs of the bench's
 * json-rules-engine comparison disagree by more than most engine changes are worth; this does not.
 *
 * A development tool, not a reported figure: nothing here is in BENCHMARKS.md's targets.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { lambdaEsbuildOptions } from '#infra/bundling.js';
import type { PatientProfile } from '#profile/schema.js';
import type { ScreeningResult } from '#screening/result.js';
import type { TrialDefinition } from '#trial/definition.js';
import { cpuClock, measureSync, median } from './rounds.js';
import { DEFAULT_SCREENING_OPTIONS, screeningBatch } from './screening.js';

/** What a bundled engine exports: the entry below, built from one source tree. */
export interface BundledEngine {
  readonly screen: (profile: PatientProfile, trial: TrialDefinition, asOf: string) => ScreeningResult;
  readonly NCT05212584: TrialDefinition;
}

const ENTRY_SOURCE = "export { screen } from '#screening/screen.js';\nexport { NCT05212584 } from '#trial/nct05212584.js';\n";

/**
 * Bundles the engine of the source tree at `root` (its own package.json resolves the `#…` imports) to `outfile`,
 * with the Lambda build's code settings. The entry is handed to esbuild as text, so nothing is written into the
 * tree; packages come from `nodeModules` (an exported tree has none of its own).
 */
export async function bundleEngine(root: string, outfile: string, nodeModules: string): Promise<void> {
  await build({
    ...lambdaEsbuildOptions(),
    absWorkingDir: root,
    stdin: { contents: ENTRY_SOURCE, resolveDir: root, sourcefile: 'engine-ab-entry.ts', loader: 'ts' },
    outfile,
    sourcemap: false,
    nodePaths: [nodeModules],
    logLevel: 'error',
  });
}

/** The files of `ref` the engine is built from, written under `into` (no checkout: the working tree is untouched). */
export function exportTree(repository: string, ref: string, into: string): void {
  const archive = execFileSync('git', ['archive', '--format=tar', ref, 'package.json', 'shared'], { cwd: repository, maxBuffer: 256 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', into], { input: archive });
}

export interface EngineAbOptions {
  /** Rotations of baseline, candidate, baseline copy. */
  readonly rotations: number;
  readonly roundMs: number;
  readonly warmUpItems: number;
  readonly batchSize: number;
}

export const DEFAULT_ENGINE_AB_OPTIONS: EngineAbOptions = { rotations: 15, roundMs: 400, warmUpItems: 40_000, batchSize: 20_000 };
export const QUICK_ENGINE_AB_OPTIONS: EngineAbOptions = { rotations: 3, roundMs: 100, warmUpItems: 2_000, batchSize: 2_000 };

export interface EngineAbReport {
  readonly rotations: number;
  /** Median microseconds a profile, per side. */
  readonly baselineMicros: number;
  readonly candidateMicros: number;
  /** Per rotation: baseline time ÷ candidate time (above 1: the candidate is faster). */
  readonly candidateSpeedups: readonly number[];
  /** Per rotation: baseline time ÷ its copy's time: what identical code reads. */
  readonly floorSpeedups: readonly number[];
}

export interface AbVerdict {
  readonly speedup: number;
  readonly floorLow: number;
  readonly floorHigh: number;
  readonly reading: 'faster' | 'slower' | 'within the noise';
}

/** The candidate's median speed-up, and whether it lies outside what identical code reads. */
export function abVerdict(report: Pick<EngineAbReport, 'candidateSpeedups' | 'floorSpeedups'>): AbVerdict {
  const speedup = median(report.candidateSpeedups);
  const floorLow = Math.min(...report.floorSpeedups);
  const floorHigh = Math.max(...report.floorSpeedups);
  const reading = speedup > floorHigh ? 'faster' : speedup < floorLow ? 'slower' : 'within the noise';
  return { speedup, floorLow, floorHigh, reading };
}

/** Screens the bench's batch with each engine in rotating rounds; the engines must agree on every verdict first. */
export function runEngineAb(baseline: BundledEngine, candidate: BundledEngine, baselineCopy: BundledEngine, options: EngineAbOptions): EngineAbReport {
  const { asOf, seed } = DEFAULT_SCREENING_OPTIONS;
  const batch = screeningBatch(options.batchSize, seed, asOf);
  batch.forEach((profile, index) => {
    const before = JSON.stringify(baseline.screen(profile, baseline.NCT05212584, asOf));
    const after = JSON.stringify(candidate.screen(profile, candidate.NCT05212584, asOf));
    if (before !== after) throw new Error(`the engines screen profile #${index} differently: compare them before timing them`);
  });
  const microsOf = (engine: BundledEngine, warmUpItems = 0): number => {
    const screenOne = (profile: PatientProfile) => engine.screen(profile, engine.NCT05212584, asOf).verdict;
    const { perSecond } = measureSync(batch, screenOne, { warmUpItems, rounds: 1, roundMs: options.roundMs, clock: cpuClock });
    return 1e6 / perSecond;
  };
  // Every engine optimised before the first timed round, which would otherwise time V8's work on the last of them.
  for (const engine of [baseline, candidate, baselineCopy]) microsOf(engine, options.warmUpItems);
  const baselineTimes: number[] = [];
  const candidateSpeedups: number[] = [];
  const floorSpeedups: number[] = [];
  const candidateTimes: number[] = [];
  for (let rotation = 0; rotation < options.rotations; rotation++) {
    const base = microsOf(baseline);
    const changed = microsOf(candidate);
    const copy = microsOf(baselineCopy);
    baselineTimes.push(base);
    candidateTimes.push(changed);
    candidateSpeedups.push(base / changed);
    floorSpeedups.push(base / copy);
  }
  return {
    rotations: options.rotations,
    baselineMicros: median(baselineTimes),
    candidateMicros: median(candidateTimes),
    candidateSpeedups,
    floorSpeedups,
  };
}

export function formatEngineAbReport(report: EngineAbReport, baselineName: string): string {
  const verdict = abVerdict(report);
  const range = (values: readonly number[]) => `${Math.min(...values).toFixed(3)}–${Math.max(...values).toFixed(3)}`;
  return [
    `baseline (${baselineName}) ${report.baselineMicros.toFixed(2)} µs/profile, working tree ${report.candidateMicros.toFixed(2)} µs/profile (medians of ${report.rotations} rotations)`,
    `working tree speed-up: ${verdict.speedup.toFixed(3)}× (rounds ${range(report.candidateSpeedups)})`,
    `identical code reads:  ${median(report.floorSpeedups).toFixed(3)}× (rounds ${range(report.floorSpeedups)})`,
    `reading: ${verdict.reading}`,
  ].join('\n');
}

/** Builds the two bundles (baseline at `ref`, working tree) in a temporary directory and loads three engines: the baseline twice. */
export async function loadEngines(repository: string, ref: string): Promise<{ baseline: BundledEngine; candidate: BundledEngine; baselineCopy: BundledEngine; cleanUp: () => Promise<void> }> {
  const work = await mkdtemp(join(tmpdir(), 'trial-match-engine-ab-'));
  const cleanUp = () => rm(work, { recursive: true, force: true });
  try {
    const tree = join(work, 'baseline-tree');
    await mkdir(tree);
    exportTree(repository, ref, tree);
    const nodeModules = join(repository, 'node_modules');
    await bundleEngine(tree, join(work, 'baseline.mjs'), nodeModules);
    await bundleEngine(repository, join(work, 'candidate.mjs'), nodeModules);
    // The copy is the same file under another URL: a module instance of its own, with its own optimised code.
    const load = async (file: string, copy = '') => (await import(`${pathToFileURL(join(work, file)).href}${copy}`)) as BundledEngine;
    return { baseline: await load('baseline.mjs'), candidate: await load('candidate.mjs'), baselineCopy: await load('baseline.mjs', '?copy'), cleanUp };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
