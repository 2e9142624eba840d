/**
 * The bundle checks without zod (see bundle-checks.ts): each part and value accepted by the specs generated from the
 * schemas, and `SchemasNeeded` at the first one they do not accept.
 */
import type { PatientProfile } from '#profile/schema.js';
import { acceptBySpec, type AcceptSpec } from '#validation/accept-spec.js';
import { PATIENT_PROFILE_SPEC } from '#validation/generated/accept-specs.js';
import {
  BUNDLE_ENVELOPE_SPEC,
  CONDITION_SPEC,
  OBSERVATION_SPEC,
  OTHER_RESOURCE_SPEC,
  PATIENT_SPEC,
  PROCEDURE_SPEC,
} from '#validation/generated/fhir-accept-specs.js';
import { SchemasNeeded, type BundleChecks, type BundlePart } from './bundle-checks.js';

/** Each part's spec: the one generated from the schema schema-checks.ts pairs with the same part. */
export const PART_SPECS: Readonly<Record<BundlePart, AcceptSpec>> = {
  envelope: BUNDLE_ENVELOPE_SPEC,
  Patient: PATIENT_SPEC,
  Condition: CONDITION_SPEC,
  Observation: OBSERVATION_SPEC,
  Procedure: PROCEDURE_SPEC,
  other: OTHER_RESOURCE_SPEC,
};

const fieldSpecs = new Map<string, AcceptSpec>();

/** The spec of the profile field at a dotted path (optional members are specs of their own value). */
function specAt(field: string): AcceptSpec {
  let found = fieldSpecs.get(field);
  if (found) return found;
  let node: AcceptSpec = PATIENT_PROFILE_SPEC;
  for (const key of field.split('.')) {
    const member = node.kind === 'object' ? node.members.find((candidate) => candidate.key === key) : undefined;
    if (member === undefined) throw new Error(`no profile field ${field}`);
    node = member.spec;
  }
  found = node;
  fieldSpecs.set(field, found);
  return found;
}

function accepted<T>(spec: AcceptSpec, value: unknown): T {
  const result = acceptBySpec<T>(spec, value);
  if (result === undefined) throw new SchemasNeeded();
  return result;
}

export const SPEC_CHECKS: BundleChecks = {
  part(part, value) {
    accepted(PART_SPECS[part], value);
    return undefined;
  },
  profileField(field, value) {
    accepted(specAt(field), value);
    return undefined;
  },
  profile: (draft) => accepted<PatientProfile>(PATIENT_PROFILE_SPEC, draft),
};
