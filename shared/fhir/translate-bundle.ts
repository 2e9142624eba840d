/**
 * A FHIR R4 Bundle → the profile the engine screens (bundle-translator.ts), with the zod schemas deciding and wording
 * every part and value, synchronously: for the web app, the CLI and the benchmark. A Lambda uses
 * translate-bundle-on-demand.ts, which gives the same answer without building a schema for a well-formed Bundle.
 */
import { translateBundleWith } from './bundle-translator.js';
import { SCHEMA_CHECKS } from './schema-checks.js';
import type { BundleTranslation } from './translation.js';

export function translateBundle(json: unknown): BundleTranslation {
  return translateBundleWith(json, SCHEMA_CHECKS);
}
