/**
 * What translating a Bundle produces besides the profile: where each value came from, and what was not used and
 * why. Reasons are codes, worded at the edge (fhir-messages.ts), like the engine's reasons.
 */
import type { PatientProfile } from '#profile/schema.js';

/** An entry of the submitted Bundle. */
export interface EntryRef {
  /** Index in `Bundle.entry`. */
  readonly entry: number;
  readonly resourceType: string;
  readonly id?: string;
  readonly fullUrl?: string;
}

export interface Provenance {
  /** The profile field, as a dotted path (`labs.hemoglobin`, `blasts.0`). */
  readonly field: string;
  readonly source: EntryRef;
  /** A FHIRPath expression into the submitted Bundle that yields the value (`Bundle.entry[3].resource.valueQuantity`). */
  readonly path: string;
  /** The code that identified it, as `LOINC 718-7`. */
  readonly coding?: string;
  /** How the value was read when that is not obvious (a partial birth date, a reference range without a unit). */
  readonly note?: ProvenanceNote;
}

export type ProvenanceNote =
  | 'birth-date-partial'
  | 'uln-unit-from-value'
  | 'period-start'
  | 'icd10cm-remission-status';

export type NotUsedReason =
  /** A resource type the translator does not read (Encounter, MedicationRequest, ...). */
  | 'resource-type'
  /** A code the mapping table does not hold. */
  | 'code-not-mapped'
  /** The resource is about someone else: its subject is another Patient of the bundle. */
  | 'other-patient'
  /** The subject reference resolves to no entry of the bundle. */
  | 'subject-not-in-bundle'
  /** The status says the result is not final (registered, preliminary, cancelled, entered in error, ...). */
  | 'status'
  /** Condition refuted or entered in error. */
  | 'refuted'
  /** No effective date: an undated result is never current. */
  | 'undated'
  /** Dated to the month or year only: a result must be dated to the day. */
  | 'imprecise-date'
  /** No value, or a value of a type that does not fit (a string where a quantity is needed). */
  | 'no-value'
  /** A quantity without a UCUM code (`valueQuantity.code`); the display unit is never read. */
  | 'no-ucum-code'
  /** A censored value (`<`, `>`): not a measurement. */
  | 'comparator'
  /** The value failed the profile's checks (unit not supported, out of range). */
  | 'invalid-value'
  /** An older result of the same kind: the most recent one is used. */
  | 'superseded'
  /** ALL or lymphoblastic lymphoma without the lineage (T or B). */
  | 'lineage-unknown'
  /** CD7 as a share of all cells, not of leukemic blasts: the criterion asks the latter. */
  | 'cd7-denominator'
  /** The answer does not say positive or negative, reactive or non-reactive, detected or not. */
  | 'result-not-recognised'
  /** A Parameters entry (search parameters of a matching client): read by no criterion. */
  | 'parameters'
  /** An entry without a resource (a transaction's DELETE, a searchset outcome link). */
  | 'no-resource';

export interface NotUsed {
  readonly source: EntryRef;
  /** The codes it carried, as `LOINC 12345-6`. */
  readonly codings: readonly string[];
  readonly reason: NotUsedReason;
  /** For `invalid-value`: the profile's own message. */
  readonly detail?: string;
}

export interface BundleTranslation {
  readonly profile: PatientProfile;
  readonly provenance: readonly Provenance[];
  readonly notUsed: readonly NotUsed[];
}
