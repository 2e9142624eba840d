/**
 * A trial as data: its metadata, its named interpretation parameters, and its criteria, each with the protocol's
 * wording and a rule from a small vocabulary one engine evaluates (shared/screening). A second trial is a new
 * definition file, not new engine code.
 */
import type { PatientProfile } from '../profile/schema.js';
import type { CriterionKind } from '../screening/result.js';
import type { Analyte } from '../units/conversion-table.js';
import type { TrialMetadata } from './metadata.js';

/** Every dotted path into a patient profile (`labs.hemoglobin`, `cardiac.myocardialInfarction`). */
type PathsOf<T, Prefix extends string = ''> = T extends readonly unknown[]
  ? never
  : T extends object
    ? { [K in keyof T & string]-?: `${Prefix}${K}` | PathsOf<NonNullable<T[K]>, `${Prefix}${K}.`> }[keyof T & string]
    : never;
export type ProfilePath = PathsOf<PatientProfile>;

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
  /** How reasons name the data ("hemoglobin", "CD7 expression"). */
  readonly label: string;
  /** For the physician, what to send when the data is missing. */
  readonly request: string;
}

/** A coded value (diagnosis type, disease status, consent, NYHA class) sorted into met / not met. */
export interface CategoryRule extends LeafBase {
  readonly type: 'category';
  readonly met: readonly string[];
  readonly notMet: readonly string[];
}

/**
 * A dated measurement compared with a limit: `{ [value]: number, [date]: YYYY-MM-DD, unit? }`. When the field
 * is a list (blasts), the entries matching `where` are considered and the most recent one decides.
 */
export interface MeasurementRule extends LeafBase {
  readonly type: 'measurement';
  readonly valueKey: string;
  /** Key of the measurement's date; when the date is optional and absent, the value is taken as current. */
  readonly dateKey: string;
  readonly where?: Readonly<Record<string, string>>;
  readonly comparator: Comparator;
  readonly limit: number;
  /** The limit's unit; with `analyte`, the measurement's own `unit` is converted through UCUM factors. */
  readonly unit: string;
  readonly analyte?: Analyte;
  /** Results older than this many days are stale: unknown, not met. */
  readonly freshnessDays: number;
}

/** A lab value against a multiple of the reporting lab's own upper limit of normal. */
export interface UlnMultipleRule extends LeafBase {
  readonly type: 'ulnMultiple';
  readonly analyte: Analyte;
  readonly maxMultiple: number;
  readonly freshnessDays: number;
}

/** Age in completed years, both bounds included. */
export interface AgeRule extends LeafBase {
  readonly type: 'age';
  readonly minYears: number;
  readonly maxYears: number;
}

/** A reported condition (`present | absent | unknown`) that the criterion needs absent, or present. */
export interface ConditionRule extends LeafBase {
  readonly type: 'condition';
  readonly metWhen: 'absent' | 'present';
  /** For current states (an infection): the assessment must be this recent, or the report is stale. */
  readonly currentWithinDays?: number;
}

/** An event that excludes while it is recent ("myocardial infarction within the past 12 months"). */
export interface RecentEventRule extends LeafBase {
  readonly type: 'recentEvent';
  /** Inclusive: an event exactly this many months before the screening date is still within the window. */
  readonly withinMonths: number;
}

/** A measurement whose upper limit depends on sex (QTc). Unknown sex: decided only outside every limit. */
export interface SexSpecificLimitRule extends LeafBase {
  readonly type: 'sexSpecificLimit';
  readonly valueKey: string;
  readonly dateKey: string;
  readonly sexField: ProfilePath;
  /** Highest value still acceptable, per sex. */
  readonly maxBySex: Readonly<Record<string, number>>;
  readonly unit: string;
  readonly freshnessDays: number;
}

export type LeafRule =
  | CategoryRule
  | MeasurementRule
  | UlnMultipleRule
  | AgeRule
  | ConditionRule
  | RecentEventRule
  | SexSpecificLimitRule;

/**
 * Three-valued combinators. `allOf`: met when all are met, not met when any is not met. `anyOf`: met when any is
 * met, not met when all are not met. `corroborated`: not met when any is not met, met when at least one is met
 * and none contradicts it (a physician's "no QT prolongation" stands when no ECG is sent).
 */
export type Rule =
  | LeafRule
  | { readonly type: 'allOf'; readonly rules: readonly Rule[] }
  | { readonly type: 'anyOf'; readonly rules: readonly Rule[] }
  | { readonly type: 'corroborated'; readonly rules: readonly Rule[] };

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
