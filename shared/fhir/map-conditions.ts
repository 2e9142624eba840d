/**
 * Conditions → diagnosis and disease status. Only the lineage decides the diagnosis: ICD-O-3 9837/3 (and the legacy
 * 9729/3) are T-lymphoblastic; ICD-10 C91.0 / C83.5 and SNOMED CT "acute lymphoid leukemia" say ALL or
 * lymphoblastic lymphoma without saying T or B, so the diagnosis stays unknown and is requested. Any other cancer
 * diagnosis (ICD-10 chapter C, another ICD-O-3 malignancy, an mCODE primary cancer condition) is `other`, unless a
 * T-lymphoblastic diagnosis is also present.
 */
import type { Condition } from './bundle-schema.js';
import { SYSTEM } from './code-systems.js';
import { codingsOf, hasCode, labels } from './codings.js';
import { exactDay } from './fhir-dates.js';
import { HISTOLOGY_EXTENSION_URLS, ICD_O_3_T_LINEAGE, MCODE_PRIMARY_CANCER_PROFILE } from './mapping-table.js';
import type { ProfileBuilder } from './profile-builder.js';
import type { EntryRef } from './translation.js';

/** ICD-10 (WHO) C91.0 and C83.5; ICD-10-CM adds a fifth character (C91.00-C91.02, C83.50-C83.59). */
const ALL_WITHOUT_LINEAGE = /^(C91\.0\d?|C83\.5\d?)$/;
/** SNOMED CT 91857003 |Acute lymphoid leukemia (disorder)|. */
const SNOMED_ALL = '91857003';
const ICD10_MALIGNANT = /^C(?:[0-8]\d|9[0-6])(\.|$)/;

type Lineage = { kind: 'T-ALL' | 'T-LBL'; element: string; code: string } | { kind: 'no-lineage' | 'other-cancer' } | undefined;

function classify(condition: Condition): Lineage {
  const histology = (condition.extension ?? [])
    .map((extension, i) => ({ extension, i }))
    .filter(({ extension }) => (HISTOLOGY_EXTENSION_URLS as readonly string[]).includes(extension.url));
  const icdO3: { code: string; element: string }[] = [
    ...codingsOf(condition.code).flatMap((c, i) => (c.system === SYSTEM.icdO3 && c.code ? [{ code: c.code, element: `code.coding[${i}]` }] : [])),
    ...histology.flatMap(({ extension, i }) =>
      [...codingsOf(extension.valueCodeableConcept), ...(extension.valueCoding ? [extension.valueCoding] : [])].flatMap((c) =>
        c.system === SYSTEM.icdO3 && c.code ? [{ code: c.code, element: `extension[${i}]` }] : [],
      ),
    ),
  ];
  const tLineage = icdO3.find(({ code }) => Object.hasOwn(ICD_O_3_T_LINEAGE, code));
  if (tLineage) {
    const coLymphoma = codingsOf(condition.code).some((c) => (c.system === SYSTEM.icd10 || c.system === SYSTEM.icd10cm) && /^C83\.5/.test(c.code ?? ''));
    const kind = tLineage.code === '9729/3' || coLymphoma ? 'T-LBL' : 'T-ALL';
    return { kind, element: tLineage.element, code: tLineage.code };
  }
  const icd10 = codingsOf(condition.code).filter((c) => c.system === SYSTEM.icd10 || c.system === SYSTEM.icd10cm);
  if (icd10.some((c) => ALL_WITHOUT_LINEAGE.test(c.code ?? '')) || hasCode(condition.code, SYSTEM.snomed, SNOMED_ALL)) return { kind: 'no-lineage' };
  const malignantIcdO3 = icdO3.some(({ code }) => code.endsWith('/3'));
  const cancerProfile = condition.meta?.profile?.includes(MCODE_PRIMARY_CANCER_PROFILE) ?? false;
  if (icd10.some((c) => ICD10_MALIGNANT.test(c.code ?? '')) || malignantIcdO3 || cancerProfile) return { kind: 'other-cancer' };
  return undefined;
}

/** Relapse or remission from clinicalStatus, else from the ICD-10-CM fifth character (C91.01 / C91.02). */
function statusOf(condition: Condition): { status: 'relapsed' | 'in-remission'; element: string; fromIcd10cm: boolean } | undefined {
  for (const [i, coding] of codingsOf(condition.clinicalStatus).entries()) {
    if (coding.system !== SYSTEM.conditionClinical) continue;
    if (coding.code === 'relapse' || coding.code === 'recurrence') return { status: 'relapsed', element: `clinicalStatus.coding[${i}]`, fromIcd10cm: false };
    if (coding.code === 'remission') return { status: 'in-remission', element: `clinicalStatus.coding[${i}]`, fromIcd10cm: false };
  }
  for (const [i, coding] of codingsOf(condition.code).entries()) {
    if (coding.system !== SYSTEM.icd10cm) continue;
    if (coding.code === 'C91.02') return { status: 'relapsed', element: `code.coding[${i}]`, fromIcd10cm: true };
    if (coding.code === 'C91.01') return { status: 'in-remission', element: `code.coding[${i}]`, fromIcd10cm: true };
  }
  return undefined;
}

const refuted = (condition: Condition) =>
  codingsOf(condition.verificationStatus).some(
    (c) => c.system === SYSTEM.conditionVerification && (c.code === 'refuted' || c.code === 'entered-in-error'),
  );

export interface ConditionFinding {
  readonly source: EntryRef;
  readonly condition: Condition;
  readonly lineage: Exclude<Lineage, undefined>;
}

/** Classifies one Condition, or lists it as not used. */
export function readCondition(source: EntryRef, condition: Condition, builder: ProfileBuilder): ConditionFinding | undefined {
  const codings = labels([condition.code]);
  if (refuted(condition)) {
    builder.reject({ source, codings }, 'refuted');
    return undefined;
  }
  const lineage = classify(condition);
  if (lineage === undefined) {
    builder.reject({ source, codings }, 'code-not-mapped');
    return undefined;
  }
  return { source, condition, lineage };
}

/**
 * The diagnosis from every classified Condition: a T-lymphoblastic one decides (and its status and onset are
 * read); otherwise an ALL without lineage leaves the diagnosis unknown; otherwise another cancer is `other`.
 */
export function mapDiagnosis(findings: readonly ConditionFinding[], builder: ProfileBuilder): void {
  const at = (finding: ConditionFinding, element: string) => `Bundle.entry[${finding.source.entry}].resource.${element}`;
  const tLineage = findings.filter((f) => f.lineage.kind === 'T-ALL' || f.lineage.kind === 'T-LBL');
  const decisive = tLineage[0];
  if (decisive && (decisive.lineage.kind === 'T-ALL' || decisive.lineage.kind === 'T-LBL')) {
    const diagnosedOn = exactDay(decisive.condition.onsetDateTime ?? decisive.condition.onsetPeriod?.start);
    builder.set(
      'diagnosis',
      { type: decisive.lineage.kind, coding: [{ system: SYSTEM.icdO3, code: decisive.lineage.code }], ...(diagnosedOn ? { diagnosedOn } : {}) },
      undefined,
      { source: decisive.source, codings: [`ICD-O-3 ${decisive.lineage.code}`], path: at(decisive, decisive.lineage.element) },
    );
  }
  const anyWithoutLineage = findings.some((f) => f.lineage.kind === 'no-lineage');
  for (const finding of findings) {
    if (finding === decisive) continue;
    const codings = labels([finding.condition.code]);
    switch (finding.lineage.kind) {
      case 'T-ALL':
      case 'T-LBL':
        builder.reject({ source: finding.source, codings }, 'superseded');
        break;
      case 'no-lineage':
        // Beside a T-lymphoblastic diagnosis it only confirms it; alone, the lineage is what is missing.
        if (decisive === undefined) builder.reject({ source: finding.source, codings }, 'lineage-unknown');
        break;
      case 'other-cancer':
        if (decisive === undefined && !anyWithoutLineage) {
          builder.set('diagnosis', { type: 'other' }, undefined, { source: finding.source, codings, path: at(finding, 'code') });
        } else builder.reject({ source: finding.source, codings }, 'code-not-mapped');
        break;
    }
  }
  // Relapse or remission is read from the lymphoblastic conditions (with or without a lineage), most recent first.
  for (const finding of findings) {
    if (finding.lineage.kind === 'other-cancer') continue;
    const status = statusOf(finding.condition);
    if (!status) continue;
    builder.set('diseaseStatus.status', status.status, exactDay(finding.condition.recordedDate), {
      source: finding.source,
      codings: labels([finding.condition.clinicalStatus]),
      path: at(finding, status.element),
      ...(status.fromIcd10cm ? { note: 'icd10cm-remission-status' as const } : {}),
    });
  }
}
