/**
 * What screening a profile against a trial returns. This shape travels everywhere: the stored referral, the HTTP
 * replies (with rendered text beside it, see shared/i18n), the CLI's JSON. Criterion ids and reason codes are a
 * public contract.
 */
import type { CriterionKind } from '#trial/definition.js';
import type { Reason } from './reasons.js';

/**
 * Three-valued logic inside the engine: whether the patient satisfies what the criterion asks of an enrolled
 * patient. For an exclusion, `met` means the patient is clear of it. Never shown as such: see CriterionOutcome.
 */
export type Outcome = 'met' | 'not_met' | 'unknown';

/**
 * What a row says, in words that point one way for each kind: an inclusion is `met`, `not_met` or `unknown`; an
 * exclusion is `clear` (the excluding condition is absent), `excluded` or `unknown`. Unknown is never silently
 * read as either side.
 */
export type InclusionOutcome = 'met' | 'not_met' | 'unknown';
export type ExclusionOutcome = 'clear' | 'excluded' | 'unknown';
export type CriterionOutcome = InclusionOutcome | ExclusionOutcome;

/**
 * A pre-screen, never an enrolment decision: the site confirms every candidate.
 * `eligible`: every criterion a physician can report is met (site-verified ones such as signed consent aside).
 * `potential`: nothing excludes the patient; something is unknown or awaits the site's review.
 * `ineligible`: an inclusion criterion not met, or an exclusion present.
 */
export type Verdict = 'eligible' | 'potential' | 'ineligible';

/**
 * Why a data request exists. `missing`: never sent; `stale`: older than the trial's window; `incomplete`: sent
 * without a needed part; `follow-up`: a further result decides (hemoglobin after transfusion, HBV DNA after a
 * positive anti-HBc, a confirmatory HIV test); `site-review`: the site judges what was reported (measurable
 * extramedullary disease, a detectable viral load), and the physician may add detail.
 */
export type RequestProblem = 'missing' | 'stale' | 'incomplete' | 'follow-up' | 'site-review';

/** A piece of data that would resolve an unknown criterion: what to send, and why it is needed. */
export interface DataRequest {
  /** The profile field to send, as a dotted path (`labs.hemoglobin`, `cardiac.myocardialInfarction.mostRecentOn`). */
  readonly field: string;
  readonly criterionId: string;
  readonly problem: RequestProblem;
  /** What would resolve it: a key of the message catalogues (`hemoglobin`, `hbv-dna`), rendered at the edge. */
  readonly need: string;
  /** Results must be this recent (days), when the criterion has a window. */
  readonly windowDays?: number;
  /** For a stale result: send one dated on or after this day. */
  readonly since?: string;
  /** For a result dated after the screening day: the date to check. */
  readonly check?: string;
}

export interface CriterionResult {
  readonly id: string;
  readonly kind: CriterionKind;
  /** The protocol's own wording. */
  readonly text: string;
  readonly outcome: CriterionOutcome;
  /** Why, as data: the values and thresholds used. Rendered to text at the edges. */
  readonly reasons: readonly Reason[];
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
   * The first day any criterion's outcome can change with no new data (a birthday crossing an age bound, a
   * myocardial infarction leaving the 12-month window, a result going stale), or null if none can.
   */
  readonly reviewAt: string | null;
  /**
   * The first day the verdict itself can change with no new data: when the schedule rescreens the referral. Null
   * when only new data can change it, e.g. a patient over the age limit, whom time can only make less eligible.
   */
  readonly rescreenAt: string | null;
}
