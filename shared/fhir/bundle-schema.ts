/**
 * The parts of a FHIR R4 Bundle the translator reads, validated with zod/mini. Only what is read is checked, and
 * everything else is ignored (non-strict objects; the translator reads the original, so nothing is copied): a
 * hospital's bundle carries many elements this service has no use for, and refusing them would refuse real records. What is read must be well-formed FHIR; a malformed
 * element is a 422 naming the entry and the element (`entry[3].resource.valueQuantity.value`).
 *
 * Shapes follow the FHIR R4 datatypes (http://hl7.org/fhir/R4/datatypes.html); the TypeScript types of the
 * resources themselves come from @types/fhir (`fhir/r4`), used for what this module writes back (research-study.ts).
 */
import * as z from 'zod/mini';
import { finiteNumber } from '#profile/refinements.js';
import { FHIR_DATE, FHIR_DATE_TIME, isRealDate } from './fhir-dates.js';

const text = (max = 10_000) => z.string().check(z.maxLength(max));
const realDate = z.refine<string>(isRealDate, { message: 'is not a calendar date' });
export const FhirDate = z.string().check(z.regex(FHIR_DATE, 'must be a FHIR date: YYYY, YYYY-MM or YYYY-MM-DD'), realDate);
export const FhirDateTime = z
  .string()
  .check(z.regex(FHIR_DATE_TIME, 'must be a FHIR dateTime: YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss+zz:zz'), realDate);
const decimal = z.number().check(z.refine<number>(finiteNumber, { message: 'must be a finite number' }));

export const Coding = z.object({
  system: z.optional(text(1000)),
  version: z.optional(text(200)),
  code: z.optional(text(200)),
  display: z.optional(text()),
});
export type Coding = z.infer<typeof Coding>;

export const CodeableConcept = z.object({
  coding: z.optional(z.array(Coding).check(z.maxLength(100))),
  text: z.optional(text()),
});
export type CodeableConcept = z.infer<typeof CodeableConcept>;

export const Quantity = z.object({
  value: z.optional(decimal),
  comparator: z.optional(z.enum(['<', '<=', '>=', '>'])),
  unit: z.optional(text(200)),
  system: z.optional(text(1000)),
  code: z.optional(text(200)),
});
export type Quantity = z.infer<typeof Quantity>;

export const Reference = z.object({ reference: z.optional(text(4000)), display: z.optional(text()) });
export const Period = z.object({ start: z.optional(FhirDateTime), end: z.optional(FhirDateTime) });

/** Extensions are read only for the mCODE histology value; nested extensions pass through. */
export const Extension = z.object({
  url: text(4000),
  valueCodeableConcept: z.optional(CodeableConcept),
  valueCoding: z.optional(Coding),
});

const references = z.optional(z.array(Reference).check(z.maxLength(1000)));
const meta = z.optional(z.object({ profile: z.optional(z.array(text(4000)).check(z.maxLength(100))) }));
const base = { id: z.optional(text(64)), meta, extension: z.optional(z.array(Extension).check(z.maxLength(1000))) };

export const Patient = z.object({
  resourceType: z.literal('Patient'),
  ...base,
  birthDate: z.optional(FhirDate),
  gender: z.optional(z.enum(['male', 'female', 'other', 'unknown'])),
  deceasedBoolean: z.optional(z.boolean()),
  deceasedDateTime: z.optional(FhirDateTime),
});
export type Patient = z.infer<typeof Patient>;

export const Condition = z.object({
  resourceType: z.literal('Condition'),
  ...base,
  clinicalStatus: z.optional(CodeableConcept),
  verificationStatus: z.optional(CodeableConcept),
  category: z.optional(z.array(CodeableConcept).check(z.maxLength(100))),
  code: z.optional(CodeableConcept),
  subject: z.optional(Reference),
  onsetDateTime: z.optional(FhirDateTime),
  onsetPeriod: z.optional(Period),
  abatementDateTime: z.optional(FhirDateTime),
  recordedDate: z.optional(FhirDateTime),
});
export type Condition = z.infer<typeof Condition>;

const ReferenceRange = z.object({ low: z.optional(Quantity), high: z.optional(Quantity), text: z.optional(text()) });

export const Observation = z.object({
  resourceType: z.literal('Observation'),
  ...base,
  status: z.enum(['registered', 'preliminary', 'final', 'amended', 'corrected', 'cancelled', 'entered-in-error', 'unknown']),
  category: z.optional(z.array(CodeableConcept).check(z.maxLength(100))),
  code: CodeableConcept,
  subject: z.optional(Reference),
  effectiveDateTime: z.optional(FhirDateTime),
  effectivePeriod: z.optional(Period),
  effectiveInstant: z.optional(FhirDateTime),
  valueQuantity: z.optional(Quantity),
  valueCodeableConcept: z.optional(CodeableConcept),
  valueInteger: z.optional(z.int()),
  valueString: z.optional(text()),
  valueBoolean: z.optional(z.boolean()),
  interpretation: z.optional(z.array(CodeableConcept).check(z.maxLength(100))),
  method: z.optional(CodeableConcept),
  specimen: z.optional(Reference),
  referenceRange: z.optional(z.array(ReferenceRange).check(z.maxLength(100))),
  hasMember: references,
});
export type Observation = z.infer<typeof Observation>;

export const Procedure = z.object({
  resourceType: z.literal('Procedure'),
  ...base,
  status: z.enum(['preparation', 'in-progress', 'not-done', 'on-hold', 'stopped', 'completed', 'entered-in-error', 'unknown']),
  code: z.optional(CodeableConcept),
  subject: z.optional(Reference),
  performedDateTime: z.optional(FhirDateTime),
  performedPeriod: z.optional(Period),
});
export type Procedure = z.infer<typeof Procedure>;

/** A resource of a type the translator does not read: only its type and id are looked at. */
export const OtherResource = z.object({ resourceType: z.string().check(z.regex(/^[A-Z][A-Za-z]{1,63}$/, 'must be a FHIR resource type')), id: z.optional(text(64)) });

export const BUNDLE_TYPES = ['collection', 'transaction', 'batch', 'document', 'searchset'] as const;

/** The envelope; each entry's resource is validated on its own, so errors name the entry. */
export const BundleEnvelope = z.object({
  resourceType: z.literal('Bundle'),
  id: z.optional(text(64)),
  type: z.enum(BUNDLE_TYPES),
  entry: z.optional(
    z.array(z.object({ fullUrl: z.optional(text(4000)), resource: z.optional(z.object({})) })).check(z.maxLength(50_000)),
  ),
});

export type ReadResource = Patient | Condition | Observation | Procedure;

export const RESOURCE_SCHEMAS = { Patient, Condition, Observation, Procedure } as const;
