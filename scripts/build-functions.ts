/**
 * `npm run build`: builds every functions/<name>/handler.ts exactly as the CDK app does (lambdaBuildOptions in
 * infra/bundling.ts) into dist/functions/<name>/ (index.mjs and its chunks), and prints each function's size and
 * what of it a cold start loads. The cold-start benchmark imports these files, so what it measures is what Lambda
 * loads.
 */
import { readFile, rm } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { handlerEntry, LAMBDA_BUNDLING, lambdaBuildOptions } from '#infra/bundling.js';
import { AUTHORIZER_HANDLERS, BACKGROUND_HANDLERS, ROUTES } from '#http/routes.js';

export const REPOSITORY_ROOT = fileURLToPath(new URL('../', import.meta.url));
export const DEFAULT_OUTPUT_DIRECTORY = join(REPOSITORY_ROOT, 'dist', 'functions');

export interface BundleSize {
  readonly name: string;
  /** dist/functions/<name>/index.mjs, the file the runtime imports. */
  readonly file: string;
  /** Every .mjs of the function's code (index.mjs and its chunks). */
  readonly bytes: number;
  readonly gzipBytes: number;
  /** What a cold start loads: index.mjs and the chunks it imports statically, transitively. */
  readonly initBytes: number;
}

/** Every Lambda: the route table's handlers and the background ones, once each. */
export function lambdaNames(): readonly string[] {
  return [...new Set([...ROUTES.map((route) => route.handler), ...BACKGROUND_HANDLERS, ...AUTHORIZER_HANDLERS])];
}

/** The sizes of one build's outputs: all of them, and those `entryFile` loads before any dynamic import. */
export async function sizesOf(metafile: Metafile, entryFile: string): Promise<{ bytes: number; gzipBytes: number; initBytes: number }> {
  const outputs = Object.entries(metafile.outputs).filter(([file]) => file.endsWith('.mjs'));
  const byPath = new Map(outputs.map(([file, output]) => [resolve(REPOSITORY_ROOT, file), output]));
  const atInit = new Set<string>();
  const pending = [resolve(entryFile)];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (atInit.has(file)) continue;
    atInit.add(file);
    for (const imported of byPath.get(file)?.imports ?? []) {
      if (imported.kind === 'import-statement' && !imported.external) pending.push(resolve(REPOSITORY_ROOT, imported.path));
    }
  }
  let bytes = 0;
  let gzipBytes = 0;
  let initBytes = 0;
  for (const [file, output] of byPath) {
    bytes += output.bytes;
    gzipBytes += gzipSync(await readFile(file)).length;
    if (atInit.has(file)) initBytes += output.bytes;
  }
  return { bytes, gzipBytes, initBytes };
}

/** Builds each function into `<outdir>/<name>/` (index.mjs, chunks/, maps), one esbuild build per function. */
export async function buildFunctions(
  options: { readonly outdir?: string; readonly names?: readonly string[] } = {},
): Promise<readonly BundleSize[]> {
  const outdir = options.outdir ?? DEFAULT_OUTPUT_DIRECTORY;
  const names = options.names ?? lambdaNames();
  // A bundle left over from a removed function must not be benchmarked as if it were deployed.
  await rm(outdir, { recursive: true, force: true });
  return Promise.all(
    names.map(async (name) => {
      const directory = join(outdir, name);
      const { metafile } = await build(lambdaBuildOptions(handlerEntry(name), relative(REPOSITORY_ROOT, directory) || '.', REPOSITORY_ROOT));
      if (metafile === undefined) throw new Error(`esbuild gave no metafile for ${name}`);
      const file = join(directory, LAMBDA_BUNDLING.outputFile);
      return { name, file, ...(await sizesOf(metafile, file)) };
    }),
  );
}

export function formatSizeTable(sizes: readonly BundleSize[]): string {
  const kb = (bytes: number): string => (bytes / 1024).toFixed(1);
  const rows = [...sizes]
    .sort((a, b) => b.bytes - a.bytes)
    .map((size) => [size.name, String(size.bytes), kb(size.bytes), kb(size.gzipBytes), kb(size.initBytes)]);
  const total = sizes.reduce(
    (sum, size) => ({ bytes: sum.bytes + size.bytes, gzip: sum.gzip + size.gzipBytes, init: sum.init + size.initBytes }),
    { bytes: 0, gzip: 0, init: 0 },
  );
  const header = ['function', 'bytes', 'KB', 'gzip KB', 'loaded at init KB'];
  const table = [header, ...rows, ['total', String(total.bytes), kb(total.bytes), kb(total.gzip), kb(total.init)]];
  const widths = header.map((_, column) => Math.max(...table.map((row) => (row[column] ?? '').length)));
  const pad = (cell: string, column: number): string =>
    column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0);
  return table.map((row) => row.map(pad).join('  ')).join('\n');
}

async function main(): Promise<void> {
  const sizes = await buildFunctions();
  console.log(formatSizeTable(sizes));
  console.log(`\n${sizes.length} bundles in ${DEFAULT_OUTPUT_DIRECTORY}`);
}

const entryScript = process.argv[1];
const invokedDirectly = entryScript !== undefined && import.meta.url === pathToFileURL(resolve(entryScript)).href;
if (invokedDirectly) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
