/**
 * What screening a profile against a trial returns. This shape travels everywhere: the HTTP replies, the stored
 * referral's history, the CLI's JSON. Criterion ids are a public contract.
 */

/**
 * Whether the patient satisfies what the criterion asks of an enrolled patient. For an exclusion criterion,
 * `met` means the patient is clear of it (the excluding condition is absent); `not_met` means it excludes them.
 * `unknown`: the data is missing, incomplete or stale. Unknown is never silently read as met or not met.
 */
export type Outcome = 'met' | 'not_met' | 'unknown';

/**
 * `eligible`: every criterion met, except those only the site can verify (signed consent).
 * `potential`: nothing failed, something unknown: still a candidate, and the physician is asked for the data.
 * `ineligible`: an inclusion criterion not met, or an exclusion present.
 */
export type Verdict = 'eligible' | 'potential' | 'ineligible';

export type CriterionKind = 'inclusion' | 'exclusion';

/** A piece of data that would resolve an unknown criterion: what to send, and why it is needed. */
export interface DataRequest {
  /** The profile field to send, as a dotted path (`labs.hemoglobin`, `cardiac.myocardialInfarction.mostRecentOn`). */
  readonly field: string;
  readonly criterionId: string;
  /** `missing`: never sent; `stale`: older than the trial's window; `incomplete`: sent without a needed part. */
  readonly problem: 'missing' | 'stale' | 'incomplete';
  /** For the physician: what exactly would resolve it. */
  readonly request: string;
}

export interface CriterionResult {
  readonly id: string;
  readonly kind: CriterionKind;
  /** The protocol's own wording. */
  readonly text: string;
  readonly outcome: Outcome;
  /** Why, citing the values and thresholds used ("hemoglobin 69 g/L is below 70 g/L"). */
  readonly reason: string;
  /** Only the site can verify this criterion (signed consent); its unknown does not hold back `eligible`. */
  readonly siteVerified: boolean;
  readonly missing: readonly DataRequest[];
}

export interface ScreeningResult {
  readonly trialId: string;
  readonly criteriaVersion: number;
  /** The screening date (`YYYY-MM-DD`, in the trial site's time zone). */
  readonly asOf: string;
  readonly verdict: Verdict;
  /** Ranks candidates: higher is a stronger candidate. 0 for ineligible; see the engine for the formula. */
  readonly score: number;
  readonly criteria: readonly CriterionResult[];
  /** Every data request of every unknown criterion, deduplicated by field, for the physician. */
  readonly missingData: readonly DataRequest[];
  /**
   * The first date on which the verdict could change with no new data (a birthday crossing an age bound, a
   * myocardial infarction leaving the 12-month window, a result going stale), or null if none can.
   */
  readonly reviewAt: string | null;
}
