/** `npm run ops -- map-stack`: a stack pasted on standard input comes back with each frame in its source. */
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { codePackagePath } from '#infra/ops/map-stack.js';
import { parseOpsCommand } from '#infra/ops/main.js';
import { bundleSourceFramesFixture, framesFromBundle, removeMaps, REPOSITORY_ROOT, throwingLine, type SourceFramesFixture } from '#test/support/source-frames-fixture.js';

let fixture: SourceFramesFixture;
/** The frames as the Lambda runtime prints them: bundle positions, in index.mjs and in a chunk. */
let raw: string[];

beforeAll(async () => {
  fixture = await bundleSourceFramesFixture();
  await removeMaps(fixture);
  raw = (await framesFromBundle(fixture.bundle)).split('\n');
}, 60_000);

afterAll(async () => {
  await rm(fixture.dir, { recursive: true, force: true });
});

const mapStack = (stdin: string, map: string) =>
  new Promise<string>((resolve, reject) => {
    const child = execFile(process.execPath, ['--import', 'tsx', 'infra/ops/main.ts', 'map-stack', '--map', map], { cwd: REPOSITORY_ROOT }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
    child.stdin?.end(stdin);
  });

it('reads map-stack without a region (it touches nothing deployed), and asks for the map', () => {
  expect(parseOpsCommand(['map-stack', '--map', 'code'])).toEqual({ name: 'map-stack', map: 'code' });
  expect(() => parseOpsCommand(['map-stack'])).toThrow(/--map/);
});

it('finds a frame’s file in the code package as Lambda names it', () => {
  expect(codePackagePath('file:///var/task/chunks/chunk-AB12CD34.mjs')).toBe('chunks/chunk-AB12CD34.mjs');
  expect(codePackagePath('/var/task/index.mjs')).toBe('index.mjs');
  expect(codePackagePath('/tmp/x/code/chunks/revision-mistake-1.mjs')).toBe('chunks/revision-mistake-1.mjs');
});

it('maps a stack the runtime printed (one line of JSON) through the unzipped code package, chunk by chunk', async () => {
  expect(raw[0]).toMatch(/^at .*chunks\/[\w-]+\.mjs:\d+:\d+\)?$/);
  expect(raw.some((frame) => /index\.mjs:\d+:\d+\)?$/.test(frame))).toBe(true);
  const printed = `ERROR\tInvoke Error\t${JSON.stringify({ errorType: 'Error', stack: ['Error: referral x', ...raw.map((frame) => `    ${frame}`)] })}\n`;
  const mapped = await mapStack(printed, fixture.codePackage);
  expect(mapped).toContain(`at shared/adapters/dynamodb/referral-store.ts:${await throwingLine()}:`);
  expect(mapped).toMatch(/at (async )?\S*test\/fixtures\/source-frames\/entry\.ts:\d+:\d+/);
  expect(mapped).not.toMatch(/\.mjs:\d+:\d+/);
  expect(mapped.startsWith('ERROR\tInvoke Error\t{"errorType":"Error","stack":["Error: referral x"')).toBe(true);
}, 60_000);

it('maps the frames of one file through that file’s map, and leaves the others as they are', async () => {
  const printed = `Error: something\n${raw.map((frame) => `    ${frame}`).join('\n')}\n`;
  const chunk = /chunks\/[\w-]+\.mjs/.exec(raw[0] ?? '')?.[0] ?? '';
  const mapped = await mapStack(printed, join(fixture.codePackage, `${chunk}.map`));
  expect(mapped).toMatch(new RegExp(`^Error: something\\n {4}at shared/adapters/dynamodb/referral-store\\.ts:${await throwingLine()}:\\d+\\n`));
  // A frame in index.mjs, at the very position that maps in the chunk: this map does not describe index.mjs, so the
  // frame stays a bundle position rather than a wrong source line.
  const position = /:(\d+:\d+)\)?$/.exec(raw[0] ?? '')?.[1] ?? '';
  const elsewhere = `    at x (/var/task/index.mjs:${position})`;
  const unmapped = await mapStack(`Error: something\n${elsewhere}\n`, join(fixture.codePackage, `${chunk}.map`));
  expect(unmapped.trimEnd()).toBe(`Error: something\n${elsewhere}`);
}, 60_000);
