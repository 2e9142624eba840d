/**
 * A referral as stored: one DynamoDB item carries everything that must change together (the profile, the latest
 * screening, the history, the site-inbox state and the pending notification), so one conditional write is atomic.
 */
import type { PatientProfile } from '#profile/schema.js';
import type { ScreeningResult, Verdict } from '#screening/result.js';

/**
 * The site's workflow, in the FHIR R4 ResearchSubject status vocabulary
 * (http://hl7.org/fhir/research-subject-status).
 */
export const CANDIDATE_STATUSES = [
  'potential-candidate',
  'candidate',
  'screening',
  'eligible',
  'ineligible',
  'on-study',
  'withdrawn',
] as const;
export type CandidateStatus = (typeof CANDIDATE_STATUSES)[number];

/** Which moves the site may make. Terminal states have none. */
export const CANDIDATE_TRANSITIONS: Readonly<Record<CandidateStatus, readonly CandidateStatus[]>> = {
  'potential-candidate': ['candidate', 'ineligible', 'withdrawn'],
  candidate: ['screening', 'ineligible', 'withdrawn'],
  screening: ['eligible', 'ineligible', 'withdrawn'],
  eligible: ['on-study', 'ineligible', 'withdrawn'],
  ineligible: [],
  'on-study': ['withdrawn'],
  withdrawn: [],
};

/** Why a screening ran. */
export type ScreeningTrigger = 'submitted' | 'updated' | 'time-passed' | 'criteria-changed';

/** One line of the screening history: enough to see how the verdict moved, without copying every reason. */
export interface ScreeningEntry {
  readonly at: string;
  readonly asOf: string;
  readonly trigger: ScreeningTrigger;
  readonly criteriaVersion: number;
  readonly verdict: Verdict;
  readonly score: number;
  /** Ids of the criteria whose outcome differs from the previous screening. */
  readonly changed: readonly string[];
}

/** The site inbox entry, once the notify-site consumer has recorded the candidate. */
export interface CandidateState {
  readonly status: CandidateStatus;
  readonly since: string;
  readonly recordedAt: string;
}

/**
 * The outbox: a notification the site must get. `seq` increases with every notifiable change; `sentSeq` is the
 * last one the site received. Pending while `seq > sentSeq`.
 */
export interface NotificationState {
  readonly seq: number;
  readonly sentSeq: number;
  /** When the oldest unsent change was recorded; absent when nothing is pending. */
  readonly pendingSince?: string;
}

export interface ReferralRecord {
  readonly id: string;
  readonly trialId: string;
  readonly siteId: string;
  /** The referring physician (the token's subject). */
  readonly physicianId: string;
  /**
   * The version of the referral's clinical content, shown to the physician as the ETag: bumped by every change of
   * the profile (PATCH). Starts at 1. A PATCH whose If-Match names an older version is refused (412).
   */
  readonly version: number;
  /**
   * Bumped by every write, by anyone (physician, rescreen, notify-site). Every write is conditional on the
   * revision it read, so no read-modify-write race can lose an update; system writers retry on conflict.
   */
  readonly revision: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** The physician attested that the patient agreed to be pre-screened. */
  readonly prescreeningConsentAttestedAt: string;
  /** The fingerprint of the submitted body when an Idempotency-Key was used: a retry with another body is refused. */
  readonly submissionHash?: string;
  /**
   * The body of the first reply to a submission made with an Idempotency-Key, for a retry to get back verbatim. Kept
   * in the referral, not beside it, so the withdrawal that erases the referral erases it too.
   */
  readonly firstReply?: string;
  readonly profile: PatientProfile;
  readonly latest: ScreeningResult;
  /** Newest last, at most HISTORY_LIMIT entries. */
  readonly history: readonly ScreeningEntry[];
  readonly candidate?: CandidateState;
  readonly notification: NotificationState;
}

/**
 * What remains after a patient withdraws: who referred whom to which trial and when, and when they withdrew. Nothing
 * derived from the profile (no verdict, score, screening, history, fingerprint or reply): erasure reaches every copy.
 */
export interface ReferralTombstone {
  readonly id: string;
  readonly withdrawn: true;
  readonly revision: number;
  readonly trialId: string;
  readonly siteId: string;
  readonly physicianId: string;
  readonly createdAt: string;
  readonly withdrawnAt: string;
}

/** A referral as read back: the live record, or the tombstone a withdrawal left. */
export type StoredReferral = ReferralRecord | ReferralTombstone;

export const isTombstone = (referral: StoredReferral): referral is ReferralTombstone =>
  'withdrawn' in referral && referral.withdrawn === true;

export const HISTORY_LIMIT = 100;
