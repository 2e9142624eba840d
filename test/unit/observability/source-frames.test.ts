import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaEsbuildOptions } from '#infra/bundling.js';
import { sourceFramesOf } from '#observability/source-frames.js';

const ROOT = join(import.meta.dirname, '../../..');
let dir: string;

/**
 * The fixture's frames, from a fresh Node process without source-map support, as on Lambda: under vitest every stack
 * is already mapped, which would hide what this module does.
 */
function framesOfARevisionMistake(): Promise<string> {
  const script = `const m = await import(${JSON.stringify(pathToFileURL(join(dir, 'index.mjs')).href)}); process.stdout.write(await m.framesOfARevisionMistake());`;
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ['--input-type=module', '-e', script], { env: { PATH: process.env['PATH'] ?? '' } }, (error, stdout) => (error ? reject(error) : resolve(stdout))),
  );
}

beforeAll(async () => {
  // Built outside the repository, as a CDK asset is: the map's sources climb out of the build folder.
  dir = await mkdtemp(join(tmpdir(), 'trial-match-source-frames-'));
  await build({ ...lambdaEsbuildOptions(), absWorkingDir: ROOT, entryPoints: ['test/fixtures/source-frames/entry.ts'], outfile: join(dir, 'index.mjs') });
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The line of `text` in the store's source, counted from 1. */
async function lineOf(text: string): Promise<number> {
  const source = (await readFile(join(ROOT, 'shared/adapters/dynamodb/referral-store.ts'), 'utf8')).split('\n');
  return source.findIndex((line) => line.includes(text)) + 1;
}

describe('sourceFramesOf', () => {
  it('maps a minified Lambda bundle’s frames back to the TypeScript sources, named as the repository names them', async () => {
    const frames = (await framesOfARevisionMistake()).split('\n');
    const thrownAt = await lineOf('does not follow');
    expect(thrownAt).toBeGreaterThan(0);
    expect(frames[0]).toMatch(new RegExp(`^at shared/adapters/dynamodb/referral-store\\.ts:${thrownAt}:\\d+$`));
    // Never the message: it may quote a request.
    expect(frames.join('\n')).not.toMatch(/does not follow|ref-1/);
  });

  it('would have logged minified positions without the map (the frames the bundle really has)', async () => {
    await rm(join(dir, 'index.mjs.map'));
    const frames = (await framesOfARevisionMistake()).split('\n');
    expect(frames[0]).toMatch(/^at .*index\.mjs:\d+:\d+\)?$/);
  });

  it('leaves frames it has no map for as they are, and gives nothing for what is not an error', () => {
    const error = new Error('not logged');
    const frames = sourceFramesOf(error)?.split('\n') ?? [];
    expect(frames.length).toBeGreaterThan(0);
    expect(frames[0]).toMatch(/^at .*source-frames\.test\.ts:\d+:\d+\)?$/);
    expect(sourceFramesOf('a string')).toBeUndefined();
    expect(sourceFramesOf({ stack: '    at x (/a.mjs:1:1)' })).toBeUndefined();
  });
});
