/** Idempotent replies (first wins, expiry read from the clock) and the trial's recruitment state. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdempotentReply } from '../../../shared/ports/referral-store.js';
import { nextId } from '../../support/records.js';
import { startStoreHarness, type StoreHarness } from './store-harness.js';

let harness: StoreHarness;
beforeAll(async () => {
  harness = await startStoreHarness();
});
afterAll(async () => {
  await harness.stop();
});

const nowSeconds = (): number => Math.floor(harness.clock.now().getTime() / 1000);

function reply(overrides: Partial<IdempotentReply> = {}): IdempotentReply {
  return {
    physicianId: nextId('physician'),
    key: nextId('key'),
    requestHash: 'a'.repeat(64),
    statusCode: 201,
    body: '{"id":"ref-1","verdict":"eligible"}',
    expiresAt: nowSeconds() + 86_400,
    ...overrides,
  };
}

describe('idempotent replies', () => {
  it('stores a reply and returns it verbatim', async () => {
    const first = reply();
    await harness.store.putReply(first);
    await expect(harness.store.getReply(first.physicianId, first.key)).resolves.toEqual(first);
  });

  it('keeps the first reply when a second one races in', async () => {
    const first = reply();
    const second = { ...first, statusCode: 200, body: '{"second":true}', requestHash: 'b'.repeat(64) };
    await harness.store.putReply(first);
    await expect(harness.store.putReply(second)).resolves.toBeUndefined();
    await expect(harness.store.getReply(first.physicianId, first.key)).resolves.toEqual(first);
  });

  it('keeps exactly one of several concurrent replies', async () => {
    const base = reply();
    const contenders = [1, 2, 3, 4].map((n) => ({ ...base, body: `{"n":${n}}` }));
    await Promise.all(contenders.map((contender) => harness.store.putReply(contender)));
    const stored = await harness.store.getReply(base.physicianId, base.key);
    expect(contenders).toContainEqual(stored);
  });

  it('scopes replies by physician: the same key from another physician is another reply', async () => {
    const mine = reply({ key: 'shared-key' });
    await harness.store.putReply(mine);
    await expect(harness.store.getReply(nextId('physician'), 'shared-key')).resolves.toBeUndefined();
  });

  it('accepts any key text, however long and whatever its characters', async () => {
    const odd = reply({ key: `#${'ключ/🙂#'.repeat(40)}` });
    await harness.store.putReply(odd);
    await expect(harness.store.getReply(odd.physicianId, odd.key)).resolves.toEqual(odd);
    await expect(harness.store.getReply(odd.physicianId, odd.key.slice(1))).resolves.toBeUndefined();
  });

  it('ignores an expired reply that TTL has not deleted yet, and lets a new one replace it', async () => {
    const first = reply({ expiresAt: nowSeconds() + 60 });
    await harness.store.putReply(first);
    harness.clock.advanceMinutes(1);
    // expiresAt is now: expired.
    await expect(harness.store.getReply(first.physicianId, first.key)).resolves.toBeUndefined();

    const second = { ...first, body: '{"second":true}', expiresAt: nowSeconds() + 86_400 };
    await harness.store.putReply(second);
    await expect(harness.store.getReply(first.physicianId, first.key)).resolves.toEqual(second);
  });

  it('serves a reply until the second before it expires', async () => {
    const first = reply({ expiresAt: nowSeconds() + 120 });
    await harness.store.putReply(first);
    harness.clock.advanceMinutes(1);
    await expect(harness.store.getReply(first.physicianId, first.key)).resolves.toEqual(first);
  });
});

describe('trial state', () => {
  it('is open by default', async () => {
    const trialId = nextId('trial');
    await expect(harness.store.getTrialState(trialId)).resolves.toEqual({ trialId, recruitment: 'open' });
  });

  it('stores and replaces the recruitment state per trial', async () => {
    const trialId = nextId('trial');
    await harness.store.putTrialState({ trialId, recruitment: 'paused', updatedAt: '2025-06-10T08:00:00.000Z' });
    await expect(harness.store.getTrialState(trialId)).resolves.toEqual({
      trialId,
      recruitment: 'paused',
      updatedAt: '2025-06-10T08:00:00.000Z',
    });
    await harness.store.putTrialState({ trialId, recruitment: 'open' });
    await expect(harness.store.getTrialState(trialId)).resolves.toEqual({ trialId, recruitment: 'open' });
    await expect(harness.store.getTrialState(nextId('trial'))).resolves.toMatchObject({ recruitment: 'open' });
  });
});
