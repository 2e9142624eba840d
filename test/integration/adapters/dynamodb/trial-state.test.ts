/** The trial's recruitment state, stored beside its referrals. */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MalformedItemError } from '#adapters/dynamodb/stored-fields.js';
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

  it('reads the switch and the places held together, in one Query of the trial’s partition', async () => {
    const trialId = nextId('trial');
    await expect(harness.store.readRecruitment(trialId)).resolves.toEqual({ state: { trialId, recruitment: 'open' }, places: [] });

    await harness.store.putTrialState({ trialId, recruitment: 'paused', updatedAt: '2025-06-10T08:00:00.000Z' });
    const claim = { referralId: nextId(), token: 'token-1', at: '2025-06-10T09:00:00.000Z' };
    await harness.store.claimPlace(trialId, claim, 24);
    harness.reads.reset();
    await expect(harness.store.readRecruitment(trialId)).resolves.toEqual({
      state: { trialId, recruitment: 'paused', updatedAt: '2025-06-10T08:00:00.000Z' },
      places: [claim],
    });
    expect(harness.reads).toMatchObject({ queries: 1, returned: 2 });
    // The same as the two single reads it replaces.
    await expect(harness.store.getTrialState(trialId)).resolves.toEqual((await harness.store.readRecruitment(trialId)).state);
    await expect(harness.store.places(trialId)).resolves.toEqual([claim]);
  });

  it('refuses a stored switch it did not write (a hand edit), naming the field, instead of reading it as open', async () => {
    const trialId = nextId('trial');
    const put = (item: Record<string, unknown>) =>
      harness.document.send(new PutCommand({ TableName: harness.dynalite.tableName, Item: { pk: `TRIAL#${trialId}`, sk: 'STATE', ...item } }));
    await put({ trialId, recruitment: 'closed' });
    await expect(harness.store.getTrialState(trialId)).rejects.toThrow(MalformedItemError);
    await expect(harness.store.readRecruitment(trialId)).rejects.toThrow(/recruitment/);
    await put({ trialId, recruitment: 'paused', updatedAt: 20250610 });
    await expect(harness.store.getTrialState(trialId)).rejects.toThrow(/updatedAt/);
  });
});
