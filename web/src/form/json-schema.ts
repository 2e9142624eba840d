/**
 * The subset of JSON Schema (draft 2020-12) that `z.toJSONSchema` produces for the patient profile, and the only
 * part the form reads. The schema itself is generated from the zod schema when the app is built
 * (web/build/profile-json-schema.ts), so the form cannot drift from what the API validates.
 */
export interface JsonSchema {
  readonly type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean';
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly anyOf?: readonly JsonSchema[];
  readonly enum?: readonly (string | number | boolean)[];
  readonly format?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
}
