/**
 * The Bundle translation without schemas (translate-bundle-on-demand.ts, spec-checks.ts) against the one with them
 * (translate-bundle.ts): on the public fixtures and on the same Bundles broken at one place (a malformed element, a
 * value the profile refuses, a part of the wrong type), the answer is the same, profile, provenance and what was not
 * used, or the same refusal with the same errors in both languages. And each resource spec accepts exactly what its
 * schema accepts.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { READ_RESOURCE_TYPES, SchemasNeeded, type BundlePart } from '#fhir/bundle-checks.js';
import { BundleRejected } from '#fhir/read-bundle.js';
import { PART_SCHEMAS } from '#fhir/schema-checks.js';
import { PART_SPECS, SPEC_CHECKS } from '#fhir/spec-checks.js';
import { translateBundle } from '#fhir/translate-bundle.js';
import { translateBundleSchemasOnDemand } from '#fhir/translate-bundle-on-demand.js';
import { acceptBySpec } from '#validation/accept-spec.js';
import { ADULT_T_ALL, ALL_WITHOUT_LINEAGE, CHILD_T_LBL, MITRE_FIXTURE, readJson } from '#test/support/fhir-bundles.js';
import { changedAt, placesOf } from '#test/support/broken-at-one-place.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const FIXTURES = [ADULT_T_ALL, CHILD_T_LBL, ALL_WITHOUT_LINEAGE, MITRE_FIXTURE].map((path) => readJson(path) as { entry?: { resource?: Json }[] });

/** Values one step off: wrong types, impossible dates, numbers a lab or the profile refuses, unknown codes. */
const NEAR_MISSES: readonly unknown[] = [
  null, true, 0, -1, 0.5, 1e-10, 1e10, 101, 1200, 2 ** 53, '', 'x', '2026', '2026-02', '2023-02-29', '2024-02-29', '2026-13-01',
  '2026-11-20T08:30:00Z', '2026-11-20T25:00:00+08:00', 'final', 'unknown', 'Observation', 'Patient', 'mg/dL', 'g/L', '%',
  'a'.repeat(65), 'a'.repeat(201), [], [{}], {}, { unknownMember: 1 },
];

const RESOURCES = FIXTURES.flatMap((bundle) => (bundle.entry ?? []).flatMap((entry) => (entry.resource === undefined ? [] : [entry.resource])));

const nearBundles = fc.constantFrom(...FIXTURES).chain((bundle) => {
  const paths = placesOf(bundle);
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant<unknown>(bundle) },
    {
      weight: 6,
      arbitrary: fc
        .tuple(fc.constantFrom(...paths), fc.constantFrom(...NEAR_MISSES), fc.boolean())
        .map(([path, replacement, add]) => changedAt(bundle, path, replacement, add)),
    },
  );
});

/** What a translation gives, comparable: the translation as JSON, or the refusal in both languages. */
function outcomeOf(translate: () => unknown): unknown {
  try {
    return { translation: JSON.stringify(translate()) };
  } catch (error) {
    if (!(error instanceof BundleRejected)) throw error;
    return { status: error.status, detail: error.detail, en: error.errorsIn('en'), zh: error.errorsIn('zh-CN'), detailZh: error.detailIn('zh-CN') };
  }
}

async function outcomeOnDemand(bundle: unknown): Promise<unknown> {
  try {
    return { translation: JSON.stringify(await translateBundleSchemasOnDemand(bundle)) };
  } catch (error) {
    if (!(error instanceof BundleRejected)) throw error;
    return { status: error.status, detail: error.detail, en: error.errorsIn('en'), zh: error.errorsIn('zh-CN'), detailZh: error.detailIn('zh-CN') };
  }
}

describe('translating a Bundle with the schemas only on demand', () => {
  it('gives the fixtures the same translation, building no schema for them', async () => {
    for (const bundle of FIXTURES) {
      expect(await outcomeOnDemand(bundle)).toEqual(outcomeOf(() => translateBundle(bundle)));
    }
    // The specs alone translate the adult and child fixtures: no refusal, no value the profile refuses.
    const { translateBundleWith } = await import('#fhir/bundle-translator.js');
    for (const path of [ADULT_T_ALL, CHILD_T_LBL]) expect(() => translateBundleWith(readJson(path), SPEC_CHECKS)).not.toThrow();
  });

  test.prop([nearBundles], { numRuns: 400 })('gives a Bundle broken at one place the same answer, or the same refusal', async (bundle) => {
    expect(await outcomeOnDemand(bundle)).toEqual(outcomeOf(() => translateBundle(bundle)));
  });

  it('hands the schemas what the specs do not accept, and answers as they do', async () => {
    const { translateBundleWith } = await import('#fhir/bundle-translator.js');
    const adult = FIXTURES[0];
    const patientAt = (adult?.entry ?? []).findIndex((entry) => (entry.resource as { resourceType?: string } | undefined)?.resourceType === 'Patient');
    expect(patientAt).toBeGreaterThanOrEqual(0);
    const malformed = changedAt(adult, ['entry', patientAt, 'resource', 'birthDate'], 'not a date', false);
    expect(() => translateBundleWith(malformed, SPEC_CHECKS)).toThrow(SchemasNeeded);
    const answer = await outcomeOnDemand(malformed);
    expect(answer).toMatchObject({ status: 422 });
    expect(answer).toEqual(outcomeOf(() => translateBundle(malformed)));
  });
});

describe('the FHIR resource specs', () => {
  // The pairs the two checks use: a spec paired with the wrong schema would fail here.
  const resourceParts: readonly BundlePart[] = [...READ_RESOURCE_TYPES, 'other'];
  const nearResources = fc.constantFrom(...RESOURCES).chain((resource) =>
    fc.oneof(
      fc.constant<unknown>(resource),
      fc.tuple(fc.constantFrom(...placesOf(resource)), fc.constantFrom(...NEAR_MISSES), fc.boolean()).map(([path, replacement, add]) => changedAt(resource, path, replacement, add)),
    ),
  );

  test.prop([nearResources], { numRuns: 3000 })("each: the schema's parse, or nothing when it refuses", (resource) => {
    for (const part of resourceParts) {
      const parsed = PART_SCHEMAS[part].safeParse(resource);
      expect(JSON.stringify(acceptBySpec(PART_SPECS[part], resource)), part).toBe(parsed.success ? JSON.stringify(parsed.data) : undefined);
    }
  });

  test.prop([fc.constantFrom(...FIXTURES).chain((bundle) => fc.oneof(fc.constant<unknown>(bundle), fc.constantFrom(...NEAR_MISSES).map((type) => ({ ...bundle, type }))))], {
    numRuns: 200,
  })("the envelope: the schema's parse, or nothing when it refuses", (bundle) => {
    const parsed = PART_SCHEMAS.envelope.safeParse(bundle);
    expect(JSON.stringify(acceptBySpec(PART_SPECS.envelope, bundle))).toBe(parsed.success ? JSON.stringify(parsed.data) : undefined);
  });
});
