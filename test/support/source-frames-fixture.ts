/**
 * test/fixtures/source-frames/entry.ts bundled exactly as a Lambda is (minified, with its source map beside it), and
 * its frames read from a fresh Node process without source-map support, as on Lambda: under vitest every stack is
 * already mapped, which would hide what the mapping does.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { lambdaEsbuildOptions } from '#infra/bundling.js';

export const REPOSITORY_ROOT = join(import.meta.dirname, '../..');

/** Builds the fixture outside the repository, as a CDK asset is (the map's sources climb out of the build folder). */
export async function bundleSourceFramesFixture(): Promise<{ readonly dir: string; readonly bundle: string; readonly map: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'trial-match-source-frames-'));
  const bundle = join(dir, 'index.mjs');
  await build({ ...lambdaEsbuildOptions(), absWorkingDir: REPOSITORY_ROOT, entryPoints: ['test/fixtures/source-frames/entry.ts'], outfile: bundle });
  return { dir, bundle, map: `${bundle}.map` };
}

/** What the fixture's `framesOfARevisionMistake` returns, run from `bundle` in a fresh process. */
export function framesFromBundle(bundle: string): Promise<string> {
  const script = `const m = await import(${JSON.stringify(pathToFileURL(bundle).href)}); process.stdout.write(await m.framesOfARevisionMistake());`;
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ['--input-type=module', '-e', script], { env: { PATH: process.env['PATH'] ?? '' } }, (error, stdout) => (error ? reject(error) : resolve(stdout))),
  );
}

/** The line of the store's source that throws the fixture's error, counted from 1. */
export async function throwingLine(): Promise<number> {
  const source = (await readFile(join(REPOSITORY_ROOT, 'shared/adapters/dynamodb/referral-store.ts'), 'utf8')).split('\n');
  return source.findIndex((line) => line.includes('does not follow')) + 1;
}
