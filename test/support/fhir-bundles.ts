/** The FHIR examples and fixtures, read once, and small builders for bundles made in tests. */
import { readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
export const readJson = (path: string): unknown => JSON.parse(readFileSync(new URL(path, root), 'utf8'));

export const ADULT_T_ALL = 'examples/fhir/t-all-adult-relapse.transaction.json';
export const CHILD_T_LBL = 'examples/fhir/t-lbl-child.collection.json';
export const ALL_WITHOUT_LINEAGE = 'examples/fhir/all-without-lineage.searchset.json';
export const MITRE_FIXTURE = 'test/fixtures/fhir/mitre/patient_data_missing_birthdate_invalid_ecog_karnofsky.json';

type Json = Record<string, unknown>;

export const bundleOf = (type: string, ...resources: Json[]): Json => ({
  resourceType: 'Bundle',
  type,
  entry: resources.map((resource, i) => ({ fullUrl: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, resource })),
});

export const loincObservation = (id: string, code: string, value: Json, date = '2026-11-18', extra: Json = {}): Json => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code }] },
  effectiveDateTime: date,
  ...value,
  ...extra,
});

export const quantity = (value: number, code: string, unit?: string): Json => ({
  valueQuantity: { value, unit: unit ?? code, system: 'http://unitsofmeasure.org', code },
});
