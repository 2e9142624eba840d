/**
 * An entry of the audit trail of access to patients' data (HIPAA §164.312(b), audit controls): who read or changed
 * which referrals, when, and why. It holds ids, roles, actions and purposes, never a clinical value, so it outlives
 * a withdrawal (the erasure of the patient's data) as the record that the data was accessed. Kept per site, so the
 * site's coordinators can examine every access to the patients referred to them.
 */
import type { Role } from '#auth/principal.js';

/** What was done with the data. */
export const AUDIT_ACTIONS = [
  'read-referral',
  'list-referrals',
  'read-candidate',
  'list-candidates',
  'submit-referral',
  'update-referral',
  'move-candidate',
  'withdraw-referral',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * Why, as an HL7 v3 PurposeOfUse code: the referring physician acts for the patient's treatment (`TREAT`); the
 * site's coordinators for clinical trial research (`CLINTRCH`).
 */
export type PurposeOfUse = 'TREAT' | 'CLINTRCH';

export interface AuditEntry {
  /** The site whose patients' data was accessed: the trail is kept, and examined, per site. */
  readonly siteId: string;
  /** ISO instant. */
  readonly at: string;
  /** Who: the caller's stable id (the token's `sub`) and the role they acted in. */
  readonly actor: string;
  readonly role: Role;
  readonly action: AuditAction;
  readonly purpose: PurposeOfUse;
  /** Which referrals' data the request returned or changed. */
  readonly referralIds: readonly string[];
}
