/** What each audience sees of a referral. Shapes of replies, built from records; no I/O. */
import { DEFAULT_LOCALE, type Locale } from '#i18n/locale.js';
import { CATALOGUES, renderScreening } from '#i18n/render.js';
import type { ScreeningResult } from '#screening/result.js';
import { findTrial } from '#trial/registry.js';
import type { CandidateListing } from './candidate-listing.js';
import { missingMinimumData } from './minimum-data.js';
import type { ReferralRecord, ReferralTombstone } from './record.js';
import type { PhysicianListing } from './referral-listing.js';

/**
 * A screening as replies show it: the structured result with its text in the caller's language beside it
 * (`reason` beside `reasons`, `request` beside each request, the verdict's label). Results stored before
 * `rescreenAt` existed show null.
 */
export const screeningView = (result: ScreeningResult, locale: Locale = DEFAULT_LOCALE) => {
  const rendered = renderScreening(result, locale);
  return {
    asOf: rendered.asOf,
    criteriaVersion: rendered.criteriaVersion,
    verdict: rendered.verdict,
    verdictLabel: rendered.verdictLabel,
    score: rendered.score,
    reviewAt: rendered.reviewAt,
    rescreenAt: rendered.rescreenAt ?? null,
    language: rendered.language,
    criteria: rendered.criteria,
    missingData: rendered.missingData,
  };
};

/**
 * `incomplete` while the referral lacks the trial's minimum data (the site is not told of it yet), with what is
 * missing and what it means; `active` otherwise.
 */
export function intakeView(record: Pick<ReferralRecord, 'profile' | 'trialId'>, locale: Locale = DEFAULT_LOCALE) {
  const trial = findTrial(record.trialId);
  const missing = trial ? missingMinimumData(record.profile, trial) : [];
  return missing.length === 0
    ? { status: 'active' as const }
    : {
        status: 'incomplete' as const,
        incomplete: {
          missing,
          notice: CATALOGUES[locale].intakeNotice(missing),
        },
      };
}

/** The referring physician's full view: profile, latest screening, history. */
export const referralView = (record: ReferralRecord, locale: Locale = DEFAULT_LOCALE) => ({
  id: record.id,
  ...intakeView(record, locale),
  trialId: record.trialId,
  siteId: record.siteId,
  version: record.version,
  createdAt: record.createdAt,
  updatedAt: record.updatedAt,
  profile: record.profile,
  screening: screeningView(record.latest, locale),
  history: record.history,
  site: {
    candidateStatus: record.candidate?.status ?? null,
    notified: record.notification.sentSeq > 0,
  },
});

export const tombstoneView = (tombstone: Pick<ReferralTombstone, 'id' | 'trialId' | 'siteId' | 'createdAt' | 'withdrawnAt'>) => ({
  id: tombstone.id,
  status: 'withdrawn' as const,
  trialId: tombstone.trialId,
  siteId: tombstone.siteId,
  createdAt: tombstone.createdAt,
  withdrawnAt: tombstone.withdrawnAt,
});

/** A line of the physician's list, from the listing the store keeps (referral-listing.ts). */
export const referralSummary = (listing: PhysicianListing) =>
  'withdrawn' in listing
    ? tombstoneView(listing)
    : {
        id: listing.id,
        status: listing.intake,
        trialId: listing.trialId,
        version: listing.version,
        createdAt: listing.createdAt,
        updatedAt: listing.updatedAt,
        verdict: listing.verdict,
        score: listing.score,
        missingData: listing.missingData,
        candidateStatus: listing.candidateStatus,
      };

/**
 * A line of the site's inbox: the minimum to rank and triage a candidate (age, verdict, score, how much data is
 * missing) and the workflow status. No profile, no birth date: the detail is read on demand, one candidate at a
 * time, and every such read is recorded in the audit trail.
 */
export const candidateSummary = (listing: CandidateListing) => ({
  referralId: listing.id,
  trialId: listing.trialId,
  status: listing.candidate?.status ?? null,
  statusSince: listing.candidate?.since ?? null,
  /** Completed years on the screening date; null when the birth date is unknown. */
  age: listing.age,
  verdict: listing.verdict,
  score: listing.score,
  missingData: listing.missingData,
  screenedOn: listing.screenedOn,
  updatedAt: listing.updatedAt,
});

/**
 * One candidate in full, for the site coordinator who opens it: the clinical profile and the screening (the site
 * must verify them), the workflow status. The referring physician is named by id so the site can reach them
 * through the service.
 */
export const candidateView = (record: ReferralRecord, locale: Locale = DEFAULT_LOCALE) => ({
  referralId: record.id,
  trialId: record.trialId,
  status: record.candidate?.status ?? null,
  statusSince: record.candidate?.since ?? null,
  referringPhysician: record.physicianId,
  verdict: record.latest.verdict,
  score: record.latest.score,
  screening: screeningView(record.latest, locale),
  profile: record.profile,
  updatedAt: record.updatedAt,
});
