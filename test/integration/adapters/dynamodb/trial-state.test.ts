/** The trial's recruitment state, stored beside its referrals. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextId } from '#test/support/records.js';
import { startStoreHarness, type StoreHarness } from './store-harness.js';

let harness: StoreHarness;
beforeAll(async () => {
  harness = await startStoreHarness();
});
afterAll(async () => {
  await harness.stop();
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
