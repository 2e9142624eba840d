/**
 * Request shapes of the API (zod/mini): validated at the edge, and the source of the OpenAPI document.
 * The patient profile's request lives apart (referral-request.ts): building that schema is most of zod's init
 * cost, and only the handlers that accept a profile should pay it at cold start.
 */
import * as z from 'zod/mini';
import { CANDIDATE_STATUSES } from '#referral/record.js';

export const ReferralId = z.uuid();
export const TrialId = z.string().check(z.regex(/^NCT\d{8}$/));
export const SiteId = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,62}$/));
export const IdempotencyKey = z.string().check(z.minLength(8), z.maxLength(128), z.regex(/^[\x21-\x7e]+$/));

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
