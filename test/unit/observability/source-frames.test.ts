import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceFramesOf } from '#observability/source-frames.js';
import { bundleSourceFramesFixture, framesFromBundle, throwingLine, type SourceFramesFixture } from '#test/support/source-frames-fixture.js';

let fixture: SourceFramesFixture;
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
  it('maps a minified Lambda build’s frames back to the TypeScript sources, a chunk’s through its own map', async () => {
    const frames = (await framesFromBundle(fixture.bundle)).split('\n');
    expect(frames[0]).toMatch(new RegExp(`^at shared/adapters/dynamodb/referral-store\\.ts:${thrownAt}:\\d+$`));
    // The throwing code is in a chunk; the frame of the entry that loaded it, in index.mjs, is mapped too.
    expect(frames.some((frame) => /^at (async )?\S*test\/fixtures\/source-frames\/entry\.ts:\d+:\d+$/.test(frame))).toBe(true);
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
