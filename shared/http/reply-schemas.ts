/**
 * The shapes of the API's replies (zod/mini), for the OpenAPI document and for the tests that check every reply
 * against it. The handlers build replies from views (shared/referral/views.ts); these schemas say what those views
 * are, strictly, so a view that changes without its schema fails the e2e suite. The screening result, which the
 * engine's work is changing most, is described once (ScreeningView) and used everywhere it appears.
 */
import * as z from 'zod/mini';
import { AUDIT_ACTIONS } from '#referral/audit-entry.js';
import { PatientProfile } from '#profile/schema.js';
import { CANDIDATE_STATUSES } from '#referral/record.js';
import { Reason } from './reason-schemas.js';
import { ReferralId, SiteId, TrialId } from './schemas.js';

const Instant = z.iso.datetime();
const Day = z.iso.date();
const Verdict = z.enum(['eligible', 'potential', 'ineligible']);
const CandidateStatus = z.enum(CANDIDATE_STATUSES);

// ---- The screening result: the one place to change when the engine's result changes. ----

export const DataRequest = z.strictObject({
  field: z.string(),
  criterionId: z.string(),
  problem: z.enum(['missing', 'stale', 'incomplete', 'follow-up', 'site-review']),
  /** What would resolve it, as a key of the message catalogues. */
  need: z.string(),
  windowDays: z.optional(z.int()),
  since: z.optional(Day),
  check: z.optional(Day),
  /** The need in the reply's language. */
  request: z.string(),
});

export const CriterionResult = z.strictObject({
  id: z.string(),
  kind: z.enum(['inclusion', 'exclusion']),
  /** The record's own words (English). */
  text: z.string(),
  /** The criterion in the reply's language, when that is not English (a translation). */
  translatedText: z.optional(z.string()),
  /** Inclusions: met / not_met / unknown. Exclusions: clear / excluded / unknown. */
  outcome: z.enum(['met', 'not_met', 'unknown', 'clear', 'excluded']),
  /** Why, as data: stable codes and the values they cite. */
  reasons: z.array(Reason),
  /** The reasons in the reply's language. */
  reason: z.string(),
  siteVerified: z.boolean(),
  missing: z.array(DataRequest),
});

/**
 * A screening as the API shows it (screeningView). Results stored under criteria version 1 (English `reason` text,
 * no `reasons`) are shown as stored until the schedule rescreens them, within one run of the schedule.
 */
export const ScreeningView = z.strictObject({
  asOf: Day,
  criteriaVersion: z.int(),
  verdict: Verdict,
  /** The verdict in the reply's language: a pre-screen, which the site confirms. */
  verdictLabel: z.string(),
  score: z.number().check(z.minimum(0), z.maximum(100)),
  /** The first day any criterion's outcome can change with no new data. */
  reviewAt: z.nullable(Day),
  /** The first day the verdict can change with no new data: when the schedule rescreens; null when only new data can. */
  rescreenAt: z.nullable(Day),
  language: z.enum(['en', 'zh-CN']),
  criteria: z.array(CriterionResult),
  missingData: z.array(DataRequest),
});

// ---- Referrals ----

const Intake = {
  status: z.enum(['active', 'incomplete']),
  /** Present while the referral lacks the trial's minimum data: the site is not told of it yet. */
  incomplete: z.optional(z.strictObject({ missing: z.array(z.string()), notice: z.string() })),
};

/** The 201 of POST /referrals: the referral's id and its first screening. */
export const SubmissionReply = z.strictObject({
  id: ReferralId,
  ...Intake,
  version: z.int(),
  trialId: TrialId,
  siteId: SiteId,
  createdAt: Instant,
  ...ScreeningView.shape,
  /** Present when recruitment is closed: the site is not being told of new candidates. */
  recruitment: z.optional(z.strictObject({ status: z.enum(['open', 'paused', 'full']), notice: z.string() })),
});

export const ScreeningEntry = z.strictObject({
  at: Instant,
  asOf: Day,
  trigger: z.enum(['submitted', 'updated', 'time-passed', 'criteria-changed']),
  criteriaVersion: z.int(),
  verdict: Verdict,
  score: z.number(),
  changed: z.array(z.string()),
});

/** GET /referrals/{referralId}: the referring physician's full view. */
export const ReferralView = z.strictObject({
  id: ReferralId,
  ...Intake,
  trialId: TrialId,
  siteId: SiteId,
  version: z.int(),
  createdAt: Instant,
  updatedAt: Instant,
  profile: PatientProfile,
  screening: ScreeningView,
  history: z.array(ScreeningEntry),
  site: z.strictObject({ candidateStatus: z.nullable(CandidateStatus), notified: z.boolean() }),
});

/** What is left of a withdrawn referral: who referred whom, and when. */
export const TombstoneView = z.strictObject({
  id: ReferralId,
  status: z.literal('withdrawn'),
  trialId: TrialId,
  siteId: SiteId,
  createdAt: Instant,
  withdrawnAt: Instant,
});

export const ReferralSummary = z.union([
  z.strictObject({
    id: ReferralId,
    status: z.enum(['active', 'incomplete']),
    trialId: TrialId,
    version: z.int(),
    createdAt: Instant,
    updatedAt: Instant,
    verdict: Verdict,
    score: z.number(),
    missingData: z.int(),
    candidateStatus: z.nullable(CandidateStatus),
  }),
  TombstoneView,
]);

/** A page of a listing; `cursor` (opaque) is absent on the last page. */
const pageOf = <T extends z.ZodMiniType>(item: T) => z.strictObject({ items: z.array(item), cursor: z.optional(z.string()) });

export const ReferralPage = pageOf(ReferralSummary);

// ---- The site's inbox ----

/** A line of the inbox: the minimum to triage a candidate. */
export const CandidateSummary = z.strictObject({
  referralId: ReferralId,
  trialId: TrialId,
  status: z.nullable(CandidateStatus),
  statusSince: z.nullable(Instant),
  age: z.nullable(z.int()),
  verdict: Verdict,
  score: z.number(),
  missingData: z.int(),
  screenedOn: Day,
  updatedAt: Instant,
});

export const CandidatePage = pageOf(CandidateSummary);

/** One candidate in full, read on demand. */
export const CandidateView = z.strictObject({
  referralId: ReferralId,
  trialId: TrialId,
  status: z.nullable(CandidateStatus),
  statusSince: z.nullable(Instant),
  referringPhysician: z.string(),
  verdict: Verdict,
  score: z.number(),
  screening: ScreeningView,
  profile: PatientProfile,
  updatedAt: Instant,
});

// ---- The trial, the audit trail ----

export const TrialView = z.strictObject({
  id: TrialId,
  title: z.string(),
  sponsor: z.string(),
  phase: z.string(),
  conditions: z.array(z.string()),
  registryStatus: z.string(),
  targetEnrollment: z.optional(z.int()),
  dose: z.strictObject({ min: z.number(), max: z.number(), unit: z.string(), schedule: z.string() }),
  sites: z.array(
    z.strictObject({ id: SiteId, name: z.string(), city: z.string(), region: z.string(), country: z.string(), timeZone: z.string() }),
  ),
  criteriaVersion: z.int(),
  recruitment: z.strictObject({ status: z.enum(['open', 'paused', 'full']), enrolled: z.int(), target: z.int() }),
  parameters: z.record(
    z.string(),
    z.strictObject({
      value: z.union([z.number(), z.string(), z.boolean(), z.record(z.string(), z.number())]),
      unit: z.optional(z.string()),
      reading: z.string(),
    }),
  ),
  criteria: z.array(z.strictObject({ id: z.string(), kind: z.enum(['inclusion', 'exclusion']), text: z.string(), siteVerified: z.boolean() })),
});

export const AuditEntryView = z.strictObject({
  siteId: SiteId,
  at: Instant,
  actor: z.string(),
  role: z.enum(['physician', 'coordinator']),
  action: z.enum(AUDIT_ACTIONS),
  purpose: z.enum(['TREAT', 'CLINTRCH']),
  referralIds: z.array(ReferralId),
});

export const AuditPage = pageOf(AuditEntryView);

// ---- Errors ----

/** RFC 9457 problem details. Members beyond these are extensions (the allowed moves of a candidate, a tombstone). */
export const Problem = z.looseObject({
  type: z.url(),
  title: z.string(),
  status: z.int().check(z.minimum(400), z.maximum(599)),
  detail: z.optional(z.string()),
  /** Each bad field (at most 20 are listed). */
  errors: z.optional(z.array(z.strictObject({ field: z.string(), message: z.string() }))),
  /** How many errors there were, when more than the ones listed. */
  errorCount: z.optional(z.int()),
});
