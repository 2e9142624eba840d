/** The body of `POST /referrals` (zod/mini): a trial, the pre-screening attestation, and the patient profile. */
import * as z from 'zod/mini';
import { PatientProfile } from '#profile/schema.js';
import { TrialId } from './id-schemas.js';

export const SubmitReferralRequest = z.strictObject({
  trialId: TrialId,
  /** The physician attests that the patient agreed to be pre-screened for this trial. Must be true. */
  prescreeningConsent: z.strictObject({ attested: z.literal(true) }),
  profile: PatientProfile,
});
export type SubmitReferralRequest = z.infer<typeof SubmitReferralRequest>;
