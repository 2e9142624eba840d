/** The bundle checks with the zod schemas (see bundle-checks.ts): every verdict decided and worded by them. */
import * as z from 'zod/mini';
import { PatientProfile } from '#profile/schema.js';
import { describeIssues } from '#validation/describe-issues.js';
import { BundleEnvelope, Condition, Observation, OtherResource, Patient, Procedure } from './bundle-schema.js';
import type { BundleChecks, BundlePart } from './bundle-checks.js';

type Schema = z.ZodMiniType;

export const PART_SCHEMAS: Readonly<Record<BundlePart, Schema>> = {
  envelope: BundleEnvelope,
  Patient,
  Condition,
  Observation,
  Procedure,
  other: OtherResource,
};

const fieldSchemas = new Map<string, Schema>();

/** The schema of the profile field at a dotted path, through the optional wrappers of the profile's objects. */
function schemaAt(field: string): Schema {
  let found = fieldSchemas.get(field);
  if (found) return found;
  let node: Schema = PatientProfile;
  for (const key of field.split('.')) {
    while (node instanceof z.ZodMiniOptional) node = node.def.innerType as Schema;
    if (!(node instanceof z.ZodMiniObject)) throw new Error(`no profile field ${field}`);
    const next = (node.shape as Record<string, Schema>)[key];
    if (next === undefined) throw new Error(`no profile field ${field}`);
    node = next;
  }
  while (node instanceof z.ZodMiniOptional) node = node.def.innerType as Schema;
  found = node;
  fieldSchemas.set(field, found);
  return found;
}

export const SCHEMA_CHECKS: BundleChecks = {
  part(part, value, prefix) {
    const result = PART_SCHEMAS[part].safeParse(value);
    return result.success ? undefined : { issues: result.error.issues, value, prefix };
  },
  profileField(field, value) {
    const result = schemaAt(field).safeParse(value);
    if (result.success) return undefined;
    return describeIssues(result.error.issues, value)
      .map((issue) => `${issue.field === '' ? field : `${field}.${issue.field}`}: ${issue.message}`)
      .join('; ');
  },
  profile: (draft) => PatientProfile.parse(draft),
};
