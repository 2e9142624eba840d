import { readFile, rename, rm } from 'node:fs/promises';
import { TraceMap } from '@jridgewell/trace-mapping';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapStackText, sourceFramesOf } from '#observability/source-frames.js';
import { bundleSourceFramesFixture, framesFromBundle, throwingLine } from '#test/support/source-frames-fixture.js';

let fixture: Awaited<ReturnType<typeof bundleSourceFramesFixture>>;
let thrownAt: number;

beforeAll(async () => {
  fixture = await bundleSourceFramesFixture();
  thrownAt = await throwingLine();
  expect(thrownAt).toBeGreaterThan(0);
}, 60_000);

afterAll(async () => {
  await rm(fixture.dir, { recursive: true, force: true });
});

describe('sourceFramesOf', () => {
  it('maps a minified Lambda bundle’s frames back to the TypeScript sources, named as the repository names them', async () => {
    const frames = (await framesFromBundle(fixture.bundle)).split('\n');
    expect(frames[0]).toMatch(new RegExp(`^at shared/adapters/dynamodb/referral-store\\.ts:${thrownAt}:\\d+$`));
    // Never the message: it may quote a request.
    expect(frames.join('\n')).not.toMatch(/does not follow|ref-1/);
  });

  it('leaves frames it has no map for as they are, and gives nothing for what is not an error', () => {
    const frames = sourceFramesOf(new Error('not logged'))?.split('\n') ?? [];
    expect(frames.length).toBeGreaterThan(0);
    expect(frames[0]).toMatch(/^at .*source-frames\.test\.ts:\d+:\d+\)?$/);
    expect(sourceFramesOf('a string')).toBeUndefined();
    expect(sourceFramesOf({ stack: '    at x (/a.mjs:1:1)' })).toBeUndefined();
  });
});

describe('mapStackText', () => {
  it('maps the frames of a stack the Lambda runtime printed (one line of JSON) with the map from the code package', async () => {
    // Without the map beside the bundle, the frames are bundle positions, as the runtime prints them.
    const kept = `${fixture.map}.kept`;
    await rename(fixture.map, kept);
    const raw = (await framesFromBundle(fixture.bundle)).split('\n');
    expect(raw[0]).toMatch(/^at .*index\.mjs:\d+:\d+\)?$/);
    const printed = `ERROR\tInvoke Error\t${JSON.stringify({ errorType: 'Error', stack: ['Error: referral x', ...raw.map((frame) => `    ${frame}`)] })}`;
    const mapped = mapStackText(printed, new TraceMap(await readFile(kept, 'utf8')));
    expect(mapped).toContain(`at shared/adapters/dynamodb/referral-store.ts:${thrownAt}:`);
    expect(printed).toContain('index.mjs:');
    expect(mapped).not.toContain('index.mjs:');
    expect(mapped.startsWith('ERROR\tInvoke Error\t{"errorType":"Error","stack":["Error: referral x"')).toBe(true);
    await rename(kept, fixture.map);
  });
});
