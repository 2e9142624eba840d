/**
 * The shape every language's catalogue has. TypeScript makes each catalogue implement every reason code, every
 * outcome, verdict and request problem; a test checks that every subject, value and need the trial uses has an
 * entry in every language.
 */
import type { Comparator } from '#trial/definition.js';
import type { Reason, ReasonCode } from '#screening/reasons.js';
import type { CriterionOutcome, RequestProblem, Verdict } from '#screening/result.js';

/** Formatting helpers a catalogue's sentences use, bound to that catalogue's words. */
export interface Words {
  /** The name of a subject (`hemoglobin` → "hemoglobin" / "血红蛋白"). */
  subject(key: string): string;
  /** A coded value as words (`relapsed` → "relapsed" / "复发"). */
  value(key: string): string;
  /** `92 g/L`, `65%`, `9.2 g/dL (92 g/L)`: a quantity, with its value in the limit's unit when converted. */
  quantity(value: number, unit: string, converted?: number, limitUnit?: string): string;
  number(value: number): string;
}

export type ReasonSentences = { readonly [C in ReasonCode]: (reason: Extract<Reason, { code: C }>, words: Words) => string };

export interface Catalogue {
  readonly subjects: Readonly<Record<string, string>>;
  readonly values: Readonly<Record<string, string>>;
  /** Units as people read them (`wk` → "weeks"); a unit without an entry is shown as its UCUM code. */
  readonly units: Readonly<Record<string, string>>;
  /** What to send, per need key. */
  readonly needs: Readonly<Record<string, string>>;
  readonly outcomes: Readonly<Record<CriterionOutcome, string>>;
  readonly verdicts: Readonly<Record<Verdict, string>>;
  readonly problems: Readonly<Record<RequestProblem, string>>;
  readonly comparators: Readonly<Record<Comparator, readonly [passes: string, fails: string]>>;
  readonly reasons: ReasonSentences;
  /** Request wording around a need: the window, a date to send from, a date to check. */
  readonly requestParts: {
    readonly within: (days: number) => string;
    readonly since: (date: string) => string;
    readonly check: (date: string) => string;
  };
  /** A quantity beside its value in the limit's unit: `9.2 g/dL (92 g/L)`. */
  readonly converted: (shown: string, inLimitUnit: string) => string;
  /** Why a referral waits as incomplete: the site is not told until it carries these profile fields. */
  readonly intakeNotice: (fields: readonly string[]) => string;
  /** Joins the reasons of one criterion. */
  readonly separator: string;
  /** Criterion texts in this language, when the record's English is not it (a translation, labelled as such). */
  readonly criterionTexts?: Readonly<Record<string, string>>;
}
