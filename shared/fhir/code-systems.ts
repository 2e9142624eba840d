/** Code system URIs as FHIR R4 and HL7 Terminology (THO) name them. */
export const SYSTEM = {
  loinc: 'http://loinc.org',
  snomed: 'http://snomed.info/sct',
  icd10: 'http://hl7.org/fhir/sid/icd-10',
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  icdO3: 'http://terminology.hl7.org/CodeSystem/icd-o-3',
  ucum: 'http://unitsofmeasure.org',
  nciThesaurus: 'http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  interpretation: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
} as const;

/** A short label for a code system in reports: `LOINC 718-7`, `ICD-10-CM C91.02`. */
export function systemLabel(system: string | undefined): string {
  switch (system) {
    case SYSTEM.loinc:
      return 'LOINC';
    case SYSTEM.snomed:
      return 'SNOMED CT';
    case SYSTEM.icd10:
      return 'ICD-10';
    case SYSTEM.icd10cm:
      return 'ICD-10-CM';
    case SYSTEM.icdO3:
      return 'ICD-O-3';
    case SYSTEM.nciThesaurus:
      return 'NCIt';
    case SYSTEM.conditionClinical:
      return 'condition-clinical';
    case SYSTEM.interpretation:
      return 'v3-ObservationInterpretation';
    default:
      return system ?? 'no system';
  }
}
