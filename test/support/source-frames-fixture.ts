/**
 * test/fixtures/source-frames/entry.ts built exactly as a Lambda is (infra/bundling.ts: minified, the throwing code
 * in a chunk, each file's source map beside it), and its frames read from a fresh Node process without source-map
 * support, as on Lambda: under vitest every stack is already mapped, which would hide what the mapping does.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { lambdaBuildOptions } from '#infra/bundling.js';

export const REPOSITORY_ROOT = join(import.meta.dirname, '../..');

export interface SourceFramesFixture {
  readonly dir: string;
  /** The build: dir/code/index.mjs and dir/code/chunks/*.mjs, each with its map. */
  readonly bundle: string;
  /** A copy of the build, maps included, as an operator unzips the function's code package. */
  readonly codePackage: string;
}

/** Builds the fixture outside the repository, as a CDK asset is (the maps' sources climb out of the build folder). */
export async function bundleSourceFramesFixture(): Promise<SourceFramesFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'trial-match-source-frames-'));
  const code = join(dir, 'code');
  await build(lambdaBuildOptions('test/fixtures/source-frames/entry.ts', code, REPOSITORY_ROOT));
  const codePackage = join(dir, 'code-package');
  await cp(code, codePackage, { recursive: true });
  return { dir, bundle: join(code, 'index.mjs'), codePackage };
}

/** Deletes every map of the build, so its frames stay bundle positions, as a runtime without our mapping prints them. */
export async function removeMaps(fixture: SourceFramesFixture): Promise<void> {
  const code = join(fixture.dir, 'code');
  const files = await readdir(code, { recursive: true });
  await Promise.all(files.filter((file) => file.endsWith('.map')).map((file) => rm(join(code, file))));
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
