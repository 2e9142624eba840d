/** Cursors are opaque but checked: a cursor the store did not issue for this very query is refused. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidCursorError } from '#ports/referral-store.js';
import { nextId, referralRecord } from '#test/support/records.js';
import { startStoreHarness, type StoreHarness } from './store-harness.js';

let harness: StoreHarness;
const physicianId = nextId('physician');
const otherPhysician = nextId('physician');
const siteId = nextId('site');
const trialId = nextId('trial');
let physicianCursor: string;
let otherPhysicianCursor: string;
let candidatesCursor: string;
let dueCursor: string;

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const decode = (cursor: string): unknown => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));

beforeAll(async () => {
  harness = await startStoreHarness();
  for (let index = 0; index < 3; index += 1) {
    await harness.store.create(referralRecord({ physicianId, siteId, trialId, candidateStatus: 'candidate', reviewAt: '2025-01-01' }));
    await harness.store.create(referralRecord({ physicianId: otherPhysician }));
  }
  const cursorOf = (page: { cursor?: string }): string => {
    if (!page.cursor) throw new Error('expected a cursor');
    return page.cursor;
  };
  physicianCursor = cursorOf(await harness.store.listByPhysician(physicianId, { limit: 1 }));
  otherPhysicianCursor = cursorOf(await harness.store.listByPhysician(otherPhysician, { limit: 1 }));
  candidatesCursor = cursorOf(await harness.store.listCandidates(siteId, 'candidate', { limit: 1 }));
  dueCursor = cursorOf(await harness.store.listDue(trialId, '2025-06-10', 1, { limit: 1 }));
});
afterAll(async () => {
  await harness.stop();
});

describe('cursors', () => {
  it('are URL-safe and continue the listing they came from', async () => {
    for (const cursor of [physicianCursor, candidatesCursor, dueCursor]) expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const next = await harness.store.listByPhysician(physicianId, { limit: 1, cursor: physicianCursor });
    expect(next.items).toHaveLength(1);
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'not a cursor!'],
    ['not JSON', Buffer.from('{{{').toString('base64url')],
    ['JSON of the wrong shape', encode({ hello: 'world' })],
    ['a key with a number in it', encode({ key: { pk: 1, sk: 'REFERRAL', physicianPk: 'x', physicianSk: 'y' } })],
    ['an empty position', encode({})],
    ['far too long', 'A'.repeat(5000)],
  ])('refuses a cursor that is %s', async (_what, cursor) => {
    await expect(harness.store.listByPhysician(physicianId, { limit: 1, cursor })).rejects.toBeInstanceOf(InvalidCursorError);
  });

  it('refuses another physician’s cursor', async () => {
    await expect(harness.store.listByPhysician(physicianId, { limit: 1, cursor: otherPhysicianCursor })).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
  });

  it('refuses a cursor from another listing', async () => {
    await expect(harness.store.listByPhysician(physicianId, { limit: 1, cursor: candidatesCursor })).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
    await expect(harness.store.listCandidates(siteId, 'candidate', { limit: 1, cursor: physicianCursor })).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
    await expect(harness.store.listDue(trialId, '2025-06-10', 1, { limit: 1, cursor: candidatesCursor })).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
    await expect(harness.store.listCandidates(siteId, 'candidate', { limit: 1, cursor: dueCursor })).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
    await expect(harness.store.listDue(nextId('trial'), '2025-06-10', 1, { limit: 1, cursor: dueCursor })).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
  });

  it('refuses a listDue cursor with an unknown phase, or an older-phase cursor without a position', async () => {
    const position = decode(dueCursor) as { phase: string; key: unknown };
    for (const cursor of [encode({ ...position, phase: 'later' }), encode({ phase: 'older' }), encode({ key: position.key })]) {
      await expect(harness.store.listDue(trialId, '2025-06-10', 1, { limit: 1, cursor })).rejects.toBeInstanceOf(InvalidCursorError);
    }
  });

  it('refuses a page limit below one', async () => {
    await expect(harness.store.listByPhysician(physicianId, { limit: 0 })).rejects.toBeInstanceOf(RangeError);
  });
});
