/**
 * The audit trail of access to patients' data (HIPAA §164.312(b), audit controls), as a port: entries are appended,
 * and a site's entries are listed for its coordinators. What an entry records is in shared/referral/audit-entry.ts.
 */
import type { AuditEntry } from '#referral/audit-entry.js';
import type { Page, PageRequest } from './referral-store.js';

export interface AuditQuery {
  /** Only entries that touched this referral. */
  readonly referralId?: string;
  /** ISO instants, inclusive. */
  readonly from?: string;
  readonly to?: string;
}

export interface AuditTrail {
  /** Appends an entry. Reads are recorded before their data is returned: no audit entry, no data. */
  record(entry: AuditEntry): Promise<void>;
  /** The site's entries, newest first. */
  list(siteId: string, query: AuditQuery, page: PageRequest): Promise<Page<AuditEntry>>;
}
