/**
 * The port that makes a submission happen once. With an Idempotency-Key the referral id is derived from
 * (physician, key) (ports/runtime.ts), so "create unless it exists" is the whole mechanism: a retry's create finds
 * the referral its first attempt stored and gets it back, with the first reply kept in it (ReferralRecord's
 * `firstReply` and `submissionHash`), and nothing is written twice.
 */
import type { ReferralRecord, StoredReferral } from '#referral/record.js';

export type CreateOutcome = { readonly created: true } | { readonly created: false; readonly existing: StoredReferral };

export interface CreateOnce {
  /**
   * Writes a new referral unless one with the same id exists. A retried submission (same Idempotency-Key, hence
   * the same id) gets the existing one back and nothing is written.
   */
  create(record: ReferralRecord): Promise<CreateOutcome>;
}
