/**
 * `npm run build`: bundles every functions/<name>/handler.ts exactly as CDK's NodejsFunction does (the options in
 * infra/bundling.ts) into dist/functions/<name>/index.mjs, and prints each bundle's size. The cold-start benchmark
 * imports these files, so what it measures is what Lambda loads.
 */
import { readFile, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { handlerEntry, LAMBDA_BUNDLING, lambdaEsbuildOptions } from '#infra/bundling.js';
import { AUTHORIZER_HANDLERS, BACKGROUND_HANDLERS, ROUTES } from '#http/routes.js';

export const REPOSITORY_ROOT = fileURLToPath(new URL('../', import.meta.url));
export const DEFAULT_OUTPUT_DIRECTORY = join(REPOSITORY_ROOT, 'dist', 'functions');

export interface BundleSize {
  readonly name: string;
  /** dist/functions/<name>/index.mjs */
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

/** Every Lambda: the route table's handlers and the background ones, once each. */
export function lambdaNames(): readonly string[] {
  return [...new Set([...ROUTES.map((route) => route.handler), ...BACKGROUND_HANDLERS, ...AUTHORIZER_HANDLERS])];
}

export async function buildFunctions(
  options: { readonly outdir?: string; readonly names?: readonly string[] } = {},
): Promise<readonly BundleSize[]> {
  const outdir = options.outdir ?? DEFAULT_OUTPUT_DIRECTORY;
  const names = options.names ?? lambdaNames();
  // A bundle left over from a removed function must not be benchmarked as if it were deployed.
  await rm(outdir, { recursive: true, force: true });
  const outputName = LAMBDA_BUNDLING.outputFile.replace(/\.mjs$/, '');
  // One esbuild run for all entries (no code splitting: each output is self-contained, like a Lambda asset).
  await build({
    absWorkingDir: REPOSITORY_ROOT,
    entryPoints: names.map((name) => ({ in: handlerEntry(name), out: `${name}/${outputName}` })),
    outdir,
    outExtension: { '.js': '.mjs' },
    ...lambdaEsbuildOptions(),
  });
  return Promise.all(
    names.map(async (name) => {
      const file = join(outdir, name, LAMBDA_BUNDLING.outputFile);
      const [{ size }, contents] = await Promise.all([stat(file), readFile(file)]);
      return { name, file, bytes: size, gzipBytes: gzipSync(contents).length };
    }),
  );
}

export function formatSizeTable(sizes: readonly BundleSize[]): string {
  const kb = (bytes: number): string => (bytes / 1024).toFixed(1);
  const rows = [...sizes]
    .sort((a, b) => b.bytes - a.bytes)
    .map((size) => [size.name, String(size.bytes), kb(size.bytes), kb(size.gzipBytes)]);
  const total = sizes.reduce((sum, size) => ({ bytes: sum.bytes + size.bytes, gzip: sum.gzip + size.gzipBytes }), {
    bytes: 0,
    gzip: 0,
  });
  const header = ['function', 'bytes', 'KB', 'gzip KB'];
  const table = [header, ...rows, ['total', String(total.bytes), kb(total.bytes), kb(total.gzip)]];
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
