/**
 * How a translation checks what it reads (the Bundle's parts, each profile value, the profile it builds), so that
 * the same pure translation runs with the zod schemas (schema-checks.ts: every verdict worded, as the web app and the
 * CLI need) or with the specs generated from them (spec-checks.ts: no schema built, as a Lambda's cold start needs).
 * The spec checks only ever accept; at the first thing they would refuse they give up (`SchemasNeeded`), and the
 * translation is run again with the schemas, which decide and word it. Translation is pure, so the second run is the
 * answer the schemas alone would give.
 */
import type * as z from 'zod/mini';
import type { PatientProfile } from '#profile/schema.js';

/** The resource types the translator reads (bundle-schema.ts has a schema for each). */
export const READ_RESOURCE_TYPES = ['Patient', 'Condition', 'Observation', 'Procedure'] as const;

/** A part of a Bundle the translator checks: the envelope, a resource of a type it reads, or any other resource. */
export type BundlePart = 'envelope' | (typeof READ_RESOURCE_TYPES)[number] | 'other';

/** A schema's verdict on one part of the Bundle, worded on demand in any language (read-bundle.ts). */
export interface PartFailure {
  readonly issues: readonly z.core.$ZodIssue[];
  readonly value: unknown;
  readonly prefix: string;
}

export interface BundleChecks {
  /** Undefined when `value` is a well-formed `part`; otherwise what is wrong with it. */
  part(part: BundlePart, value: unknown, prefix: string): PartFailure | undefined;
  /** Undefined when the profile accepts `value` at the dotted `field`; otherwise the profile's message. */
  profileField(field: string, value: unknown): string | undefined;
  /** What the profile schema's parse returns for `draft`, whose values were each checked already. */
  profile(draft: unknown): PatientProfile;
}

/** The spec checks met something they do not accept: the schemas must decide. Never escapes translation. */
export class SchemasNeeded extends Error {
  constructor() {
    super('the schemas decide this Bundle');
    this.name = 'SchemasNeeded';
  }
}
