/** Reading a referral on behalf of a physician: only the referring physician may see it. */
import type { Principal } from '#auth/principal.js';
import type { ReferralStore } from '#ports/referral-store.js';
import { isTombstone, type ReferralRecord } from '#referral/record.js';
import { tombstoneView } from '#referral/views.js';
import { gone, notFound } from './problems.js';

/**
 * The physician's own referral, or `not-found`. Another physician's referral is reported as not found, not
 * forbidden: the answer must not reveal that a patient was referred. A withdrawn one is `gone`.
 */
export async function ownReferral(store: ReferralStore, principal: Principal, id: string): Promise<ReferralRecord> {
  const stored = await store.get(id);
  if (!stored || stored.physicianId !== principal.sub) {
    throw notFound('no referral of yours has that id');
  }
  if (isTombstone(stored)) {
    throw gone('the patient withdrew; their data was erased', { referral: tombstoneView(stored) });
  }
  return stored;
}
