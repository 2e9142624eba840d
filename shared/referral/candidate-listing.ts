/**
 * A candidate as the site's inbox lists it: the few facts to rank and triage by, derived from the referral when it
 * is written, so listing a page never reads the profile or the screening (the store keeps these beside the index
 * keys; the full referral is read on demand, one candidate at a time). Pure.
 */
import type { Verdict } from '#screening/result.js';
import { completedYears, dayNumber } from '#screening/calendar.js';
import type { CandidateState, ReferralRecord } from './record.js';

export interface CandidateListing {
  readonly id: string;
  readonly trialId: string;
  readonly siteId: string;
  readonly updatedAt: string;
  /** The site's workflow state; absent until notify-site has recorded the candidate. */
  readonly candidate?: CandidateState;
  /** Completed years on the screening date; null when the birth date is unknown. */
  readonly age: number | null;
  readonly verdict: Verdict;
  readonly score: number;
  /** How many data requests the screening left open. */
  readonly missingData: number;
  /** The screening date (`latest.asOf`). */
  readonly screenedOn: string;
}

/** The listing facts that are derived from the profile and the screening (the rest are the record's own fields). */
export type DerivedListing = Pick<CandidateListing, 'age' | 'verdict' | 'score' | 'missingData' | 'screenedOn'>;

export function derivedListing(record: Pick<ReferralRecord, 'profile' | 'latest'>): DerivedListing {
  const birthDate = record.profile.demographics?.birthDate;
  return {
    age: birthDate === undefined ? null : completedYears(birthDate, dayNumber(record.latest.asOf)),
    verdict: record.latest.verdict,
    score: record.latest.score,
    missingData: record.latest.missingData.length,
    screenedOn: record.latest.asOf,
  };
}

export function candidateListing(record: ReferralRecord): CandidateListing {
  return {
    id: record.id,
    trialId: record.trialId,
    siteId: record.siteId,
    updatedAt: record.updatedAt,
    ...(record.candidate === undefined ? {} : { candidate: record.candidate }),
    ...derivedListing(record),
  };
}
