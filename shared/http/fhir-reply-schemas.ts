/**
 * The shapes of the FHIR routes' replies and of the Bundle referral's, for the OpenAPI document and the e2e check of
 * every reply against it (reply-schemas.ts holds the others). FHIR resources are open by design (extensions, members
 * a client ignores): these name what our replies always carry and what MITRE's clinical-trial-matching-app
 * dereferences, and leave the rest open. The mapping report is ours, and strict.
 */
import * as z from 'zod/mini';
import { BUNDLE_TYPES } from '#fhir/bundle-schema.js';
import { SubmissionReply } from './reply-schemas.js';

const Text = z.looseObject({ text: z.string() });

export const ResearchStudyResource = z.looseObject({
  resourceType: z.literal('ResearchStudy'),
  id: z.string(),
  /** identifier[0] is the NCT number under http://clinicaltrials.gov/ (MITRE's app links it). */
  identifier: z.array(z.looseObject({ system: z.string(), value: z.string() })).check(z.minLength(1)),
  title: z.string(),
  status: z.enum(['active', 'temporarily-closed-to-accrual', 'closed-to-accrual']),
  phase: Text,
  category: z.array(Text),
  enrollment: z.array(z.looseObject({ display: z.string() })).check(z.minLength(1)),
  sponsor: z.looseObject({ reference: z.string() }),
  site: z.array(z.looseObject({ reference: z.string() })),
  contained: z.array(z.looseObject({ resourceType: z.string() })),
});

export const OperationOutcomeResource = z.looseObject({
  resourceType: z.literal('OperationOutcome'),
  issue: z.array(
    z.looseObject({
      severity: z.enum(['fatal', 'error', 'warning', 'information']),
      code: z.string(),
      details: z.optional(Text),
      diagnostics: z.optional(z.string()),
    }),
  ),
});

/** getClinicalTrial's reply: the ResearchStudy (search.mode match, score 0..1) and the screening as an OperationOutcome. */
export const MatchSearchSet = z.looseObject({
  resourceType: z.literal('Bundle'),
  type: z.literal('searchset'),
  total: z.int(),
  entry: z.array(
    z.looseObject({
      fullUrl: z.optional(z.string()),
      resource: z.union([ResearchStudyResource, OperationOutcomeResource]),
      search: z.looseObject({ mode: z.enum(['match', 'outcome']), score: z.optional(z.number().check(z.minimum(0), z.maximum(1))) }),
    }),
  ),
});

/** $match's reply: the searchset as the `trialMatchOutput` parameter. */
export const MatchOutputParameters = z.looseObject({
  resourceType: z.literal('Parameters'),
  parameter: z.array(z.looseObject({ name: z.literal('trialMatchOutput'), resource: MatchSearchSet })).check(z.length(1)),
});

/** The Bundle a matching client sends; the translator validates each element it reads (422 names the element). */
export const FhirBundle = z.looseObject({ resourceType: z.literal('Bundle'), type: z.enum(BUNDLE_TYPES) });

/** $match's request: the Bundle as `trialMatchClinicalData`; other parameters (search criteria) are ignored. */
export const MatchParameters = z.looseObject({
  resourceType: z.literal('Parameters'),
  parameter: z.array(z.looseObject({ name: z.string(), resource: z.optional(z.looseObject({ resourceType: z.string() })) })),
});

const EntryRef = z.strictObject({ entry: z.int(), resourceType: z.string(), id: z.optional(z.string()), fullUrl: z.optional(z.string()) });

/** What a Bundle referral's translation read, from where, and what it could not use (in the reply's language). */
export const MappingReport = z.strictObject({
  provenance: z.array(
    z.strictObject({
      field: z.string(),
      source: EntryRef,
      /** A FHIRPath into the submitted Bundle. */
      path: z.string(),
      coding: z.optional(z.string()),
      note: z.optional(z.string()),
      text: z.optional(z.string()),
    }),
  ),
  notUsed: z.array(
    z.strictObject({ source: EntryRef, codings: z.array(z.string()), reason: z.string(), detail: z.optional(z.string()), text: z.string() }),
  ),
});

/** The 201 of POST /referrals with a Bundle: the submission reply and the mapping report. */
export const BundleSubmissionReply = z.strictObject({ ...SubmissionReply.shape, fhir: MappingReport });
