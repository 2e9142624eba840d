/**
 * A trial as data: its metadata, its named interpretation parameters, and its criteria, each with the protocol's
 * wording and a rule from a small vocabulary one engine evaluates (shared/screening). A second trial is a new
 * definition file (and its catalogue entries in shared/i18n), not new engine code.
 */
import type { PatientProfile } from '#profile/schema.js';
import type { Analyte } from '#units/conversion-table.js';
import type { TrialMetadata } from './metadata.js';

/** Every dotted path into a patient profile (`labs.hemoglobin`, `cardiac.myocardialInfarction`). */
type PathsOf<T, Prefix extends string = ''> = T extends readonly unknown[]
  ? never
  : T extends object
    ? { [K in keyof T & string]-?: `${Prefix}${K}` | PathsOf<NonNullable<T[K]>, `${Prefix}${K}.`> }[keyof T & string]
    : never;
export type ProfilePath = PathsOf<PatientProfile>;

export type CriterionKind = 'inclusion' | 'exclusion';

export type Comparator = '>' | '>=' | '<' | '<=';

/**
 * A reading of the protocol the service had to choose (a unit, a window, a threshold's edge). Named, documented,
 * and served by `GET /trials/{id}` so sites can see exactly how their words are applied.
 */
export interface TrialParameter {
  readonly value: number | string | boolean | Readonly<Record<string, number>>;
  readonly unit?: string;
  /** Why this reading: the protocol's words and what the service does with them. */
  readonly reading: string;
}

interface LeafBase {
  /** The profile field the rule reads; also the field a data request names. */
  readonly field: ProfilePath;
  /** How reasons name the data: a catalogue key (`hemoglobin`, `cd7`), rendered at the edge. */
  readonly subject: string;
  /** What to ask the physician for when the data is missing: a catalogue key. */
  readonly need: string;
}

/** A coded value (diagnosis type, disease status, NYHA class) sorted into met / not met; others are unknown. */
export interface CategoryRule extends LeafBase {
  readonly type: 'category';
  readonly met: readonly string[];
  readonly notMet: readonly string[];
}

/**
 * A dated measurement compared with a limit: `{ [value]: number, [date]: YYYY-MM-DD, unit? }`. When the field
 * is a list (blasts, CD7), the entries matching `where` are considered: with `select: 'latest'` the most recent
 * one decides; with `select: 'any'` any current one that passes decides ("CD7 by flow cytometry or IHC ≥ 70%").
 */
export interface MeasurementRule extends LeafBase {
  readonly type: 'measurement';
  readonly valueKey: string;
  /** Key of the measurement's date; when the date is optional and absent, the value is taken as current. */
  readonly dateKey: string;
  readonly where?: Readonly<Record<string, string>>;
  readonly select?: 'latest' | 'any';
  readonly comparator: Comparator;
  readonly limit: number;
  /** The limit's unit; with `analyte`, the measurement's own `unit` is converted through UCUM factors. */
  readonly unit: string;
  readonly analyte?: Analyte;
  /** Results older than this many days are stale: unknown, not met. */
  readonly freshnessDays: number;
  /**
   * A value on the wrong side of the limit that can be corrected (hemoglobin by transfusion) is not a failure:
   * unknown, and a value after correction is requested. A result flagged `flagKey: true` was taken after the
   * correction, and decides.
   */
  readonly correctable?: { readonly flagKey: string; readonly need: string };
}

/** A lab value against a multiple of the reporting lab's own upper limit of normal. */
export interface UlnMultipleRule extends LeafBase {
  readonly type: 'ulnMultiple';
  readonly analyte: Analyte;
  readonly maxMultiple: number;
  readonly freshnessDays: number;
  /** What to ask for when the lab's ULN is missing. */
  readonly ulnNeed: string;
  /**
   * Without the lab's ULN, a value within `maxMultiple` × this ULN is within the limit for any plausible lab:
   * met, and the reason says the ULN was assumed. Above it, the lab's ULN is requested.
   */
  readonly lowestPlausibleUln?: { readonly value: number; readonly unit: string };
}

/** Age in completed years, both bounds included. */
export interface AgeRule extends LeafBase {
  readonly type: 'age';
  readonly minYears: number;
  readonly maxYears: number;
  /**
   * Where a birth date known only to the year or month is (`{ earliest, latest }`), read when `field` is absent:
   * decided when every possible day of birth gives the same answer, unknown at the bounds.
   */
  readonly rangeField?: ProfilePath;
}

/** A reported condition (`present | absent | unknown`) that the criterion needs absent, or present. */
export interface ConditionRule extends LeafBase {
  readonly type: 'condition';
  readonly metWhen: 'absent' | 'present';
  /** For current states (an infection): the assessment must be this recent, or the report is stale. */
  readonly currentWithinDays?: number;
  /** Reported present, the site judges it: unknown, with a site-review request named by this catalogue key. */
  readonly siteReviewsPresent?: string;
  /** A reported allogeneic HSCT at this path is named in the reason as not being this condition. */
  readonly distinctFromHsct?: ProfilePath;
}

/** An event that excludes while it is recent ("myocardial infarction within the past 12 months"). */
export interface RecentEventRule extends LeafBase {
  readonly type: 'recentEvent';
  /** Inclusive: an event exactly this many months before the screening date is still within the window. */
  readonly withinMonths: number;
  /** What to ask for when the event is reported without a date. */
  readonly dateNeed: string;
}

/** Atrial fibrillation: current AF excludes; paroxysmal AF whose last episode is outside the window is history. */
export interface AtrialFibrillationRule extends LeafBase {
  readonly type: 'atrialFibrillation';
  readonly paroxysmalWithinMonths: number;
  readonly lastEpisodeNeed: string;
}

/**
 * QTc against the limit that applies to this patient: a child's (both sexes) under `childUnderYears` on the ECG
 * date, else the sex-specific adult limit. With age or sex unknown, only values outside every limit that could
 * apply are decided; between them, what would decide is requested.
 */
export interface QtcRule extends LeafBase {
  readonly type: 'qtc';
  readonly birthDateField: ProfilePath;
  readonly sexField: ProfilePath;
  /** Highest value still acceptable, per sex, for adults. */
  readonly maxBySex: Readonly<Record<string, number>>;
  readonly childMax: number;
  readonly childUnderYears: number;
  readonly freshnessDays: number;
}

/**
 * Performance status on the scale the physician used: ECOG, Karnofsky, or Lansky (children under
 * `lanskyUnderYears`), with an ECOG equivalence for the latter two. The most recent current assessment decides;
 * on the same day ECOG (the record's scale) comes first.
 */
export interface PerformanceStatusRule extends LeafBase {
  readonly type: 'performanceStatus';
  readonly ecogField: ProfilePath;
  readonly karnofskyField: ProfilePath;
  readonly lanskyField: ProfilePath;
  readonly birthDateField: ProfilePath;
  readonly ecogMax: number;
  readonly karnofskyMin: number;
  readonly lanskyMin: number;
  readonly lanskyUnderYears: number;
  readonly freshnessDays: number;
}

/** Cardiac insufficiency NYHA III or IV: the class decides; without it, whether there is heart failure at all. */
export interface HeartFailureRule extends LeafBase {
  readonly type: 'heartFailure';
  readonly nyhaField: ProfilePath;
  readonly excludedClasses: readonly string[];
  readonly nyhaNeed: string;
}

/** Trial consent (site-verified), with a guardian's signature for a minor and the child's assent. */
export interface ConsentRule extends LeafBase {
  readonly type: 'consent';
  readonly birthDateField: ProfilePath;
  readonly adultAgeYears: number;
  /** For the refusal exclusion: only a refusal decides; a signature is not what it asks. */
  readonly asks: 'signature' | 'no-refusal';
}

/** Serology panels read as the criterion words them (active hepatitis B / C, HIV infection). */
export interface SerologyRule extends LeafBase {
  readonly type: 'hepatitisB' | 'hepatitisC' | 'hiv';
  readonly freshnessDays: number;
}

/** A viral load (CMV, EBV DNA): detected means the site judges significance; not detected speaks for clear. */
export interface ViralLoadRule extends LeafBase {
  readonly type: 'viralLoad';
  readonly freshnessDays: number;
  readonly reviewNeed: string;
}

export type LeafRule =
  | CategoryRule
  | MeasurementRule
  | UlnMultipleRule
  | AgeRule
  | ConditionRule
  | RecentEventRule
  | AtrialFibrillationRule
  | QtcRule
  | PerformanceStatusRule
  | HeartFailureRule
  | ConsentRule
  | SerologyRule
  | ViralLoadRule;

/**
 * Three-valued combinators. `allOf`: met when all are met, not met when any is not met. `anyOf`: met when any is
 * met, not met when all are not met. `corroborated`: not met when any is not met; unknown when any part read
 * current data and still could not decide (a statement never hides a measurement: "no QT prolongation" beside a
 * QTc between the limits stays unknown); else met when at least one part is met (a physician's "no QT
 * prolongation" stands when no ECG is sent). `attested`: like corroborated, but the first part (the physician's
 * statement) is needed for met; the others (serology, viral loads) can only exclude or contest it, and their
 * absence is never requested.
 */
export type Rule =
  | LeafRule
  | { readonly type: 'allOf'; readonly rules: readonly Rule[] }
  | { readonly type: 'anyOf'; readonly rules: readonly Rule[] }
  | { readonly type: 'corroborated'; readonly rules: readonly Rule[] }
  | { readonly type: 'attested'; readonly rules: readonly [Rule, ...Rule[]] };

export interface CriterionDefinition {
  /** Stable public id (`inc-age`): clients and tests depend on it. */
  readonly id: string;
  readonly kind: CriterionKind;
  /** The protocol's own wording. */
  readonly text: string;
  /** Only the site can verify it (signed consent): its unknown does not hold back `eligible`. */
  readonly siteVerified: boolean;
  /** For an exclusion, the rule is met when the patient is clear of the excluding condition. */
  readonly rule: Rule;
}

export interface TrialDefinition extends TrialMetadata {
  readonly parameters: Readonly<Record<string, TrialParameter>>;
  readonly criteria: readonly CriterionDefinition[];
}
