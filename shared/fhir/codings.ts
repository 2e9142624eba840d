/** Small readers over CodeableConcepts and Observations, shared by the mappers. */
import type { CodeableConcept, Coding, Observation } from './bundle-schema.js';
import { SYSTEM, systemLabel } from './code-systems.js';
import { exactDay, fhirDay } from './fhir-dates.js';

export const codingsOf = (concept: CodeableConcept | undefined): readonly Coding[] => concept?.coding ?? [];

export const hasCode = (concept: CodeableConcept | undefined, system: string, code: string): boolean =>
  codingsOf(concept).some((coding) => coding.system === system && coding.code === code);

/** `LOINC 718-7` for each coding with a code. */
export const labels = (concepts: readonly (CodeableConcept | undefined)[]): string[] =>
  concepts.flatMap((concept) => codingsOf(concept).flatMap((c) => (c.code === undefined ? [] : [`${systemLabel(c.system)} ${c.code}`])));

export type ObservationDate =
  | { readonly kind: 'day'; readonly day: string; readonly element: string; readonly fromPeriodStart: boolean }
  | { readonly kind: 'imprecise' }
  | { readonly kind: 'undated' };

/**
 * The day a result is dated: `effective[x]` only (not `issued`, which is when it was released). A period counts from
 * its start: an older date can only make a result look staler, never fresher.
 */
export function observationDate(observation: Observation): ObservationDate {
  const candidates: [string | undefined, string, boolean][] = [
    [observation.effectiveDateTime, 'effectiveDateTime', false],
    [observation.effectiveInstant, 'effectiveInstant', false],
    [observation.effectivePeriod?.start, 'effectivePeriod.start', true],
    [observation.effectivePeriod?.end, 'effectivePeriod.end', false],
  ];
  for (const [value, element, fromPeriodStart] of candidates) {
    if (value === undefined) continue;
    const day = exactDay(value);
    return day === undefined ? { kind: 'imprecise' } : { kind: 'day', day, element, fromPeriodStart };
  }
  return { kind: 'undated' };
}

export { fhirDay };

export type Polarity = 'positive' | 'negative';

/**
 * Positive or negative from the answer or the interpretation. SNOMED CT qualifier values and HL7 v3
 * ObservationInterpretation codes (POS, NEG, DET, ND, RR, NR): detected and reactive read as positive.
 */
export function polarityOf(observation: Observation): { polarity: Polarity; element: string } | undefined {
  const concepts: [CodeableConcept | undefined, string][] = [
    [observation.valueCodeableConcept, 'valueCodeableConcept'],
    ...(observation.interpretation ?? []).map((concept, i): [CodeableConcept, string] => [concept, `interpretation[${i}]`]),
  ];
  for (const [concept, element] of concepts) {
    for (const coding of codingsOf(concept)) {
      const key = `${coding.system}|${coding.code}`;
      if (POSITIVE.has(key)) return { polarity: 'positive', element };
      if (NEGATIVE.has(key)) return { polarity: 'negative', element };
    }
  }
  return undefined;
}

const POSITIVE = new Set([
  `${SYSTEM.snomed}|10828004`,
  `${SYSTEM.snomed}|260373001`,
  `${SYSTEM.snomed}|11214006`,
  `${SYSTEM.interpretation}|POS`,
  `${SYSTEM.interpretation}|DET`,
  `${SYSTEM.interpretation}|RR`,
]);
const NEGATIVE = new Set([
  `${SYSTEM.snomed}|260385009`,
  `${SYSTEM.snomed}|260415000`,
  `${SYSTEM.snomed}|131194007`,
  `${SYSTEM.interpretation}|NEG`,
  `${SYSTEM.interpretation}|ND`,
  `${SYSTEM.interpretation}|NR`,
]);
