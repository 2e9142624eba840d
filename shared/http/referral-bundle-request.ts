/**
 * `POST /referrals` with a FHIR Bundle in place of `profile`: the same trial and pre-screening attestation, and the
 * Bundle the hospital's system exported. The Bundle is translated at the edge (shared/fhir) into the profile the
 * referral stores and the engine screens; the mapping report goes back in the reply.
 */
import * as z from 'zod/mini';
import { TrialId } from './id-schemas.js';

export const SubmitBundleReferralRequest = z.strictObject({
  trialId: TrialId,
  prescreeningConsent: z.strictObject({ attested: z.literal(true) }),
  /** A FHIR R4 Bundle (collection, transaction, batch, document or searchset); validated by the translator. */
  bundle: z.looseObject({ resourceType: z.literal('Bundle') }),
});

