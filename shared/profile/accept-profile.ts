/**
 * The patient profile on the way in: accepted by its spec (generated from schema.ts) without building the zod
 * schema, which is loaded only to decide and word what the spec leaves (see shared/validation/accept-spec.ts).
 */
import { acceptBySpec } from '#validation/accept-spec.js';
import type { CheckedShape } from '#validation/checked-shape.js';
import { PATIENT_PROFILE_SPEC } from '#validation/generated/accept-specs.js';
import type { PatientProfile } from './schema.js';

export const PATIENT_PROFILE: CheckedShape<PatientProfile> = {
  accept: (value) => acceptBySpec<PatientProfile>(PATIENT_PROFILE_SPEC, value),
  schema: async () => (await import('./schema.js')).PatientProfile,
};
