/** The enrolment ledger's contract, over the wire against dynalite: one conditional write per place. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlaceClaim } from '#ports/enrolment-ledger.js';
import { startStoreHarness, type StoreHarness } from './store-harness.js';

let harness: StoreHarness;
let trialCounter = 0;
const nextTrial = () => `NCT${String(90_000_000 + trialCounter++)}`;
const claim = (referralId: string, token = `token-${referralId}`): PlaceClaim => ({ referralId, token, at: '2026-11-25T02:00:00.000Z' });

beforeAll(async () => {
  harness = await startStoreHarness();
});

afterAll(async () => {
  await harness?.stop();
});

describe('claiming places', () => {
  it('grants exactly the limit to 100 concurrent claims', async () => {
    const trial = nextTrial();
    const outcomes = await Promise.all(Array.from({ length: 100 }, (_, i) => harness.store.claimPlace(trial, claim(`r${i}`), 24)));
    expect(outcomes.filter((o) => o.kind === 'claimed')).toHaveLength(24);
    expect(outcomes.filter((o) => o.kind === 'full')).toHaveLength(76);
    expect(await harness.store.places(trial)).toHaveLength(24);
  });

  it('gives one referral one place, however many requests claim it', async () => {
    const trial = nextTrial();
    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => harness.store.claimPlace(trial, claim('same', `t${i}`), 24)));
    expect(outcomes.filter((o) => o.kind === 'claimed')).toHaveLength(1);
    const held = outcomes.filter((o) => o.kind === 'held');
    expect(held).toHaveLength(9);
    const places = await harness.store.places(trial);
    expect(places).toHaveLength(1);
    for (const outcome of held) if (outcome.kind === 'held') expect(outcome.claim).toEqual(places[0]);
  });
});

describe('giving places back', () => {
  it('releases under the right claim only, and is idempotent', async () => {
    const trial = nextTrial();
    await harness.store.claimPlace(trial, claim('a', 'mine'), 2);
    await harness.store.releasePlace(trial, 'a', 'someone-else');
    expect(await harness.store.places(trial)).toHaveLength(1);
    await harness.store.releasePlace(trial, 'a', 'mine');
    await harness.store.releasePlace(trial, 'a', 'mine');
    await harness.store.releasePlace(trial, 'a');
    expect(await harness.store.places(trial)).toEqual([]);
    await harness.store.releasePlace(nextTrial(), 'never-held');
  });

  it('frees a place for the next claimant once the trial was full', async () => {
    const trial = nextTrial();
    await harness.store.claimPlace(trial, claim('a'), 1);
    expect((await harness.store.claimPlace(trial, claim('b'), 1)).kind).toBe('full');
    await harness.store.releasePlace(trial, 'a');
    expect((await harness.store.claimPlace(trial, claim('b'), 1)).kind).toBe('claimed');
  });

  it('takes over an abandoned claim only from the claim it saw', async () => {
    const trial = nextTrial();
    await harness.store.claimPlace(trial, claim('a', 'dead'), 2);
    const [held] = await harness.store.places(trial);
    expect(held).toEqual(claim('a', 'dead'));
    const contenders = await Promise.all([
      harness.store.takeOverPlace(trial, claim('a', 'dead'), claim('a', 'first')),
      harness.store.takeOverPlace(trial, claim('a', 'dead'), claim('a', 'second')),
    ]);
    expect(contenders.filter(Boolean)).toHaveLength(1);
    expect(await harness.store.places(trial)).toHaveLength(1);
  });
});
