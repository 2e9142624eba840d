/**
 * FHIR Bundle → profile (issue 8): real public fixtures (MITRE's, see test/fixtures/fhir/mitre/SOURCE.md) and our own
 * T-ALL / T-LBL bundles. Every provenance path is checked with fhirpath.js, the NLM/HL7 reference FHIRPath engine, on
 * the submitted bundle: the value it points at is the value the profile holds.
 */
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4';
import { describe, expect, it } from 'vitest';
import { BundleRejected } from '#fhir/read-bundle.js';
import { translateBundle } from '#fhir/translate-bundle.js';
import type { BundleTranslation } from '#fhir/translation.js';
import { screen } from '#screening/screen.js';
import { NCT05212584 } from '#trial/nct05212584.js';
import {
  ADULT_T_ALL,
  ALL_WITHOUT_LINEAGE,
  bundleOf,
  CHILD_T_LBL,
  loincObservation,
  MITRE_FIXTURE,
  quantity,
  readJson,
} from '#test/support/fhir-bundles.js';

const AS_OF = '2026-11-25';

function valueAt(profile: unknown, field: string): unknown {
  return field.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], profile);
}

/** Every provenance path, evaluated by fhirpath.js on the bundle, yields the FHIR element the value was read from. */
function expectProvenanceResolves(bundle: unknown, translation: BundleTranslation): void {
  for (const entry of translation.provenance) {
    const found = fhirpath.evaluate(bundle as object, entry.path, undefined, r4) as unknown[];
    expect(found, `${entry.field} ← ${entry.path}`).toHaveLength(1);
    const element = found[0] as Record<string, unknown> | string | number;
    const value = valueAt(translation.profile, entry.field);
    expect(value, entry.field).toBeDefined();
    if (typeof element === 'object' && element !== null && 'value' in element && typeof value === 'object' && value !== null) {
      const v = value as Record<string, unknown>;
      expect([v['value'], v['percent'], v['score']].filter((x) => x !== undefined)).toContainEqual(element['value']);
    }
    if (typeof element === 'number' && typeof value === 'object' && value !== null) expect((value as { score?: number }).score).toBe(element);
  }
}

describe('our T-ALL adult in relapse (transaction, urn:uuid fullUrls that differ from the resource ids)', () => {
  const bundle = readJson(ADULT_T_ALL);
  const t = translateBundle(bundle);

  it('reads the diagnosis from ICD-O-3 9837/3 and the relapse from clinicalStatus', () => {
    expect(t.profile.diagnosis).toEqual({
      type: 'T-ALL',
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/icd-o-3', code: '9837/3' }],
      diagnosedOn: '2024-02-08',
    });
    expect(t.profile.diseaseStatus?.status).toBe('relapsed');
  });

  it('resolves subjects given as urn:uuid and as Patient/id, although the two disagree', () => {
    // ECOG refers to the patient by urn:uuid, the labs by Patient/pt-1042: both are read.
    expect(t.profile.ecog).toEqual({ score: 1, date: '2026-11-17' });
    expect(t.profile.labs?.hemoglobin).toEqual({ value: 9.8, unit: 'g/dL', date: '2026-11-18' });
  });

  it('takes units from valueQuantity.code, never the display unit, and the ULN from referenceRange.high', () => {
    // The hemoglobin's display unit is "gm/dl"; the UCUM code g/dL is what is used.
    expect(t.profile.labs?.hemoglobin?.unit).toBe('g/dL');
    expect(t.profile.labs?.totalBilirubin?.upperLimitOfNormal).toEqual({ value: 1.2, unit: 'mg/dL' });
    // A reference range without a unit is in the result's unit, and the provenance says so.
    expect(t.profile.labs?.alt?.upperLimitOfNormal).toEqual({ value: 50, unit: 'U/L' });
    expect(t.provenance.find((p) => p.field === 'labs.alt')?.note).toBe('uln-unit-from-value');
  });

  it('lists what it could not use, and why', () => {
    const reasons = Object.fromEntries(t.notUsed.map((n) => [n.source.id ?? n.source.resourceType, n.reason]));
    expect(reasons).toEqual({
      'hb-0': 'superseded',
      'tbil-x': 'undated',
      'cd7-bm': 'cd7-denominator',
      ferritin: 'code-not-mapped',
      'enc-77': 'resource-type',
    });
    expect(t.notUsed.find((n) => n.source.id === 'ferritin')?.codings).toEqual(['LOINC 2276-4']);
  });

  it('points every value at its element (checked with fhirpath.js)', () => expectProvenanceResolves(bundle, t));

  it('screens as the same profile would: potential, CD7 and life expectancy still needed', () => {
    const result = screen(t.profile, NCT05212584, AS_OF);
    expect(result.verdict).toBe('potential');
    expect(result.missingData.map((r) => r.field)).toEqual(expect.arrayContaining(['cd7', 'lifeExpectancy']));
  });
});

describe('our T-LBL child (collection, absolute fullUrls, year-month birth date, legacy ICD-O-3 in the mCODE histology extension)', () => {
  const bundle = readJson(CHILD_T_LBL);
  const t = translateBundle(bundle);

  it('reads 9729/3 from the histology extension as T-LBL and "recurrence" as relapsed', () => {
    expect(t.profile.diagnosis?.type).toBe('T-LBL');
    expect(t.provenance.find((p) => p.field === 'diagnosis')?.path).toBe('Bundle.entry[1].resource.extension[0]');
    expect(t.profile.diseaseStatus?.status).toBe('relapsed');
  });

  it('keeps a partial birth date as a range, and the age criterion decides when the whole range agrees', () => {
    expect(t.profile.demographics?.birthDate).toBeUndefined();
    expect(t.profile.demographics?.birthDateRange).toEqual({ earliest: '2019-06-01', latest: '2019-06-30' });
    const age = screen(t.profile, NCT05212584, AS_OF).criteria.find((c) => c.id === 'inc-age');
    expect(age?.outcome).toBe('met');
    expect(age?.reasons).toEqual([{ code: 'age-range', youngest: 7, oldest: 7, min: 2, max: 60, position: 'within' }]);
  });

  it('dates a period by its start, refuses month-only dates, censored values and preliminary results', () => {
    expect(t.profile.labs?.hemoglobin).toEqual({ value: 92, unit: 'g/L', date: '2026-11-19' });
    expect(t.provenance.find((p) => p.field === 'labs.hemoglobin')?.note).toBe('period-start');
    expect(Object.fromEntries(t.notUsed.map((n) => [n.source.id, n.reason]))).toEqual({
      qtc: 'imprecise-date',
      hbv: 'comparator',
      'hb-prelim': 'status',
    });
  });

  it('points every value at its element (checked with fhirpath.js)', () => expectProvenanceResolves(bundle, t));
});

describe('ALL without a lineage (searchset)', () => {
  const t = translateBundle(readJson(ALL_WITHOUT_LINEAGE));

  it('leaves the diagnosis unknown and asks for it, listing the ICD-10 code as lineage-unknown', () => {
    expect(t.profile.diagnosis).toBeUndefined();
    expect(t.notUsed).toContainEqual(expect.objectContaining({ reason: 'lineage-unknown', codings: ['ICD-10 C91.0'] }));
    const diagnosis = screen(t.profile, NCT05212584, AS_OF).criteria.find((c) => c.id === 'inc-diagnosis');
    expect(diagnosis?.outcome).toBe('unknown');
  });

  it('does not read a result whose subject is not in the bundle', () => {
    expect(t.profile.labs).toBeUndefined();
    expect(t.notUsed).toContainEqual(expect.objectContaining({ reason: 'subject-not-in-bundle', codings: ['LOINC 718-7'] }));
  });

  it('a year-only birth date straddling the upper bound is unknown, and asks for the full date', () => {
    const profile = { ...t.profile, demographics: { birthDateRange: { earliest: '1965-01-01', latest: '1965-12-31' } } };
    const age = screen(profile, NCT05212584, AS_OF).criteria.find((c) => c.id === 'inc-age');
    expect(age?.outcome).toBe('unknown');
    expect(age?.reasons[0]).toMatchObject({ code: 'age-range', youngest: 60, oldest: 61, position: 'boundary' });
    expect(age?.missing[0]).toMatchObject({ field: 'demographics.birthDate', problem: 'incomplete' });
  });

  it('a year-only birth date at the lower bound is unknown too', () => {
    const age = screen({ demographics: { birthDateRange: { earliest: '2024-01-01', latest: '2024-12-31' } } }, NCT05212584, AS_OF).criteria.find(
      (c) => c.id === 'inc-age',
    );
    expect(age?.outcome).toBe('unknown');
  });
});

describe("MITRE's fixture (Apache-2.0): breast cancer, no birth date, performance scores about a patient not in the bundle", () => {
  const bundle = readJson(MITRE_FIXTURE);
  const t = translateBundle(bundle);

  it('reads the mCODE primary cancer condition as another cancer: ineligible, and says why', () => {
    expect(t.profile.diagnosis).toEqual({ type: 'other' });
    expect(screen(t.profile, NCT05212584, AS_OF).verdict).toBe('ineligible');
  });

  it('does not read the ECOG and Karnofsky observations about Patient/mCODEMassiveBioPatientExample1004', () => {
    expect(t.profile.ecog).toBeUndefined();
    expect(t.notUsed.map((n) => [n.source.id, n.reason])).toEqual([
      ['mCODEKarnofskyPerformanceStatusExample', 'subject-not-in-bundle'],
      ['mCODEECOGPerformanceStatusExample', 'subject-not-in-bundle'],
    ]);
  });

  it('points every value at its element (checked with fhirpath.js)', () => expectProvenanceResolves(bundle, t));
});

describe('values the profile refuses are not used, with its message', () => {
  it('an ECOG of -1 (as in MITRE fixtures) about the bundle patient', () => {
    const t = translateBundle(bundleOf('collection', { resourceType: 'Patient', id: 'p' }, loincObservation('e', '89247-1', { valueInteger: -1 })));
    expect(t.profile.ecog).toBeUndefined();
    expect(t.notUsed[0]).toMatchObject({ reason: 'invalid-value', codings: ['LOINC 89247-1'] });
    expect(t.notUsed[0]?.detail).toMatch(/^ecog\.score: /);
  });

  it('a hemoglobin in a unit the profile does not support, and one without a UCUM code', () => {
    const t = translateBundle(
      bundleOf(
        'batch',
        loincObservation('a', '718-7', quantity(9, 'g/mL')),
        loincObservation('b', '718-7', { valueQuantity: { value: 9, unit: 'g/dL' } }),
      ),
    );
    expect(t.profile.labs).toBeUndefined();
    expect(t.notUsed.map((n) => n.reason)).toEqual(['invalid-value', 'no-ucum-code']);
  });
});

describe('bad input is refused naming the entry and the element', () => {
  const rejected = (json: unknown): BundleRejected => {
    try {
      translateBundle(json);
    } catch (error) {
      if (error instanceof BundleRejected) return error;
      throw error;
    }
    throw new Error('not rejected');
  };

  it('a non-Bundle is a 400', () => {
    expect(rejected({ resourceType: 'Patient' }).status).toBe(400);
    expect(rejected([]).status).toBe(400);
    expect(rejected({}).status).toBe(400);
  });

  it('an unsupported bundle type is a 422 on `type`', () => {
    const error = rejected({ resourceType: 'Bundle', type: 'history' });
    expect(error.status).toBe(422);
    expect(error.errors[0]?.field).toBe('type');
  });

  it('malformed elements are each named, FHIRPath style', () => {
    const error = rejected(
      bundleOf(
        'collection',
        { resourceType: 'Patient', birthDate: '1990-02-30' },
        loincObservation('x', '718-7', { valueQuantity: { value: 'nine', code: 'g/dL' } }, '2026-13-01'),
      ),
    );
    expect(error.status).toBe(422);
    expect(error.errors.map((e) => e.field)).toEqual([
      'entry[0].resource.birthDate',
      'entry[1].resource.effectiveDateTime',
      'entry[1].resource.valueQuantity.value',
    ]);
  });

  it('a bundle nested thousands deep is a 422 naming the entry, not a stack overflow', () => {
    let deep: unknown = 'x';
    for (let level = 0; level < 20_000; level++) deep = [deep];
    const error = rejected(bundleOf('collection', { resourceType: 'Patient', id: 'a' }, { resourceType: 'Basic', id: 'b', extension: deep }));
    expect(error.status).toBe(422);
    expect(error.errors).toEqual([{ field: 'entry[1]', message: 'nests deeper than 100 levels' }]);
  });

  it('two patients in one bundle are refused', () => {
    const error = rejected(bundleOf('collection', { resourceType: 'Patient', id: 'a' }, { resourceType: 'Patient', id: 'b' }));
    expect(error.status).toBe(422);
    expect(error.errors[0]?.field).toBe('entry[1].resource');
  });
});
