/**
 * The accept specs (shared/validation/accept-spec.ts) against the zod schemas they are generated from: the
 * committed file is what the generator writes from today's schemas; on JSON bodies generated from the schema
 * (every profile field, crowded at its boundaries) and on the same bodies broken at one place, each spec returns
 * exactly what the schema's parse returns, members in the same order, or nothing when the schema refuses. On values
 * JSON cannot carry (an explicit undefined, a class instance) it may say nothing where the schema accepts (the schema
 * then decides), never the reverse.
 */
import { readFileSync } from 'node:fs';
import { fc, test } from '@fast-check/vitest';
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { IdempotencyKey } from '#http/id-schemas.js';
import { IDEMPOTENCY_KEY, SUBMIT_REFERRAL_REQUEST } from '#http/referral-request-checks.js';
import { SubmitReferralRequest } from '#http/referral-request.js';
import { PATIENT_PROFILE } from '#profile/accept-profile.js';
import { PatientProfile } from '#profile/schema.js';
import { GENERATED_FILES, generateAcceptSpecs, specOf } from '#scripts/generate-accept-specs.js';
import { acceptBySpec } from '#validation/accept-spec.js';
import { eligibleProfile, profileArbitrary } from '#test/support/profiles.js';
import { changedAt, placesOf } from '#test/support/broken-at-one-place.js';

const AS_OF = '2026-11-20';

/** What the schema's parse returns, as JSON (so member order counts), or undefined when it refuses. */
const parsedBy = (schema: z.ZodMiniType, value: unknown): string | undefined => {
  const result = schema.safeParse(value);
  return result.success ? JSON.stringify(result.data) : undefined;
};
const json = (value: unknown): string | undefined => (value === undefined ? undefined : JSON.stringify(value));
/** What a handler sees of `value`: JSON.parse of its JSON (no undefined, no infinities, plain objects). */
const overTheWire = (value: unknown): unknown => (value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown));

/** Values one step off what a schema accepts: wrong types, bounds, calendar dates, units, code points, keys. */
const NEAR_MISSES: readonly unknown[] = [
  null, true, false, 0, -1, -0, 0.5, 1e-10, 1e-9, 1e9, 1e9 + 1, Infinity, Number.NaN, -1e-9, 5.5, 6, 10, 11, 95, 100, 101, 105, 199, 200, 800, 801,
  2 ** 53, '', 'x', '2023-02-29', '2024-02-29', '2026-13-01', '2026-04-31', '2026-1-01', '2026-11-20T00:00:00Z', 'kg', 'mg/dL', 'g/L', 'µmol/L',
  'constructor', '__proto__', 'present', 'CD7', 'T-ALL', '\ud83d\ude00'.repeat(64), 'a'.repeat(65), 'a'.repeat(201), '\ud83d\ude00'.repeat(101),
  [], [{}], {}, { unknownMember: 1 }, undefined,
];

/** A profile generated from the schema's arbitrary, and often the same profile broken at one place. */
const nearProfiles = profileArbitrary(AS_OF).chain((profile) => {
  const paths = placesOf(profile);
  if (paths.length === 0) return fc.constant<unknown>(profile);
  return fc.oneof(
    fc.constant<unknown>(profile),
    fc
      .tuple(fc.constantFrom(...paths), fc.constantFrom(...NEAR_MISSES), fc.boolean())
      .map(([path, replacement, add]) => changedAt(profile, path, replacement, add)),
    // A range's ends swapped: the one refinement across members.
    fc.constant<unknown>(profile).map((p) => {
      const range = (p as { demographics?: { birthDateRange?: { earliest: string; latest: string } } }).demographics?.birthDateRange;
      return range === undefined ? p : changedAt(p, ['demographics', 'birthDateRange'], { earliest: range.latest, latest: range.earliest }, false);
    }),
  );
});

describe('generated accept specs', () => {
  it("are what the generator writes from today's schemas (run `npm run generate:accept-specs` if this fails)", () => {
    for (const { file, specs } of GENERATED_FILES) expect(readFileSync(file, 'utf8'), file).toBe(generateAcceptSpecs(specs));
  });

  test.prop([nearProfiles], { numRuns: 3000 })("the profile: the schema's parse, or nothing when it refuses", (sent) => {
    const profile = overTheWire(sent);
    expect(json(PATIENT_PROFILE.accept(profile))).toBe(parsedBy(PatientProfile, profile));
    // Before JSON: an explicit undefined, an infinity, a NaN. Never accepted where the schema refuses.
    const accepted = PATIENT_PROFILE.accept(sent);
    if (accepted !== undefined) expect(json(accepted)).toBe(parsedBy(PatientProfile, sent));
  });

  test.prop(
    [
      nearProfiles,
      fc.constantFrom<unknown>('NCT05212584', 'NCT0521258', 'nct05212584', 5212584),
      fc.constantFrom<unknown>({ attested: true }, { attested: false }, { attested: 'true' }, {}, true, { attested: true, by: 'x' }),
    ],
    { numRuns: 1500 },
  )("the referral request: the schema's parse, or nothing when it refuses", (profile, trialId, prescreeningConsent) => {
    const request = overTheWire({ trialId, prescreeningConsent, profile });
    expect(json(SUBMIT_REFERRAL_REQUEST.accept(request))).toBe(parsedBy(SubmitReferralRequest, request));
  });

  it('returns members in the schema order, whatever order they were sent in', () => {
    const profile = eligibleProfile(AS_OF);
    const reversed = Object.fromEntries(Object.entries(profile).reverse());
    expect(json(PATIENT_PROFILE.accept(reversed))).toBe(parsedBy(PatientProfile, reversed));
    expect(Object.keys(PATIENT_PROFILE.accept(reversed) ?? {})).toEqual(Object.keys(profile));
  });

  it('leaves to the schema what a JSON body never holds: class instances, null prototypes, a missing required member', () => {
    const profile = eligibleProfile(AS_OF);
    expect(PATIENT_PROFILE.accept(Object.assign(Object.create(null) as object, profile))).toBeUndefined();
    expect(PATIENT_PROFILE.accept(new (class Profile { readonly kind = 'profile'; })())).toBeUndefined();
    const { profile: _profile, ...withoutProfile } = { trialId: 'NCT05212584', prescreeningConsent: { attested: true }, profile };
    expect(SUBMIT_REFERRAL_REQUEST.accept(withoutProfile)).toBeUndefined();
    expect(SubmitReferralRequest.safeParse(withoutProfile).success).toBe(false);
  });

  test.prop(
    [fc.oneof(fc.string(), fc.stringMatching(/^[\x21-\x7e]{6,130}$/), fc.constantFrom('\ud83d\ude00'.repeat(8), '\ud83d\ude00'.repeat(3), 'a'.repeat(128), 'a'.repeat(129), 'a'.repeat(8), 'a'.repeat(7)))],
    { numRuns: 1000 },
  )("the Idempotency-Key: the schema's parse, or nothing when it refuses", (key) => {
    expect(json(IDEMPOTENCY_KEY.accept(key))).toBe(parsedBy(IdempotencyKey, key));
  });

  test.prop(
    [
      fc.constantFrom(1, 2, 3, 8),
      fc.constantFrom(1, 3, 8, 200),
      fc.array(fc.constantFrom('a', '中', '\ud83d\ude00', '\ud83d', '\ude00', 'é'), { maxLength: 420 }).map((parts) => parts.join('')),
    ],
    { numRuns: 2000 },
  )('count string lengths in code points, as zod does, surrogate pairs once and lone surrogates as themselves', (min, max, text) => {
    const schema = z.string().check(z.minLength(min), z.maxLength(max));
    expect(acceptBySpec(specOf(schema), text)).toBe(schema.safeParse(text).success ? text : undefined);
  });
});

describe('the generator', () => {
  it('describes only what it can check exactly, and names the place of anything else', () => {
    const refusals: [z.ZodMiniType, RegExp][] = [
      [z.looseObject({ a: z.string() }), /\(root\): an object that keeps unknown members/],
      [z.strictObject({ a: z.pipe(z.string(), z.transform((s) => s.length)) }), /^a: a schema of type "pipe"/],
      [z.strictObject({ n: z.number().check(z.refine((n) => n > 1)) }), /^n: a refinement that no module of REFINEMENT_MODULES exports/],
      [z.strictObject({ u: z.union([z.string(), z.string().check(z.minLength(2))]) }), /^u: a union of options of the same kind/],
      [z.strictObject({ d: z.optional(z.date()) }), /^d: a schema of type "date"/],
      [z.strictObject({ s: z.string().check(z.regex(/a/g)) }), /^s: a stateful/],
      [z.number().check(z.multipleOf(0.5)), /a number check "multiple_of"/],
      [z.strictObject({ n: z.nullable(z.number()) }), /^n: a schema of type "nullable"/],
    ];
    for (const [schema, message] of refusals) expect(() => specOf(schema)).toThrow(message);
  });

  it('writes a sub-schema used in several places once', () => {
    const source = generateAcceptSpecs(GENERATED_FILES[0]?.specs ?? []);
    const datePattern = String(z.iso.date()._zod.def.pattern);
    expect(source.split(datePattern).length - 1).toBe(1);
  });
});
