/**
 * Cold start per handler: bundle size, and module init time measured the way Lambda pays it, in a fresh `node`
 * process per measurement: performance.now() around `await import(bundle)` (top-level await included). The
 * baseline, measured in the same run, is each handler's floor (cold-start-bundles.ts): the SDK clients alone.
 * Target: init ÷ floor <= 1.25.
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
  /** Fresh processes per bundle; the median is reported. */
  readonly repetitions?: number;
  /** Where to build; a temporary directory (removed afterwards) by default. A given directory is left in place. */
  readonly outdir?: string;
}

export const DEFAULT_REPETITIONS = 7;

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

export async function runColdStartBench(options: ColdStartOptions = {}): Promise<ColdStartRow[]> {
  const repetitions = options.repetitions ?? DEFAULT_REPETITIONS;
  const outdir = options.outdir ?? (await mkdtemp(join(tmpdir(), 'trial-match-cold-start-')));
  const secrets = await startSecretsManagerStub();
  try {
    const { handlers, floors } = await buildColdStartBundles(outdir, options.handlers);
    const samples = new Map<string, { init: number[]; floor: number[] }>(handlers.map((handler) => [handler.name, { init: [], floor: [] }]));
    // Each handler sample is paired with a floor sample taken right next to it (order alternating by round), one
    // process at a time: drift in machine load then hits both sides of a ratio alike.
    for (let round = 0; round < repetitions; round++) {
      for (const handler of handlers) {
        const floor = floors.get(handler.floor);
        const pair = samples.get(handler.name);
        if (!floor || !pair) throw new Error(`no floor ${handler.floor} for ${handler.name}`);
        const measureHandler = async (): Promise<void> =>
          void pair.init.push(await measureInit(handler.file, coldStartEnvironment(handler.name, secrets.endpoint)));
        const measureFloor = async (): Promise<void> =>
          void pair.floor.push(await measureInit(floor.file, coldStartEnvironment(handler.name, secrets.endpoint)));
        if (round % 2 === 0) {
          await measureHandler();
          await measureFloor();
        } else {
          await measureFloor();
          await measureHandler();
        }
      }
    }
    return handlers.map((handler) => {
      const handlerSamples = samples.get(handler.name)?.init ?? [];
      const floorSamples = samples.get(handler.name)?.floor ?? [];
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
  } finally {
    await secrets.close();
    if (options.outdir === undefined) await rm(outdir, { recursive: true, force: true });
  }
}

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
