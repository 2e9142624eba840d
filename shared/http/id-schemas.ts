/**
 * The API's identifiers and the Idempotency-Key header (zod/mini), apart from the other request shapes
 * (schemas.ts re-exports them): the referral request needs TrialId, and importing it from here does not build
 * every query schema at a profile handler's cold start.
 */
import * as z from 'zod/mini';

export const ReferralId = z.uuid();
export const TrialId = z.string().check(z.regex(/^NCT\d{8}$/));
export const SiteId = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,62}$/));
export const IdempotencyKey = z.string().check(z.minLength(8), z.maxLength(128), z.regex(/^[\x21-\x7e]+$/));
