/**
 * FHIR batch screening beside native profiles, on the same patients in the same run: the screening benchmark's
 * varied profiles are written as FHIR Bundles (test/support/profile-to-bundle.ts) and screened three ways, one
 * thread each: the profile itself (the baseline), the Bundle object (translate + screen), and the NDJSON line (parse
 * + translate + screen, what `trial-match screen --batch` does per line). Then the built CLI is run once over all of
 * them as an NDJSON file, start-up included.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { screenLine } from '#cli/batch-command.js';
import { translateBundle } from '#fhir/translate-bundle.js';
import { screen } from '#screening/screen.js';
import { NCT05212584 } from '#trial/nct05212584.js';
import { profileToBundle } from '#test/support/profile-to-bundle.js';
import { fixed, renderTable } from './render-table.js';
import { measureSync, type RoundPlan, type Throughput } from './rounds.js';
import { screeningBatch } from './screening.js';

const run = promisify(execFile);
const ROOT = new URL('../', import.meta.url).pathname;

export interface FhirBatchOptions {
  readonly size: number;
  readonly seed: number;
  readonly asOf: string;
  readonly plan: RoundPlan;
}

export const DEFAULT_FHIR_BATCH_OPTIONS: FhirBatchOptions = {
  size: 10_000,
  seed: 20_261_125,
  asOf: '2026-11-25',
  plan: { warmUpItems: 10_000, rounds: 5, roundMs: 1_000 },
};

export const QUICK_FHIR_BATCH_OPTIONS: FhirBatchOptions = { ...DEFAULT_FHIR_BATCH_OPTIONS, plan: { warmUpItems: 2_000, rounds: 3, roundMs: 300 } };

export interface FhirBatchReport {
  readonly options: FhirBatchOptions;
  readonly bundleBytes: number;
  readonly native: Throughput;
  readonly bundles: Throughput;
  readonly ndjson: Throughput;
  readonly cli: { readonly lines: number; readonly seconds: number; readonly perSecond: number };
}

export async function runFhirBatchBench(options: FhirBatchOptions = DEFAULT_FHIR_BATCH_OPTIONS): Promise<FhirBatchReport> {
  const profiles = screeningBatch(options.size, options.seed, options.asOf);
  const bundles = profiles.map((profile, i) => profileToBundle(profile, `b${i}`));
  const lines = bundles.map((bundle) => JSON.stringify(bundle));
  // Same verdicts both ways, or the rates compare different work.
  for (const [i, profile] of profiles.entries()) {
    const fromBundle = screen(translateBundle(bundles[i]).profile, NCT05212584, options.asOf);
    if (fromBundle.criteria.length !== screen(profile, NCT05212584, options.asOf).criteria.length) throw new Error('criteria differ');
  }
  const native = measureSync(profiles, (profile) => screen(profile, NCT05212584, options.asOf).verdict, options.plan);
  const viaBundles = measureSync(bundles, (bundle) => screen(translateBundle(bundle).profile, NCT05212584, options.asOf).verdict, options.plan);
  const viaNdjson = measureSync(lines.map((text, i) => ({ text, i })), ({ text, i }) => screenLine(text, i + 1, NCT05212584, options.asOf), options.plan);

  const dir = await mkdtemp(join(tmpdir(), 'trial-match-fhir-batch-'));
  try {
    const input = join(dir, 'registry.ndjson');
    await writeFile(input, `${lines.join('\n')}\n`);
    await run(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], { cwd: ROOT });
    const started = performance.now();
    await run(process.execPath, [join(ROOT, 'bin/trial-match.js'), 'screen', '--batch', input, '--as-of', options.asOf, '--out', join(dir, 'results.csv')], {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
    });
    const seconds = (performance.now() - started) / 1000;
    return {
      options,
      bundleBytes: lines.reduce((sum, line) => sum + line.length, 0) / lines.length,
      native,
      bundles: viaBundles,
      ndjson: viaNdjson,
      cli: { lines: lines.length, seconds, perSecond: lines.length / seconds },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function formatFhirBatchReport(report: FhirBatchReport): string {
  const ratio = (t: Throughput) => `${fixed(t.perSecond / report.native.perSecond, 2)}x`;
  const table = renderTable(
    ['input', 'per second', 'µs each', 'vs native'],
    [
      ['native profile (screen)', fixed(report.native.perSecond), fixed(1e6 / report.native.perSecond, 1), '1.00x'],
      ['FHIR Bundle object (translate + screen)', fixed(report.bundles.perSecond), fixed(1e6 / report.bundles.perSecond, 1), ratio(report.bundles)],
      ['NDJSON line (parse + translate + screen)', fixed(report.ndjson.perSecond), fixed(1e6 / report.ndjson.perSecond, 1), ratio(report.ndjson)],
      [
        `trial-match screen --batch, ${fixed(report.cli.lines)} lines, start-up included`,
        fixed(report.cli.perSecond),
        fixed(1e6 / report.cli.perSecond, 1),
        `${fixed(report.cli.perSecond / report.native.perSecond, 2)}x`,
      ],
    ],
  );
  return [
    `${fixed(report.options.size)} patients of the screening batch (seed ${report.options.seed}) as of ${report.options.asOf}, each as a profile and as a FHIR Bundle (${fixed(report.bundleBytes / 1024, 1)} KB on average)`,
    table,
    `one thread; rates are medians of ${report.native.rounds.length} rounds of ≥${report.options.plan.roundMs} ms; the CLI row is one run, wall clock, writing CSV.`,
  ].join('\n');
}
