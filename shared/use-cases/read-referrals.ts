import type { Principal } from '../auth/principal.js';
import type { Page } from '../ports/referral-store.js';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locale.js';
import { referralSummary, referralView } from '../referral/views.js';
import type { Dependencies } from './dependencies.js';
import { ownReferral } from './referral-access.js';

export async function getReferral(deps: Pick<Dependencies, 'store'>, principal: Principal, id: string, locale: Locale = DEFAULT_LOCALE) {
  const record = await ownReferral(deps.store, principal, id);
  return { view: referralView(record, locale), version: record.version };
}

export async function listReferrals(
  deps: Pick<Dependencies, 'store'>,
  principal: Principal,
  page: { limit?: number | undefined; cursor?: string | undefined },
): Promise<Page<ReturnType<typeof referralSummary>>> {
  const result = await deps.store.listByPhysician(principal.sub, {
    limit: page.limit ?? 25,
    ...(page.cursor === undefined ? {} : { cursor: page.cursor }),
  });
  return { items: result.items.map(referralSummary), ...(result.cursor ? { cursor: result.cursor } : {}) };
}
