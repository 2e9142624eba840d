/** `npm run ops -- map-stack`: a stack pasted on standard input comes back with each bundle frame in its source. */
import { execFile } from 'node:child_process';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseOpsCommand } from '#infra/ops/main.js';
import { bundleSourceFramesFixture, framesFromBundle, REPOSITORY_ROOT, throwingLine } from '#test/support/source-frames-fixture.js';

let fixture: Awaited<ReturnType<typeof bundleSourceFramesFixture>>;

beforeAll(async () => {
  fixture = await bundleSourceFramesFixture();
}, 60_000);

afterAll(async () => {
  await rm(fixture.dir, { recursive: true, force: true });
});

it('reads map-stack without a region (it touches nothing deployed), and asks for the map', () => {
  expect(parseOpsCommand(['map-stack', '--map', 'index.mjs.map'])).toEqual({ name: 'map-stack', map: 'index.mjs.map' });
  expect(() => parseOpsCommand(['map-stack'])).toThrow(/--map/);
});

it('maps a pasted stack through the map named, as the operator runs it', async () => {
  const kept = join(fixture.dir, 'code-package.map');
  await rename(fixture.map, kept);
  const printed = (await framesFromBundle(fixture.bundle)).split('\n').map((frame) => `    ${frame}`).join('\n');
  const output = await new Promise<string>((resolve, reject) => {
    const child = execFile(process.execPath, ['--import', 'tsx', 'infra/ops/main.ts', 'map-stack', '--map', kept], { cwd: REPOSITORY_ROOT }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
    child.stdin?.end(`Error: something\n${printed}\n`);
  });
  expect(output).toMatch(new RegExp(`^Error: something\\n {4}at shared/adapters/dynamodb/referral-store\\.ts:${await throwingLine()}:\\d+\\n`));
}, 60_000);
