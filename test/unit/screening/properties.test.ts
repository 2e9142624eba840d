/** Properties over schema-valid profiles crowded around the protocol's boundaries. */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { PatientProfile } from '#profile/schema.js';
import { screen } from '#screening/screen.js';
import { NCT05212584 } from '#trial/nct05212584.js';
import { profileArbitrary } from '#test/support/profiles.js';

const AS_OF = '2026-11-25';
const profiles = profileArbitrary(AS_OF);
const CRITERIA_IDS = NCT05212584.criteria.map((c) => c.id);

test.prop([profiles], { numRuns: 2000 })('the arbitrary only builds schema-valid profiles', (profile) => {
  expect(PatientProfile.safeParse(profile).success).toBe(true);
});

test.prop([profiles, fc.integer({ min: -400, max: 400 })], { numRuns: 3000 })(
  'never throws, and the verdict agrees with the per-criterion outcomes',
  (profile, shift) => {
    const asOf = new Date(Date.UTC(2026, 10, 25 + shift)).toISOString().slice(0, 10);
    const result = screen(profile, NCT05212584, asOf);
    expect(result.criteria.map((c) => c.id)).toEqual(CRITERIA_IDS);
    const anyNotMet = result.criteria.some((c) => c.outcome === 'not_met' || c.outcome === 'excluded');
    const allVerifiableMet = result.criteria.every((c) => c.siteVerified || c.outcome === 'met' || c.outcome === 'clear');
    expect(result.verdict).toBe(anyNotMet ? 'ineligible' : allVerifiableMet ? 'eligible' : 'potential');
    if (result.verdict === 'ineligible') expect(result.score).toBe(0);
    if (result.verdict === 'eligible') expect(result.score).toBe(100);
    expect(result.score).toBeGreaterThanOrEqual(0);
    expect(result.score).toBeLessThanOrEqual(100);
    for (const c of result.criteria) {
      expect(c.reasons.length).toBeGreaterThan(0);
      // Each row points one way for its kind: an exclusion never reads "met".
      expect(c.kind === 'inclusion' ? ['met', 'not_met', 'unknown'] : ['clear', 'excluded', 'unknown']).toContain(c.outcome);
      // Unknown, and only unknown, asks for data.
      expect(c.missing.length > 0).toBe(c.outcome === 'unknown');
    }
    const fields = result.missingData.map((m) => m.field);
    expect(new Set(fields).size).toBe(fields.length);
    if (result.reviewAt !== null) expect(result.reviewAt > asOf).toBe(true);
    // The verdict cannot change before any outcome can; an ineligible patient may never be due again.
    if (result.rescreenAt !== null) expect(result.reviewAt !== null && result.rescreenAt >= result.reviewAt).toBe(true);
    if (result.verdict !== 'ineligible') expect(result.rescreenAt).toBe(result.reviewAt);
  },
);

test.prop([profiles], { numRuns: 500 })('the verdict does not change before rescreenAt, nor ever when it is null', (profile) => {
  const first = screen(profile, NCT05212584, AS_OF);
  const day = (iso: string, delta: number) => new Date(Date.parse(iso) + delta * 86_400_000).toISOString().slice(0, 10);
  const lastSame = first.rescreenAt === null ? day(AS_OF, 3 * 365) : day(first.rescreenAt, -1);
  expect(screen(profile, NCT05212584, lastSame).verdict).toBe(first.verdict);
});

test.prop([profiles], { numRuns: 500 })('nothing changes before reviewAt', (profile) => {
  const first = screen(profile, NCT05212584, AS_OF);
  if (first.reviewAt === null) return;
  const day = (iso: string, delta: number) => new Date(Date.parse(iso) + delta * 86_400_000).toISOString().slice(0, 10);
  const lastSame = day(first.reviewAt, -1);
  const outcomes = (asOf: string) => screen(profile, NCT05212584, asOf).criteria.map((c) => c.outcome);
  expect(outcomes(lastSame)).toEqual(outcomes(AS_OF));
});

test.prop([profiles], { numRuns: 500 })('is pure: the same input gives the same result and the profile is untouched', (profile) => {
  const before = structuredClone(profile);
  expect(screen(profile, NCT05212584, AS_OF)).toEqual(screen(profile, NCT05212584, AS_OF));
  expect(profile).toEqual(before);
});
