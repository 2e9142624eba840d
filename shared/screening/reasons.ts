/**
 * Why a criterion came out as it did, as data: a stable code and the values it cites (measured value, unit,
 * threshold, dates). The engine builds these and never formats text; English and Chinese sentences are rendered
 * at the edges (API, CLI, web app) from message catalogues (shared/i18n). Codes are a public contract: a client
 * may render them itself.
 *
 * `subject` names the data in the catalogues (`hemoglobin`, `cd7`, `atrialFibrillation`), so a reason never
 * carries English words.
 */
import type { Comparator } from '#trial/definition.js';

/** A quantity as reported, and the same quantity in the limit's unit when that differs. */
export interface Measured {
  readonly value: number;
  readonly unit: string;
  /** The value converted into the limit's unit, when the report used another unit. */
  readonly converted?: number;
}

export type PerformanceScale = 'ecog' | 'karnofsky' | 'lansky';

export type HepatitisBFinding =
  /** HBV DNA detected: the virus replicates. */
  | 'replicating'
  /** HBsAg positive, HBV DNA not detected: chronic infection without replication. */
  | 'chronic-without-replication'
  /** HBsAg negative, anti-HBc positive, HBV DNA not detected. */
  | 'resolved'
  /** HBsAg and anti-HBc negative. */
  | 'never-infected'
  /** HBsAg negative; anti-HBc not reported. */
  | 'hbsag-negative'
  /** HBsAg or anti-HBc positive and HBV DNA not reported. */
  | 'dna-needed'
  /** anti-HBc reported without HBsAg. */
  | 'hbsag-needed';

export type HepatitisCFinding = 'viremic' | 'cleared' | 'rna-negative' | 'never-infected' | 'rna-needed';
export type HivFinding = 'confirmed' | 'reactive-unconfirmed' | 'non-reactive';

export type Reason =
  | { readonly code: 'not-reported'; readonly subject: string }
  | { readonly code: 'stale'; readonly subject: string; readonly date: string; readonly windowDays: number }
  | { readonly code: 'future-dated'; readonly subject: string; readonly date: string; readonly asOf: string }
  | { readonly code: 'unit-unsupported'; readonly subject: string; readonly unit: string }
  | {
      readonly code: 'measured';
      readonly subject: string;
      readonly measured: Measured;
      readonly date?: string;
      readonly comparator: Comparator;
      readonly limit: number;
      readonly limitUnit: string;
      readonly passes: boolean;
      /** How it was measured, when the criterion names methods (CD7 by flow cytometry or immunohistochemistry). */
      readonly method?: string;
      /** Measured after a correction the record allows (hemoglobin after transfusion). */
      readonly corrected?: boolean;
    }
  /** Below the limit but correctable (hemoglobin by transfusion): a value after correction decides. */
  | {
      readonly code: 'below-correctable';
      readonly subject: string;
      readonly measured: Measured;
      readonly date: string;
      readonly limit: number;
      readonly limitUnit: string;
    }
  | {
      readonly code: 'uln-multiple';
      readonly subject: string;
      readonly measured: Measured;
      readonly date: string;
      readonly uln: number;
      readonly ulnUnit: string;
      /** value / ULN, rounded for reading. */
      readonly ratio: number;
      readonly maxMultiple: number;
      readonly passes: boolean;
    }
  /** No ULN sent, but the value is within the multiple of even the lowest plausible ULN: met, and said so. */
  | {
      readonly code: 'uln-assumed';
      readonly subject: string;
      readonly measured: Measured;
      readonly date: string;
      readonly lowestUln: number;
      readonly ulnUnit: string;
      readonly maxMultiple: number;
    }
  | { readonly code: 'uln-missing'; readonly subject: string; readonly measured: Measured; readonly date: string }
  /** A coded value (diagnosis, disease status, consent, NYHA class) as reported. */
  | { readonly code: 'category'; readonly subject: string; readonly value: string }
  | { readonly code: 'condition'; readonly subject: string; readonly status: 'present' | 'absent'; readonly assessedOn?: string }
  | { readonly code: 'condition-undated'; readonly subject: string; readonly status: 'present' | 'absent' }
  /** Reported present; the site judges it (measurable extramedullary disease). */
  | { readonly code: 'site-review'; readonly subject: string; readonly assessedOn?: string }
  | {
      readonly code: 'age';
      readonly years: number;
      readonly min: number;
      readonly max: number;
      readonly position: 'below' | 'within' | 'above';
    }
  /** A birth date known to the year or month: the youngest and oldest the patient can be. */
  | {
      readonly code: 'age-range';
      readonly youngest: number;
      readonly oldest: number;
      readonly min: number;
      readonly max: number;
      readonly position: 'below' | 'within' | 'above' | 'boundary';
    }
  | { readonly code: 'birth-date-after-screening'; readonly asOf: string }
  | { readonly code: 'event-within'; readonly subject: string; readonly date: string; readonly months: number; readonly until: string }
  | { readonly code: 'event-before'; readonly subject: string; readonly date: string; readonly months: number }
  | { readonly code: 'event-undated'; readonly subject: string }
  /** Paroxysmal AF whose last episode is outside the window: history, not current AF. */
  | { readonly code: 'af-remote-paroxysmal'; readonly lastEpisodeOn: string; readonly months: number }
  | { readonly code: 'af-current'; readonly pattern: 'paroxysmal' | 'persistent' | 'permanent' | 'unspecified'; readonly lastEpisodeOn?: string }
  | {
      readonly code: 'qtc';
      readonly value: number;
      readonly date: string;
      readonly limit: number;
      /** Whose limit applied: a child's (both sexes), a woman's or a man's. */
      readonly basis: 'child' | 'female' | 'male';
      readonly passes: boolean;
    }
  /** The QTc lies between the limits that could apply; what would decide it is requested. */
  | { readonly code: 'qtc-between-limits'; readonly value: number; readonly date: string; readonly low: number; readonly high: number }
  | { readonly code: 'qtc-outside-every-limit'; readonly value: number; readonly date: string; readonly limit: number; readonly passes: boolean }
  | {
      readonly code: 'performance';
      readonly scale: PerformanceScale;
      readonly score: number;
      readonly date: string;
      /** For Karnofsky and Lansky: the score that counts as ECOG ≤ 2 under the trial's equivalence. */
      readonly limit: number;
      readonly passes: boolean;
    }
  | { readonly code: 'lansky-not-applicable'; readonly score: number; readonly date: string; readonly ageKnown: boolean; readonly underYears: number }
  | { readonly code: 'no-heart-failure'; readonly assessedOn?: string }
  | { readonly code: 'heart-failure-without-class' }
  | { readonly code: 'hsct-is-not-solid-organ'; readonly date?: string }
  | { readonly code: 'consent'; readonly status: 'signed' | 'declined' | 'pending'; readonly signedBy?: string; readonly assent?: string }
  | { readonly code: 'consent-minor-needs-guardian'; readonly adultAge: number }
  | { readonly code: 'assent-declined' }
  | { readonly code: 'hepatitis-b'; readonly finding: HepatitisBFinding; readonly date: string }
  | { readonly code: 'hepatitis-c'; readonly finding: HepatitisCFinding; readonly date: string }
  | { readonly code: 'hiv'; readonly finding: HivFinding; readonly date: string }
  | {
      readonly code: 'viral-load';
      readonly subject: string;
      readonly detected: boolean;
      readonly value?: number;
      readonly unit?: string;
      readonly date: string;
    };

export type ReasonCode = Reason['code'];
