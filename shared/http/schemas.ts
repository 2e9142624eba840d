/**
 * Request shapes of the API (zod/mini): validated at the edge, and the source of the OpenAPI document.
 * The patient profile's request lives apart (referral-request.ts): building that schema is most of zod's init
 * cost, and only the handlers that accept a profile should pay it at cold start. The handlers check ids, queries
 * and small bodies by hand first (request-checks.ts) and load these schemas only for a request that fails.
 */
import * as z from 'zod/mini';
import { CANDIDATE_STATUSES } from '#referral/record.js';
import { ReferralId } from './id-schemas.js';

export { IdempotencyKey, ReferralId, SiteId, TrialId } from './id-schemas.js';

export const MoveCandidateRequest = z.strictObject({
  status: z.enum(CANDIDATE_STATUSES),
});

export const UpdateTrialRequest = z.strictObject({
  recruitment: z.enum(['open', 'paused']),
});

const Limit = z.optional(
  z.pipe(
    z.string().check(z.regex(/^\d{1,3}$/)),
    z.transform((s) => Number(s)),
  ).check(z.refine((n) => n >= 1 && n <= 100, { message: 'limit must be between 1 and 100' })),
);
const Cursor = z.optional(z.string().check(z.maxLength(2048)));

export const ListReferralsQuery = z.strictObject({ limit: Limit, cursor: Cursor });
export const ListCandidatesQuery = z.strictObject({
  limit: Limit,
  cursor: Cursor,
  status: z.optional(z.enum(CANDIDATE_STATUSES)),
});

const Instant = z.optional(z.iso.datetime());
export const ListAuditQuery = z.strictObject({
  limit: Limit,
  cursor: Cursor,
  referralId: z.optional(ReferralId),
  from: Instant,
  to: Instant,
});
