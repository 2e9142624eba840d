/** The port through which use cases read and write referrals. The DynamoDB adapter implements it. */
import type { CandidateListing } from '#referral/candidate-listing.js';
import type { CandidateStatus, ReferralRecord, StoredReferral } from '#referral/record.js';
import type { EnrolmentLedger, PlaceClaim } from './enrolment-ledger.js';

/** A page of results; `cursor` is opaque to callers and absent on the last page. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly cursor?: string;
}

export interface PageRequest {
  readonly limit: number;
  readonly cursor?: string;
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

/** The service's own recruitment state for a trial (the registry's status is in the trial definition). */
export interface TrialState {
  readonly trialId: string;
  readonly recruitment: 'open' | 'paused';
  readonly updatedAt?: string;
}

/** Referrals, and the trial-wide state stored beside them (recruitment switch, enrolment ledger). */
export interface ReferralStore extends EnrolmentLedger {
  /**
   * Writes a new referral unless one with the same id exists. A retried submission (same Idempotency-Key, hence
   * the same id) gets the existing one back and nothing is written.
   */
  create(record: ReferralRecord): Promise<{ created: true } | { created: false; existing: StoredReferral }>;

  /** A strongly consistent read. */
  get(id: string): Promise<StoredReferral | undefined>;

  /**
   * Replaces the referral (or turns it into a tombstone) if its stored revision is still `expectedRevision`.
   * `next.revision` must be `expectedRevision + 1`. Index keys are derived from `next`, in the adapter, so that
   * a referral is in the due, outbox and site indexes exactly when its state says so.
   * @throws RevisionConflictError
   */
  put(next: StoredReferral, expectedRevision: number): Promise<void>;

  /** The physician's referrals, newest first (tombstones included, so a withdrawal is visible). */
  listByPhysician(physicianId: string, page: PageRequest): Promise<Page<StoredReferral>>;

  /**
   * Referrals whose verdict may have changed: `reviewAt` on or before `today`, or screened under a criteria
   * version older than `criteriaVersion`. Reads only those items (a sparse index), never the whole table.
   */
  listDue(trialId: string, today: string, criteriaVersion: number, page: PageRequest): Promise<Page<ReferralRecord>>;

  /** Referrals with a notification pending since before `olderThan` (ISO instant), oldest first. */
  listPendingNotifications(olderThan: string, page: PageRequest): Promise<Page<ReferralRecord>>;

  /**
   * The site's inbox, ranked by score (best first), optionally one status only: each candidate's listing, not the
   * referral (the index holds only the listing; read a referral with `get`).
   */
  listCandidates(siteId: string, status: CandidateStatus | undefined, page: PageRequest): Promise<Page<CandidateListing>>;

  /** How many of the site's candidates are in `status` (on-study counts against the target enrollment). */
  countCandidates(siteId: string, status: CandidateStatus): Promise<number>;

  getTrialState(trialId: string): Promise<TrialState>;
  /** The trial's recruitment switch and the places held against its target, in one strongly consistent read. */
  readRecruitment(trialId: string): Promise<{ readonly state: TrialState; readonly places: readonly PlaceClaim[] }>;
  putTrialState(state: TrialState): Promise<void>;
}
