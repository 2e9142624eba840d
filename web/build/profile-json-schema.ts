/**
 * The patient profile as JSON Schema, generated from the zod schema the API validates with. The web form is built
 * from it. Date patterns are dropped: `format: date` says the same, and the browser's date input enforces it.
 */
import * as z from 'zod/mini';
import { PatientProfile } from '#profile/schema.js';
import type { JsonSchema } from '#web/src/form/json-schema.js';

/** Drops regular expressions (`pattern`), `$schema` and `additionalProperties`; a property named `pattern` stays. */
function withoutPatterns(node: unknown, isPropertyMap = false): unknown {
  if (Array.isArray(node)) return node.map((item) => withoutPatterns(item));
  if (typeof node !== 'object' || node === null) return node;
  const entries = Object.entries(node as Record<string, unknown>)
    .filter(([key]) => isPropertyMap || (key !== 'pattern' && key !== '$schema' && key !== 'additionalProperties'))
    .map(([key, value]) => [key, withoutPatterns(value, !isPropertyMap && key === 'properties')]);
  return Object.fromEntries(entries);
}

export function profileJsonSchema(): JsonSchema {
  return withoutPatterns(z.toJSONSchema(PatientProfile, { unrepresentable: 'any' })) as JsonSchema;
}
