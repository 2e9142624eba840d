/**
 * A PatientProfile written as the FHIR R4 Bundle a hospital system would export, using the codes of
 * shared/fhir/mapping-table.ts: for the round-trip property test (profile → Bundle → profile) and the batch
 * benchmark. Only what FHIR carries in a coded form the translator reads is written; the rest of the profile
 * (CD7, life expectancy, the physician's statements) has no FHIR form here, and `fhirReadable` says what that is.
 */
import type { PatientProfile } from '#profile/schema.js';

type Json = Record<string, unknown>;
const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';

/** The part of a profile a Bundle can carry, as the translator reads it back. */
export function fhirReadable(profile: PatientProfile): PatientProfile {
  const p: Record<string, unknown> = {};
  const demographics = profile.demographics;
  if (demographics?.birthDate !== undefined || demographics?.sex !== undefined) {
    p['demographics'] = { ...(demographics.birthDate ? { birthDate: demographics.birthDate } : {}), ...(demographics.sex ? { sex: demographics.sex } : {}) };
  }
  const type = profile.diagnosis?.type;
  if (type === 'T-ALL' || type === 'T-LBL') {
    p['diagnosis'] = {
      type,
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/icd-o-3', code: type === 'T-ALL' ? '9837/3' : '9729/3' }],
      ...(profile.diagnosis?.diagnosedOn ? { diagnosedOn: profile.diagnosis.diagnosedOn } : {}),
    };
  } else if (type === 'other') p['diagnosis'] = { type: 'other' };
  const status = profile.diseaseStatus?.status;
  if ((type === 'T-ALL' || type === 'T-LBL') && (status === 'relapsed' || status === 'in-remission')) p['diseaseStatus'] = { status };
  const blood = (profile.blasts ?? []).filter((b) => b.specimen === 'peripheral-blood').map(({ specimen, percent, date }) => ({ specimen, percent, date }));
  if (blood.length > 0) p['blasts'] = [...blood].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  for (const key of ['ecog', 'karnofsky', 'lansky'] as const) if (profile[key]) p[key] = profile[key];
  const labs: Record<string, unknown> = {};
  if (profile.labs?.hemoglobin) {
    const { value, unit, date } = profile.labs.hemoglobin;
    labs['hemoglobin'] = { value, unit, date };
  }
  for (const key of ['totalBilirubin', 'ast', 'alt'] as const) if (profile.labs?.[key]) labs[key] = profile.labs[key];
  if (Object.keys(labs).length > 0) p['labs'] = labs;
  const cardiac: Record<string, unknown> = {};
  if (profile.cardiac?.qtcMs) cardiac['qtcMs'] = profile.cardiac.qtcMs;
  if (profile.cardiac?.lvef) cardiac['lvef'] = profile.cardiac.lvef;
  if (Object.keys(cardiac).length > 0) p['cardiac'] = cardiac;
  const serology: Record<string, unknown> = {};
  for (const key of ['hbsAg', 'antiHbc', 'antiHcv'] as const) if (profile.serology?.[key]) serology[key] = profile.serology[key];
  if (profile.serology?.hivAgAb) serology['hivAgAb'] = { result: profile.serology.hivAgAb.result, date: profile.serology.hivAgAb.date };
  for (const key of ['hbvDna', 'hcvRna'] as const) {
    const nat = profile.serology?.[key];
    if (!nat) continue;
    serology[key] = nat.detected && nat.value !== undefined && nat.value > 0 && nat.unit ? { detected: true, value: nat.value, unit: nat.unit, date: nat.date } : { detected: nat.detected, date: nat.date };
  }
  if (Object.keys(serology).length > 0) p['serology'] = serology;
  return p as PatientProfile;
}

const observation = (id: string, system: string, code: string, date: string, value: Json): Json => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  code: { coding: [{ system, code }] },
  subject: { reference: 'Patient/p' },
  effectiveDateTime: date,
  ...value,
});
const quantity = (value: number, code: string): Json => ({ valueQuantity: { value, unit: code, system: UCUM, code } });
const polarity = (positive: boolean): Json => ({
  valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: positive ? '10828004' : '260385009' }] },
});

export function profileToBundle(profile: PatientProfile, id = 'bundle'): Json {
  const readable = fhirReadable(profile);
  const resources: Json[] = [
    {
      resourceType: 'Patient',
      id: 'p',
      ...(readable.demographics?.sex ? { gender: readable.demographics.sex } : {}),
      ...(readable.demographics?.birthDate ? { birthDate: readable.demographics.birthDate } : {}),
    },
  ];
  const d = readable.diagnosis;
  if (d?.type === 'T-ALL' || d?.type === 'T-LBL') {
    const clinical = readable.diseaseStatus?.status === 'relapsed' ? 'relapse' : readable.diseaseStatus?.status === 'in-remission' ? 'remission' : 'active';
    resources.push({
      resourceType: 'Condition',
      id: 'dx',
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: clinical }] },
      code: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/icd-o-3', code: d.type === 'T-ALL' ? '9837/3' : '9729/3' }] },
      subject: { reference: 'Patient/p' },
      ...(d.diagnosedOn ? { onsetDateTime: d.diagnosedOn } : {}),
    });
  } else if (d?.type === 'other') {
    resources.push({ resourceType: 'Condition', id: 'dx', code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'C92.0' }] }, subject: { reference: 'Patient/p' } });
  }
  readable.blasts?.forEach((b, i) => resources.push(observation(`pb${i}`, LOINC, '26446-5', b.date, quantity(b.percent, '%'))));
  if (readable.ecog) resources.push(observation('ecog', LOINC, '89247-1', readable.ecog.date, { valueInteger: readable.ecog.score }));
  if (readable.karnofsky) resources.push(observation('kps', LOINC, '89243-0', readable.karnofsky.date, { valueInteger: readable.karnofsky.score }));
  if (readable.lansky) {
    resources.push(observation('lansky', 'http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl', 'C38144', readable.lansky.date, { valueInteger: readable.lansky.score }));
  }
  const labs = readable.labs;
  if (labs?.hemoglobin) resources.push(observation('hb', LOINC, '718-7', labs.hemoglobin.date, quantity(labs.hemoglobin.value, labs.hemoglobin.unit)));
  const withUln = (id: string, code: string, lab: { value: number; unit: string; date: string; upperLimitOfNormal?: { value: number; unit: string } }) =>
    observation(id, LOINC, code, lab.date, {
      ...quantity(lab.value, lab.unit),
      ...(lab.upperLimitOfNormal ? { referenceRange: [{ high: { value: lab.upperLimitOfNormal.value, unit: lab.upperLimitOfNormal.unit, system: UCUM, code: lab.upperLimitOfNormal.unit } }] } : {}),
    });
  if (labs?.totalBilirubin) resources.push(withUln('tbil', /mol/.test(labs.totalBilirubin.unit) ? '77137-8' : '1975-2', labs.totalBilirubin));
  if (labs?.ast) resources.push(withUln('ast', '1920-8', labs.ast));
  if (labs?.alt) resources.push(withUln('alt', '1742-6', labs.alt));
  if (readable.cardiac?.qtcMs) resources.push(observation('qtc', LOINC, '8636-3', readable.cardiac.qtcMs.date, quantity(readable.cardiac.qtcMs.value, 'ms')));
  if (readable.cardiac?.lvef) resources.push(observation('lvef', LOINC, '10230-1', readable.cardiac.lvef.date, quantity(readable.cardiac.lvef.percent, '%')));
  const s = readable.serology;
  if (s?.hbsAg) resources.push(observation('hbsag', LOINC, '5196-1', s.hbsAg.date, polarity(s.hbsAg.result === 'positive')));
  if (s?.antiHbc) resources.push(observation('hbc', LOINC, '13952-7', s.antiHbc.date, polarity(s.antiHbc.result === 'positive')));
  if (s?.antiHcv) resources.push(observation('hcv', LOINC, '13955-0', s.antiHcv.date, polarity(s.antiHcv.result === 'positive')));
  if (s?.hivAgAb) resources.push(observation('hiv', LOINC, '56888-1', s.hivAgAb.date, polarity(s.hivAgAb.result === 'reactive')));
  const nat = (id: string, code: string, n: { detected: boolean; value?: number; unit?: string; date: string }) =>
    observation(id, LOINC, code, n.date, n.detected && n.value !== undefined && n.unit ? quantity(n.value, n.unit) : polarity(n.detected));
  if (s?.hbvDna) resources.push(nat('hbv', '42595-9', s.hbvDna));
  if (s?.hcvRna) resources.push(nat('hcvrna', '11011-4', s.hcvRna));
  return {
    resourceType: 'Bundle',
    id,
    type: 'collection',
    entry: resources.map((resource) => ({ fullUrl: `urn:uuid:${String(resource['id'])}-${id}`, resource })),
  };
}
