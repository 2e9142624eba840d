/**
 * Property: every profile value a Bundle can carry comes back from the translator unchanged (profile → Bundle →
 * profile), over the same varied, boundary-crowding profiles the engine's property tests use; and screening the
 * translated profile decides each criterion as screening the profile's FHIR-readable part does.
 */
import { it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { translateBundle } from '#fhir/translate-bundle.js';
import type { PatientProfile } from '#profile/schema.js';
import { screen } from '#screening/screen.js';
import { NCT05212584 } from '#trial/nct05212584.js';
import { profileArbitrary } from '#test/support/profiles.js';
import { fhirReadable, profileToBundle } from '#test/support/profile-to-bundle.js';

const AS_OF = '2026-11-25';

describe('profile → FHIR Bundle → profile', () => {
  it.prop([profileArbitrary(AS_OF)], { numRuns: 300 })('keeps every value FHIR can carry', (profile) => {
    const translation = translateBundle(JSON.parse(JSON.stringify(profileToBundle(profile))));
    expect(translation.profile).toEqual(fhirReadable(profile));
    expect(translation.notUsed).toEqual([]);
    expect(screen(translation.profile, NCT05212584, AS_OF)).toEqual(screen(fhirReadable(profile), NCT05212584, AS_OF));
  });
});

describe('every FHIR-readable field, at least once', () => {
  it('comes back unchanged: serology and viral loads, Karnofsky and Lansky, LVEF, µmol/L bilirubin with its ULN', () => {
    const profile: PatientProfile = {
      demographics: { birthDate: '2015-05-02', sex: 'female' },
      diagnosis: { type: 'T-LBL', diagnosedOn: '2025-01-09' },
      diseaseStatus: { status: 'in-remission' },
      blasts: [{ specimen: 'peripheral-blood', percent: 4.5, date: '2026-11-20' }],
      karnofsky: { score: 70, date: '2026-11-19' },
      lansky: { score: 60, date: '2026-11-20' },
      labs: {
        hemoglobin: { value: 6.1, unit: 'mmol/L', date: '2026-11-20' },
        totalBilirubin: { value: 14, unit: 'umol/L', date: '2026-11-20', upperLimitOfNormal: { value: 21, unit: 'umol/L' } },
        ast: { value: 0.5, unit: 'ukat/L', date: '2026-11-20', upperLimitOfNormal: { value: 0.6, unit: 'ukat/L' } },
      },
      cardiac: { qtcMs: { value: 455, date: '2026-11-18' }, lvef: { percent: 61, date: '2026-11-18' } },
      serology: {
        hbsAg: { result: 'negative', date: '2026-11-10' },
        antiHbc: { result: 'positive', date: '2026-11-10' },
        hbvDna: { detected: true, value: 120, unit: '[IU]/mL', date: '2026-11-12' },
        antiHcv: { result: 'positive', date: '2026-11-10' },
        hcvRna: { detected: false, date: '2026-11-12' },
        hivAgAb: { result: 'non-reactive', date: '2026-11-10' },
      },
    };
    const translation = translateBundle(JSON.parse(JSON.stringify(profileToBundle(profile))));
    expect(translation.profile).toEqual(fhirReadable(profile));
    expect(Object.keys(translation.profile.serology ?? {}).sort()).toEqual(['antiHbc', 'antiHcv', 'hbsAg', 'hbvDna', 'hcvRna', 'hivAgAb']);
    expect(translation.notUsed).toEqual([]);
  });
});
