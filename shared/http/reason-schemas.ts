/**
 * The structured reasons of a screening (shared/screening/reasons.ts) as reply schemas: one object per reason
 * code, strictly, so the OpenAPI document tells a client exactly what each code carries, and a reason that changes
 * without its schema fails the e2e suite.
 */
import * as z from 'zod/mini';

const Day = z.iso.date();
const Comparator = z.enum(['>', '>=', '<', '<=']);
const Measured = z.strictObject({ value: z.number(), unit: z.string(), converted: z.optional(z.number()) });
const subject = z.string();
const reason = <C extends string, S extends z.core.$ZodLooseShape>(code: C, shape: S) => z.strictObject({ code: z.literal(code), ...shape });

export const Reason = z.discriminatedUnion('code', [
  reason('not-reported', { subject }),
  reason('stale', { subject, date: Day, windowDays: z.int() }),
  reason('future-dated', { subject, date: Day, asOf: Day }),
  reason('unit-unsupported', { subject, unit: z.string() }),
  reason('measured', {
    subject,
    measured: Measured,
    date: z.optional(Day),
    comparator: Comparator,
    limit: z.number(),
    limitUnit: z.string(),
    passes: z.boolean(),
    method: z.optional(z.string()),
    corrected: z.optional(z.boolean()),
  }),
  reason('below-correctable', { subject, measured: Measured, date: Day, limit: z.number(), limitUnit: z.string() }),
  reason('uln-multiple', {
    subject,
    measured: Measured,
    date: Day,
    uln: z.number(),
    ulnUnit: z.string(),
    ratio: z.number(),
    maxMultiple: z.number(),
    passes: z.boolean(),
  }),
  reason('uln-assumed', { subject, measured: Measured, date: Day, lowestUln: z.number(), ulnUnit: z.string(), maxMultiple: z.number() }),
  reason('uln-missing', { subject, measured: Measured, date: Day }),
  reason('category', { subject, value: z.string() }),
  reason('condition', { subject, status: z.enum(['present', 'absent']), assessedOn: z.optional(Day) }),
  reason('condition-undated', { subject, status: z.enum(['present', 'absent']) }),
  reason('site-review', { subject, assessedOn: z.optional(Day) }),
  reason('age', { years: z.int(), min: z.int(), max: z.int(), position: z.enum(['below', 'within', 'above']) }),
  reason('birth-date-after-screening', { asOf: Day }),
  reason('event-within', { subject, date: Day, months: z.int(), until: Day }),
  reason('event-before', { subject, date: Day, months: z.int() }),
  reason('event-undated', { subject }),
  reason('af-remote-paroxysmal', { lastEpisodeOn: Day, months: z.int() }),
  reason('af-current', { pattern: z.enum(['paroxysmal', 'persistent', 'permanent', 'unspecified']), lastEpisodeOn: z.optional(Day) }),
  reason('qtc', { value: z.number(), date: Day, limit: z.number(), basis: z.enum(['child', 'female', 'male']), passes: z.boolean() }),
  reason('qtc-between-limits', { value: z.number(), date: Day, low: z.number(), high: z.number() }),
  reason('qtc-outside-every-limit', { value: z.number(), date: Day, limit: z.number(), passes: z.boolean() }),
  reason('performance', {
    scale: z.enum(['ecog', 'karnofsky', 'lansky']),
    score: z.int(),
    date: Day,
    limit: z.int(),
    passes: z.boolean(),
  }),
  reason('lansky-not-applicable', { score: z.int(), date: Day, ageKnown: z.boolean(), underYears: z.int() }),
  reason('no-heart-failure', { assessedOn: z.optional(Day) }),
  reason('heart-failure-without-class', {}),
  reason('hsct-is-not-solid-organ', { date: z.optional(Day) }),
  reason('consent', { status: z.enum(['signed', 'declined', 'pending']), signedBy: z.optional(z.string()), assent: z.optional(z.string()) }),
  reason('consent-minor-needs-guardian', { adultAge: z.int() }),
  reason('assent-declined', {}),
  reason('hepatitis-b', {
    finding: z.enum(['replicating', 'chronic-without-replication', 'resolved', 'never-infected', 'hbsag-negative', 'dna-needed', 'hbsag-needed']),
    date: Day,
  }),
  reason('hepatitis-c', { finding: z.enum(['viremic', 'cleared', 'rna-negative', 'never-infected', 'rna-needed']), date: Day }),
  reason('hiv', { finding: z.enum(['confirmed', 'reactive-unconfirmed', 'non-reactive']), date: Day }),
  reason('viral-load', { subject, detected: z.boolean(), value: z.optional(z.number()), unit: z.optional(z.string()), date: Day }),
]);
