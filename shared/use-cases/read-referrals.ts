/** The physician's own referrals, each read recorded in the audit trail before the data is returned. */
import type { Principal } from '#auth/principal.js';
import { DEFAULT_LOCALE, type Locale } from '#i18n/locale.js';
import type { Page } from '#ports/referral-store.js';
import { isWithdrawnListing } from '#referral/referral-listing.js';
import { referralSummary, referralView } from '#referral/views.js';
import { recordRead } from './audit.js';
import type { Dependencies } from './dependencies.js';
import { ownReferral } from './referral-access.js';

export async function getReferral(deps: Pick<Dependencies, 'store' | 'audit' | 'clock'>, principal: Principal, id: string, locale: Locale = DEFAULT_LOCALE) {
  const record = await ownReferral(deps.store, principal, id);
  await recordRead(deps, principal, 'read-referral', [record]);
  return { view: referralView(record, locale), record };
}

export async function listReferrals(
  deps: Pick<Dependencies, 'store' | 'audit' | 'clock'>,
  principal: Principal,
  page: { limit?: number | undefined; cursor?: string | undefined },
): Promise<Page<ReturnType<typeof referralSummary>>> {
  const result = await deps.store.listByPhysician(principal.sub, {
    limit: page.limit ?? 25,
    ...(page.cursor === undefined ? {} : { cursor: page.cursor }),
  });
  // A withdrawn referral's line carries no patient data.
  await recordRead(deps, principal, 'list-referrals', result.items.filter((item) => !isWithdrawnListing(item)));
  return { items: result.items.map(referralSummary), ...(result.cursor ? { cursor: result.cursor } : {}) };
}
