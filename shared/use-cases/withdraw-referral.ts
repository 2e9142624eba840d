/**
 * The patient withdraws: the profile and every screening are erased in one conditional write that replaces the
 * item with a tombstone (non-identifying audit facts only), which also takes it out of the site inbox, the
 * rescreening index and the outbox.
 */
import type { Principal } from '#auth/principal.js';
import { withdraw } from '#referral/lifecycle.js';
import type { ReferralRecord } from '#referral/record.js';
import { recordChange } from './audit.js';
import type { Dependencies } from './dependencies.js';
import { releaseLeavingPlace } from './enrolment.js';
import { preconditionFailed } from './problems.js';
import { ownReferral } from './referral-access.js';
import { retryOnConflict } from './retry-on-conflict.js';

export async function withdrawReferral(
  deps: Pick<Dependencies, 'store' | 'audit' | 'clock' | 'events'>,
  principal: Principal,
  id: string,
  /** When the caller sent If-Match: whether the referral as it stands is the one they read. */
  matches: ((current: ReferralRecord) => boolean) | undefined,
): Promise<void> {
  const record = await retryOnConflict('referral', async () => {
    const current = await ownReferral(deps.store, principal, id);
    if (matches !== undefined && !matches(current)) {
      throw preconditionFailed(`the referral has changed since you read it (it is at version ${current.version})`);
    }
    await deps.store.put(withdraw(current, deps.clock.now()), current.revision);
    return current;
  });
  // A patient on study leaves it: their place goes back to the trial.
  if (record.candidate?.status === 'on-study') await releaseLeavingPlace(deps, record.trialId, record.id);
  await recordChange(deps, principal, 'withdraw-referral', [record]);
}
