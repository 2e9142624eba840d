/**
 * `POST /referrals` on the way in, without building zod's schemas for the ordinary request: the body and the
 * Idempotency-Key are accepted by their specs (generated from referral-request.ts and id-schemas.ts, see
 * shared/validation/accept-spec.ts), and the schemas are loaded only to decide and word what the specs leave.
 */
import { acceptBySpec } from '#validation/accept-spec.js';
import type { CheckedShape } from '#validation/checked-shape.js';
import { IDEMPOTENCY_KEY_SPEC, SUBMIT_REFERRAL_REQUEST_SPEC } from '#validation/generated/accept-specs.js';
import type { SubmitReferralRequest } from './referral-request.js';

export const SUBMIT_REFERRAL_REQUEST: CheckedShape<SubmitReferralRequest> = {
  accept: (value) => acceptBySpec<SubmitReferralRequest>(SUBMIT_REFERRAL_REQUEST_SPEC, value),
  schema: async () => (await import('./referral-request.js')).SubmitReferralRequest,
};

export const IDEMPOTENCY_KEY: CheckedShape<string> = {
  accept: (value) => acceptBySpec<string>(IDEMPOTENCY_KEY_SPEC, value),
  schema: async () => (await import('./id-schemas.js')).IdempotencyKey,
};

/** A referral body that carries a bundle (and so is read as one), whatever else is wrong with it. */
export const carriesBundle = (body: unknown): boolean =>
  typeof body === 'object' && body !== null && !Array.isArray(body) && Object.hasOwn(body, 'bundle');
