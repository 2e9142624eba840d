/**
 * A referral as its physician's list shows it: the few facts of a line, derived from the referral when it is written,
 * so listing a page never reads the profile or the screening (the store keeps these beside the index keys; the full
 * referral is read on demand). Pure.
 *
 * What may be derived at write time is only what cannot change until the item is written again. The verdict, the
 * score and the count of data requests are the latest screening's, and a new screening is a write. The intake status
 * is not: it also depends on the trial's `minimumDataToNotify`, which a new release of the trial definition may change
 * while nothing rewrites the referral. So the listing keeps the evidence, not the conclusion: which minimum-data
 * fields were checked against the profile and which of them it lacked (a fact about the profile, which only a write
 * changes). The status is decided when the list is read, against the trial as it is then; when the trial names a
 * field the evidence did not check (or the intake rules themselves changed), the evidence does not decide and the
 * reader falls back to the whole referral.
 */
import type { Verdict } from '#screening/result.js';
import { findTrial } from '#trial/registry.js';
import { minimumDataFields, missingMinimumData } from './minimum-data.js';
import type { CandidateStatus, ReferralRecord, StoredReferral } from './record.js';
import { intakeView } from './views.js';

/** A live referral's line. */
export interface ReferralListing {
  readonly id: string;
  readonly trialId: string;
  readonly siteId: string;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** `incomplete` while the referral lacks the trial's minimum data (see intakeView). */
  readonly intake: 'active' | 'incomplete';
  readonly verdict: Verdict;
  readonly score: number;
  /** How many data requests the latest screening left open. */
  readonly missingData: number;
  readonly candidateStatus: CandidateStatus | null;
}

/** A withdrawn referral's line: the tombstone's own fields, nothing derived from the profile. */
export interface WithdrawnListing {
  readonly id: string;
  readonly withdrawn: true;
  readonly trialId: string;
  readonly siteId: string;
  readonly createdAt: string;
  readonly withdrawnAt: string;
}

export type PhysicianListing = ReferralListing | WithdrawnListing;

export const isWithdrawnListing = (listing: PhysicianListing): listing is WithdrawnListing => 'withdrawn' in listing;

/**
 * The version of the rules that decide whether a profile has a minimum-data field (minimum-data.ts: which fields stand
 * in for another). Evidence recorded under other rules does not decide: bump this when those rules change.
 */
export const INTAKE_RULES = 1;

/** What the profile showed of the trial's minimum data when the referral was written. */
export interface IntakeEvidence {
  readonly rules: number;
  /** The minimum-data fields checked against the profile (the trial's, at the time). */
  readonly checked: readonly string[];
  /** Those of them the profile lacked. */
  readonly missing: readonly string[];
}

/** The facts of a line that are derived from the profile and the screening (the rest are the record's own fields). */
export interface DerivedReferralListing {
  readonly verdict: Verdict;
  readonly score: number;
  readonly missingData: number;
  readonly intake: IntakeEvidence;
}

export function derivedReferralListing(record: Pick<ReferralRecord, 'trialId' | 'profile' | 'latest'>): DerivedReferralListing {
  const trial = findTrial(record.trialId);
  return {
    verdict: record.latest.verdict,
    score: record.latest.score,
    missingData: record.latest.missingData.length,
    intake: {
      rules: INTAKE_RULES,
      checked: trial ? minimumDataFields(trial) : [],
      missing: trial ? missingMinimumData(record.profile, trial) : [],
    },
  };
}

/**
 * The intake status the evidence decides under the trial as it is now, or undefined when it cannot: the trial names
 * a field the evidence did not check, or the evidence was recorded under other rules.
 */
export function intakeStatus(trialId: string, evidence: IntakeEvidence): ReferralListing['intake'] | undefined {
  if (evidence.rules !== INTAKE_RULES) return undefined;
  const trial = findTrial(trialId);
  const fields = trial ? minimumDataFields(trial) : [];
  if (!fields.every((field) => evidence.checked.includes(field))) return undefined;
  return fields.some((field) => evidence.missing.includes(field)) ? 'incomplete' : 'active';
}

/** The line of a referral read whole (a referral written before it carried its listing). */
export function physicianListing(referral: StoredReferral): PhysicianListing {
  if ('withdrawn' in referral) {
    const { id, trialId, siteId, createdAt, withdrawnAt } = referral;
    return { id, withdrawn: true, trialId, siteId, createdAt, withdrawnAt };
  }
  return {
    id: referral.id,
    trialId: referral.trialId,
    siteId: referral.siteId,
    version: referral.version,
    createdAt: referral.createdAt,
    updatedAt: referral.updatedAt,
    intake: intakeView(referral).status,
    verdict: referral.latest.verdict,
    score: referral.latest.score,
    missingData: referral.latest.missingData.length,
    candidateStatus: referral.candidate?.status ?? null,
  };
}
