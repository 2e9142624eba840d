/**
 * The port through which use cases read and write referrals, and reach the state kept beside them: the trial's
 * switch (trial-state.ts), its enrolment ledger (enrolment-ledger.ts) and the create-once of a submission
 * (idempotency.ts). One store implements all four, since they share one table. The DynamoDB adapter implements it.
 */
import type { CandidateListing } from '#referral/candidate-listing.js';
import type { PhysicianListing } from '#referral/referral-listing.js';
import type { CandidateStatus, ReferralRecord, StoredReferral } from '#referral/record.js';
import type { EnrolmentLedger } from './enrolment-ledger.js';
import type { CreateOnce } from './idempotency.js';
import type { TrialStateStore } from './trial-state.js';

/** A page of results; `cursor` is opaque to callers and absent on the last page. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly cursor?: string;
}

export interface PageRequest {
  readonly limit: number;
  readonly cursor?: string;
}

/** An outbox entry: a referral that had a notification pending when the index last saw it. */
export interface PendingNotificationEntry {
  readonly id: string;
  readonly trialId: string;
}

/** The write lost a race: the stored revision is not the one the writer read. Re-read and decide again. */
export class RevisionConflictError extends Error {
  constructor(readonly referralId: string) {
    super(`referral ${referralId} changed since it was read`);
    this.name = 'RevisionConflictError';
  }
}

/** The cursor is not one this store issued (tampered or from another query). */
export class InvalidCursorError extends Error {
  constructor() {
    super('invalid pagination cursor');
    this.name = 'InvalidCursorError';
  }
}

/** Referrals, and the trial-wide state stored beside them (recruitment switch, enrolment ledger). */
export interface ReferralStore extends CreateOnce, TrialStateStore, EnrolmentLedger {
  /** A strongly consistent read. */
  get(id: string): Promise<StoredReferral | undefined>;

  /**
   * Replaces the referral (or turns it into a tombstone) if its stored revision is still `expectedRevision`.
   * `next.revision` must be `expectedRevision + 1`. Index keys are derived from `next`, in the adapter, so that
   * a referral is in the due, outbox and site indexes exactly when its state says so.
   * @throws RevisionConflictError
   */
  put(next: StoredReferral, expectedRevision: number): Promise<void>;

  /**
   * The physician's referrals, newest first (tombstones included, so a withdrawal is visible): each one's line, not
   * the referral (the index holds only the line; read a referral with `get`).
   */
  listByPhysician(physicianId: string, page: PageRequest): Promise<Page<PhysicianListing>>;

  /**
   * Referrals whose verdict may have changed: `reviewAt` on or before `today`, or screened under a criteria
   * version older than `criteriaVersion`. Reads only those items (a sparse index), never the whole table.
   */
  listDue(trialId: string, today: string, criteriaVersion: number, page: PageRequest): Promise<Page<ReferralRecord>>;

  /**
   * Referrals with a notification pending since before `olderThan` (ISO instant), oldest first: which referral and
   * trial, not the referral (the index holds only those, and lags the table; read a referral with `get` before
   * acting on it).
   */
  listPendingNotifications(olderThan: string, page: PageRequest): Promise<Page<PendingNotificationEntry>>;

  /**
   * The site's inbox, ranked by score (best first), optionally one status only: each candidate's listing, not the
   * referral (the index holds only the listing; read a referral with `get`).
   */
  listCandidates(siteId: string, status: CandidateStatus | undefined, page: PageRequest): Promise<Page<CandidateListing>>;

  /** How many of the site's candidates are in `status` (on-study counts against the target enrollment). */
  countCandidates(siteId: string, status: CandidateStatus): Promise<number>;
}
