/**
 * Cold start per handler: bundle size, and module init time measured the way Lambda pays it, in a fresh `node`
 * process per measurement, around `await import(bundle)` (top-level await included). The baseline, measured in
 * the same run, is each handler's floor (cold-start-bundles.ts): the SDK clients alone. Target: init ÷ floor
 * <= 1.25.
 *
 * Init is timed in the child's CPU time (user and system, all its threads), not wall time: on this shared machine
 * a child waits for a core as long as it runs, and the wall clock counts that wait. Measured both ways side by
 * side (30 pairs, get-referral), the median ratio is the same (1.29 in CPU time, 1.27 in wall time) and the
 * standard deviation of one pair's ratio drops from 38 % to 7 %. A Lambda init has its vCPU to itself, so there
 * the two clocks agree.
 *
 * On a shared machine one process's init time varies by 10-20 % from one to the next, so the bench keeps taking
 * fresh processes until two consecutive runs agree: the samples so far, split in order into two halves, give each
 * handler's ratio twice, and when no handler's two ratios differ by more than 5 % the report (the medians of every
 * sample) stands. Otherwise more processes are taken, up to a cap, and the report says it was reached.
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
  /** All of the function's code (index.mjs and its chunks), and what of it a cold start loads. */
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly initBytes: number;
  /** Median of the samples (ms). */
  readonly initMs: number;
  readonly samples: readonly number[];
  /** The floor bundle: the same SDK work at init and nothing else (`no-sdk` is an empty module), measured in pairs. */
  readonly floor: string;
  readonly floorMs: number;
  readonly floorSamples: readonly number[];
  /**
   * The median of the paired ratios (each handler sample ÷ the floor sample taken beside it): a load spike hits a
   * pair, not one side of two medians.
   */
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
  /** Fresh processes per bundle after which the report stands even if the two runs still disagree. */
  readonly maxProcesses?: number;
  /** Settled: no handler's figure differs by more than this share between the two consecutive runs. */
  readonly tolerance?: number;
}

export interface ColdStartReport {
  readonly rows: readonly ColdStartRow[];
  readonly maxProcesses: number;
  readonly tolerance: number;
  /** Fresh processes per bundle behind each median (the two runs together). */
  readonly processesPerBundle: number;
  readonly settled: boolean;
  /** The largest difference between the two runs: the handler, and by how much (a share of the first run's). */
  readonly largestChange: { readonly handler: string; readonly change: number } | undefined;
}

const NO_SDK = 'no-sdk';

export const DEFAULT_REPETITIONS = 5;
export const DEFAULT_MAX_PROCESSES = 60;
export const DEFAULT_TOLERANCE = 0.05;

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
};

/** The child's whole program: time the import in CPU time, print the milliseconds. */
const childProgram = (bundle: string): string =>
  [
    'const before = process.cpuUsage();',
    `await import(${JSON.stringify(pathToFileURL(bundle).href)});`,
    'const spent = process.cpuUsage(before);',
    'process.stdout.write(`\\n${(spent.user + spent.system) / 1000}\\n`);',
  ].join('\n');

/** One cold import of `bundle` in a fresh node process with `env` (and nothing inherited), in CPU milliseconds. */
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

  /** Every handler's figures from the samples of rounds `from` (included) to `to` (excluded); all by default. */
  function rows(from = 0, to = rounds): ColdStartRow[] {
    return handlers.map((handler) => {
      const handlerSamples = (samples.get(handler.name)?.init ?? []).slice(from, to);
      const floorSamples = (samples.get(handler.name)?.floor ?? []).slice(from, to);
      const initMs = median(handlerSamples);
      const floorMs = median(floorSamples);
      return {
        handler: handler.name,
        bundle: handler.file,
        bytes: handler.bytes,
        gzipBytes: handler.gzipBytes,
        initBytes: handler.initBytes,
        initMs,
        samples: handlerSamples,
        floor: handler.floor,
        floorMs,
        floorSamples,
        ratio: median(handlerSamples.map((sample, index) => sample / (floorSamples[index] ?? Number.NaN))),
      };
    });
  }

  return { run, rows, rounds: () => rounds };
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
 * How far each handler's ratio differs between two reports (a share of the first's), largest first. Handlers
 * without an SDK floor are left out: their ratio is to an empty module, which the target does not speak of.
 */
export function changesBetween(before: readonly ColdStartRow[], after: readonly ColdStartRow[]): { handler: string; change: number }[] {
  return after
    .filter((row) => row.floor !== NO_SDK)
    .map((row) => {
      const previous = before.find((candidate) => candidate.handler === row.handler);
      const change = previous === undefined ? Infinity : Math.abs(row.ratio - previous.ratio) / previous.ratio;
      return { handler: row.handler, change };
    })
    .sort((a, b) => b.change - a.change);
}

/**
 * Takes fresh processes, `repetitions` per bundle at a time, until the first and second halves of the samples (two
 * consecutive runs) agree within `tolerance` for every handler, or `maxProcesses` per bundle have been taken.
 */
export async function runColdStartUntilSettled(options: SettlingOptions = {}): Promise<ColdStartReport> {
  const step = options.repetitions ?? DEFAULT_REPETITIONS;
  const maxProcesses = Math.max(2 * step, options.maxProcesses ?? DEFAULT_MAX_PROCESSES);
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  return withSampler(options, async (sampler) => {
    await sampler.run(step);
    for (;;) {
      await sampler.run(step);
      const taken = sampler.rounds();
      const half = Math.floor(taken / 2);
      const [largestChange] = changesBetween(sampler.rows(0, half), sampler.rows(half, taken));
      const settled = largestChange === undefined || largestChange.change <= tolerance;
      if (settled || taken + step > maxProcesses) {
        return { rows: sampler.rows(), maxProcesses, tolerance, processesPerBundle: taken, settled, largestChange };
      }
    }
  });
}

const percent = (share: number): string => `${(share * 100).toFixed(1)} %`;

export function formatColdStartTable(rows: readonly ColdStartRow[]): string {
  const kb = (bytes: number): string => fixed(bytes / 1024, 1);
  const table = renderTable(
    ['handler', 'code KB', 'gzip KB', 'loaded KB', 'init ms', 'floor', 'floor ms', 'ratio'],
    [...rows]
      .sort((a, b) => b.ratio - a.ratio)
      .map((row) => [row.handler, kb(row.bytes), kb(row.gzipBytes), kb(row.initBytes), fixed(row.initMs, 1), row.floor, fixed(row.floorMs, 1), `${fixed(row.ratio, 2)}x`]),
  );
  const samples = rows[0]?.samples.length ?? 0;
  return [
    table,
    'code: index.mjs and every chunk it may load; loaded: what a cold start parses (index.mjs and the chunks it imports statically).',
    `init: median CPU time of \`await import(index.mjs)\` in ${samples} fresh node processes; ratio: median of init ÷ floor over the pairs (each taken side by side), target <= 1.25.`,
    `floor: a bundle built the same way that only does the handler's init-time SDK work (its clients; for`,
    `secrets-manager also the GetSecretValue of site ${SITE_ID_FOR_BENCH}, answered by a local stub via AWS_ENDPOINT_URL_SECRETS_MANAGER).`,
    'no-sdk: the handler builds no AWS client, so its floor is an empty module and the ratio is not comparable to the target.',
  ].join('\n');
}

export function formatColdStartReport(report: ColdStartReport): string {
  const over = report.rows.filter((row) => row.floor !== NO_SDK && row.ratio > 1.25).map((row) => `${row.handler} (${fixed(row.ratio, 3)}x)`);
  const largest = report.largestChange === undefined ? '' : ` (largest difference: ${report.largestChange.handler}, ${percent(report.largestChange.change)})`;
  const runs = `two consecutive runs of ${Math.floor(report.processesPerBundle / 2)} and ${Math.ceil(report.processesPerBundle / 2)} fresh processes per bundle`;
  return [
    formatColdStartTable(report.rows),
    report.settled
      ? `settled: ${runs} agree within ${percent(report.tolerance)} for every handler${largest}.`
      : `NOT settled: at the cap of ${report.maxProcesses} processes per bundle, ${runs} still differ by more than ${percent(report.tolerance)}${largest}.`,
    'compared: each SDK handler\'s ratio in each run (to a floor measured beside it, so a change of load between the runs cancels out); the table gives both runs together.',
    `target (ratio <= 1.25 for every handler with an SDK floor): ${over.length === 0 ? 'met' : `MISSED by ${over.join(', ')}`}.`,
  ].join('\n');
}
