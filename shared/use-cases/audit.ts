/**
 * Recording access to patients' data, and the site's view of that record. A request that returns a patient's data
 * records its entry first and fails if it cannot (no audit entry, no data: the caller retries). A change records
 * its entry after the change; if that write fails the change stands and a warning is logged, since answering 503
 * for a change that happened would make the caller repeat it.
 */
import type { Principal } from '#auth/principal.js';
import type { AuditQuery } from '#ports/audit-trail.js';
import type { AuditAction, AuditEntry, PurposeOfUse } from '#referral/audit-entry.js';
import type { Page } from '#ports/referral-store.js';
import type { Dependencies } from './dependencies.js';
import { forbidden } from './problems.js';

/** The referrals a request touched: their ids and the site each belongs to. */
export type Touched = readonly { readonly id: string; readonly siteId: string }[];

/** Why a caller accesses the data, by the role they act in (HL7 v3 PurposeOfUse). */
const purposeOf = (principal: Principal): PurposeOfUse => (principal.roles.includes('coordinator') && principal.siteId !== undefined ? 'CLINTRCH' : 'TREAT');

function entriesFor(principal: Principal, action: AuditAction, touched: Touched, at: string): AuditEntry[] {
  const bySite = new Map<string, string[]>();
  for (const { id, siteId } of touched) bySite.set(siteId, [...(bySite.get(siteId) ?? []), id]);
  const role = action === 'read-candidate' || action === 'list-candidates' || action === 'move-candidate' ? 'coordinator' : 'physician';
  return [...bySite].map(([siteId, referralIds]) => ({ siteId, at, actor: principal.sub, role, action, purpose: purposeOf(principal), referralIds }));
}

/** Records a read before its data is returned; throws if the trail cannot be written. Nothing touched, nothing recorded. */
export async function recordRead(deps: Pick<Dependencies, 'audit' | 'clock'>, principal: Principal, action: AuditAction, touched: Touched): Promise<void> {
  const entries = entriesFor(principal, action, touched, deps.clock.now().toISOString());
  await Promise.all(entries.map((entry) => deps.audit.record(entry)));
}

/** Records a change that has happened; a failure is logged, not raised. */
export async function recordChange(
  deps: Pick<Dependencies, 'audit' | 'clock' | 'events'>,
  principal: Principal,
  action: AuditAction,
  touched: Touched,
): Promise<void> {
  try {
    await recordRead(deps, principal, action, touched);
  } catch (error) {
    deps.events.warn('recording an audit entry failed', { action, referrals: touched.length, error: error instanceof Error ? error.name : 'unknown' });
  }
}

/** The site's audit trail, for its own coordinators only. */
export async function listAudit(
  deps: Pick<Dependencies, 'audit'>,
  principal: Principal,
  siteId: string,
  query: AuditQuery & { limit?: number | undefined; cursor?: string | undefined },
): Promise<Page<AuditEntry>> {
  if (principal.siteId !== siteId) throw forbidden('you are not a coordinator of this site');
  const { limit, cursor, ...filters } = query;
  return deps.audit.list(siteId, filters, { limit: limit ?? 50, ...(cursor === undefined ? {} : { cursor }) });
}
