/**
 * Cold start per handler: bundle size, and module init time measured the way Lambda pays it, in a fresh `node`
 * process per measurement: performance.now() around `await import(bundle)` (top-level await included). The
 * baseline, measured in the same run, is each handler's floor (cold-start-bundles.ts): the SDK clients alone.
 * Target: init ÷ floor <= 1.25.
 *
 * On a shared machine one process's init time varies by a third from one to the next, so the bench samples in
 * runs and keeps going until the figures settle: after each run the medians of every sample so far are compared
 * with those after the run before, and when no handler's ratio moved by more than 5 % the report stands (or the
 * cap is reached, and the report says so).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { SITE_ID_FOR_BENCH, coldStartEnvironment } from './cold-start-environment.js';
import { buildColdStartBundles } from './cold-start-bundles.js';
import { fixed, renderTable } from './render-table.js';
import { startSecretsManagerStub } from './secrets-manager-stub.js';

const run = promisify(execFile);

export interface ColdStartRow {
  readonly handler: string;
  readonly bundle: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  /** Median of the samples (ms). */
  readonly initMs: number;
  readonly samples: readonly number[];
  /** The floor bundle: the same SDK work at init and nothing else (`no-sdk` is an empty module), measured in pairs. */
  readonly floor: string;
  readonly floorMs: number;
  readonly floorSamples: readonly number[];
  readonly ratio: number;
}

export interface ColdStartOptions {
  /** Handler names (functions/<name>); every Lambda by default. */
  readonly handlers?: readonly string[];
  /** Fresh processes per bundle in one run; the median of every sample is reported. */
  readonly repetitions?: number;
  /** Where to build; a temporary directory (removed afterwards) by default. A given directory is left in place. */
  readonly outdir?: string;
}

export interface SettlingOptions extends ColdStartOptions {
  /** Runs after which the report stands even if the figures have not settled. */
  readonly maxRuns?: number;
  /** Settled: between the reports after two consecutive runs, no handler's figure moved by more than this share. */
  readonly tolerance?: number;
}

export interface ColdStartReport {
  readonly rows: readonly ColdStartRow[];
  readonly runs: number;
  readonly maxRuns: number;
  readonly tolerance: number;
  /** Fresh processes per bundle behind each median. */
  readonly processesPerBundle: number;
  readonly settled: boolean;
  /** The largest move between the last two reports: the handler, and by how much (a share). */
  readonly largestChange: { readonly handler: string; readonly change: number } | undefined;
}

export const DEFAULT_REPETITIONS = 5;
export const DEFAULT_MAX_RUNS = 8;
export const DEFAULT_TOLERANCE = 0.05;

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
};

/** The child's whole program: time the import, print the milliseconds. */
const childProgram = (bundle: string): string =>
  [
    'const start = performance.now();',
    `await import(${JSON.stringify(pathToFileURL(bundle).href)});`,
    'process.stdout.write(`\\n${performance.now() - start}\\n`);',
  ].join('\n');

/** One cold import of `bundle` in a fresh node process with `env` (and nothing inherited), in milliseconds. */
export async function measureInit(bundle: string, env: Readonly<Record<string, string>>): Promise<number> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', childProgram(bundle)], {
    env: { ...env },
    timeout: 60_000,
  });
  const ms = Number(stdout.trim().split('\n').at(-1));
  if (!Number.isFinite(ms)) throw new Error(`no timing from ${bundle}: ${stdout}`);
  return ms;
}

interface Samples {
  readonly init: number[];
  readonly floor: number[];
}

/**
 * Builds the bundles once, then takes runs of samples on demand. Each handler sample is paired with a floor sample
 * taken right next to it (order alternating by round), one process at a time: drift in machine load then hits both
 * sides of a ratio alike.
 */
async function coldStartSampler(outdir: string, names: readonly string[] | undefined, secretsEndpoint: string) {
  const { handlers, floors } = await buildColdStartBundles(outdir, names);
  const samples = new Map<string, Samples>(handlers.map((handler) => [handler.name, { init: [], floor: [] }]));
  let rounds = 0;

  async function run(repetitions: number): Promise<void> {
    for (let repetition = 0; repetition < repetitions; repetition++, rounds++) {
      for (const handler of handlers) {
        const floor = floors.get(handler.floor);
        const pair = samples.get(handler.name);
        if (!floor || !pair) throw new Error(`no floor ${handler.floor} for ${handler.name}`);
        const env = coldStartEnvironment(handler.name, secretsEndpoint);
        const measureHandler = async (): Promise<void> => void pair.init.push(await measureInit(handler.file, env));
        const measureFloor = async (): Promise<void> => void pair.floor.push(await measureInit(floor.file, env));
        if (rounds % 2 === 0) {
          await measureHandler();
          await measureFloor();
        } else {
          await measureFloor();
          await measureHandler();
        }
      }
    }
  }

  /** Every handler's figures from every sample so far. */
  function rows(): ColdStartRow[] {
    return handlers.map((handler) => {
      const handlerSamples = [...(samples.get(handler.name)?.init ?? [])];
      const floorSamples = [...(samples.get(handler.name)?.floor ?? [])];
      const initMs = median(handlerSamples);
      const floorMs = median(floorSamples);
      return {
        handler: handler.name,
        bundle: handler.file,
        bytes: handler.bytes,
        gzipBytes: handler.gzipBytes,
        initMs,
        samples: handlerSamples,
        floor: handler.floor,
        floorMs,
        floorSamples,
        ratio: initMs / floorMs,
      };
    });
  }

  return { run, rows };
}

/** Builds the bundles, starts the local Secrets Manager stub, hands both to `work`, and cleans up. */
async function withSampler<T>(options: ColdStartOptions, work: (sampler: Awaited<ReturnType<typeof coldStartSampler>>) => Promise<T>): Promise<T> {
  const outdir = options.outdir ?? (await mkdtemp(join(tmpdir(), 'trial-match-cold-start-')));
  const secrets = await startSecretsManagerStub();
  try {
    return await work(await coldStartSampler(outdir, options.handlers, secrets.endpoint));
  } finally {
    await secrets.close();
    if (options.outdir === undefined) await rm(outdir, { recursive: true, force: true });
  }
}

/** One run: `repetitions` fresh processes per bundle. */
export async function runColdStartBench(options: ColdStartOptions = {}): Promise<ColdStartRow[]> {
  return withSampler(options, async (sampler) => {
    await sampler.run(options.repetitions ?? DEFAULT_REPETITIONS);
    return sampler.rows();
  });
}

/**
 * The figure that must settle: the ratio, for a handler with an SDK floor; for one without (its floor an empty
 * module of a few milliseconds, so the ratio is not what the target means), its own init time.
 */
const settlingFigure = (row: ColdStartRow): number => (row.floor === NO_SDK ? row.initMs : row.ratio);

/** How far each handler's figure moved from one report to the next, largest first. */
export function changesBetween(before: readonly ColdStartRow[], after: readonly ColdStartRow[]): { handler: string; change: number }[] {
  return after
    .map((row) => {
      const previous = before.find((candidate) => candidate.handler === row.handler);
      const change = previous === undefined ? Infinity : Math.abs(settlingFigure(row) - settlingFigure(previous)) / settlingFigure(previous);
      return { handler: row.handler, change };
    })
    .sort((a, b) => b.change - a.change);
}

/** Runs until two consecutive reports agree within `tolerance` for every handler, or `maxRuns` runs. */
export async function runColdStartUntilSettled(options: SettlingOptions = {}): Promise<ColdStartReport> {
  const repetitions = options.repetitions ?? DEFAULT_REPETITIONS;
  const maxRuns = Math.max(2, options.maxRuns ?? DEFAULT_MAX_RUNS);
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  return withSampler(options, async (sampler) => {
    await sampler.run(repetitions);
    let rows = sampler.rows();
    for (let runs = 2; ; runs++) {
      await sampler.run(repetitions);
      const next = sampler.rows();
      const [largestChange] = changesBetween(rows, next);
      rows = next;
      const settled = largestChange === undefined || largestChange.change <= tolerance;
      if (settled || runs >= maxRuns) {
        return { rows, runs, maxRuns, tolerance, processesPerBundle: runs * repetitions, settled, largestChange };
      }
    }
  });
}

const NO_SDK = 'no-sdk';
const percent = (share: number): string => `${(share * 100).toFixed(1)} %`;

export function formatColdStartTable(rows: readonly ColdStartRow[]): string {
  const kb = (bytes: number): string => fixed(bytes / 1024, 1);
  const table = renderTable(
    ['handler', 'bundle KB', 'gzip KB', 'init ms', 'floor', 'floor ms', 'ratio'],
    [...rows]
      .sort((a, b) => b.ratio - a.ratio)
      .map((row) => [row.handler, kb(row.bytes), kb(row.gzipBytes), fixed(row.initMs, 1), row.floor, fixed(row.floorMs, 1), `${fixed(row.ratio, 2)}x`]),
  );
  const samples = rows[0]?.samples.length ?? 0;
  return [
    table,
    `init: median of ${samples} fresh node processes timing \`await import(bundle)\`; ratio = init ÷ floor, target <= 1.25.`,
    `floor: a bundle built the same way that only does the handler's init-time SDK work (its clients; for`,
    `secrets-manager also the GetSecretValue of site ${SITE_ID_FOR_BENCH}, answered by a local stub via AWS_ENDPOINT_URL_SECRETS_MANAGER).`,
    'no-sdk: the handler builds no AWS client, so its floor is an empty module and the ratio is not comparable to the target.',
  ].join('\n');
}

export function formatColdStartReport(report: ColdStartReport): string {
  const over = report.rows.filter((row) => row.floor !== NO_SDK && row.ratio > 1.25).map((row) => row.handler);
  const moved = report.largestChange === undefined ? '' : ` (largest move in the last run: ${report.largestChange.handler}, ${percent(report.largestChange.change)})`;
  return [
    formatColdStartTable(report.rows),
    report.settled
      ? `settled: after ${report.runs} runs (${report.processesPerBundle} fresh processes per bundle) no handler's figure moved more than ${percent(report.tolerance)}${moved}.`
      : `NOT settled: the cap of ${report.maxRuns} runs (${report.processesPerBundle} fresh processes per bundle) was reached with figures still moving more than ${percent(report.tolerance)}${moved}.`,
    'settling figure: the ratio (init time for no-sdk handlers), from the medians of every sample so far, compared after each run with the run before.',
    `target (ratio <= 1.25 for every handler with an SDK floor): ${over.length === 0 ? 'met' : `MISSED by ${over.join(', ')}`}.`,
  ].join('\n');
}
