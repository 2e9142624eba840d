/**
 * A FHIR R4 Bundle → the profile the engine screens, building no zod schema for a well-formed Bundle: the parts and
 * values are accepted by the specs generated from the schemas (spec-checks.ts), and the schemas are loaded, and the
 * translation run again with them, only when the specs meet something they do not accept (a malformed element, a
 * value the profile refuses, which the schemas word). Translation is pure, so the answer is the one
 * `translateBundle` (translate-bundle.ts) gives; a Lambda's cold start is spared building the schemas.
 */
import { SchemasNeeded } from './bundle-checks.js';
import { translateBundleWith } from './bundle-translator.js';
import { SPEC_CHECKS } from './spec-checks.js';
import type { BundleTranslation } from './translation.js';

export async function translateBundleSchemasOnDemand(json: unknown): Promise<BundleTranslation> {
  try {
    return translateBundleWith(json, SPEC_CHECKS);
  } catch (error) {
    if (!(error instanceof SchemasNeeded)) throw error;
    const { SCHEMA_CHECKS } = await import('./schema-checks.js');
    return translateBundleWith(json, SCHEMA_CHECKS);
  }
}
