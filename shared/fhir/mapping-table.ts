/**
 * Every code the translator acts on, with what it becomes in the profile and where the code was checked. This table
 * is the one source: the mappers look codes up here, and docs/fhir-mapping.md is checked against it by a test.
 * A code that could not be checked against a primary or published source is not here, and so is listed back as
 * "not used" rather than guessed at.
 */
import { SYSTEM } from './code-systems.js';

export type ObservationTarget =
  | 'hemoglobin'
  | 'totalBilirubin'
  | 'ast'
  | 'alt'
  | 'blastsPeripheralBlood'
  | 'ecog'
  | 'karnofsky'
  | 'lansky'
  | 'lvef'
  | 'qtc'
  | 'hbsAg'
  | 'antiHbc'
  | 'hbvDna'
  | 'antiHcv'
  | 'hcvRna'
  | 'hivAgAb'
  /** Recognised, and deliberately not used: CD7+ cells as a share of all cells, not of blasts (see README). */
  | 'cd7AllCells';

export interface ObservationCode {
  readonly system: string;
  readonly code: string;
  readonly display: string;
  readonly target: ObservationTarget;
  /** Where the code and its meaning were checked. */
  readonly verifiedAt: string;
}

const loinc = (code: string, display: string, target: ObservationTarget, verifiedAt: string): ObservationCode => ({
  system: SYSTEM.loinc,
  code,
  display,
  target,
  verifiedAt,
});

export const OBSERVATION_CODES: readonly ObservationCode[] = [
  loinc('718-7', 'Hemoglobin [Mass/volume] in Blood', 'hemoglobin', 'http://fhir.ch/ig/ch-lab-report/StructureDefinition/ch-lab-observation-results-hb (pattern LOINC 718-7); Mayo Clinic Laboratories test HGB'),
  loinc('1975-2', 'Bilirubin.total [Mass/volume] in Serum or Plasma', 'totalBilirubin', 'ARUP Laboratories test 0020032 (result LOINC 1975-2)'),
  loinc('77137-8', 'Bilirubin.total [Moles/volume] in Serum, Plasma or Blood', 'totalBilirubin', 'https://loinc.org/77137-8/'),
  loinc('1920-8', 'Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma', 'ast', 'https://loinc.org/LP15426-7 (component); University of Kansas Health System test AST (LOINC 1920-8)'),
  loinc('1742-6', 'Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma', 'alt', 'HL7 Taiwan TWHA IG ValueSet VS-CoreDataset'),
  loinc('26446-5', 'Blasts/100 leukocytes in Blood', 'blastsPeripheralBlood', 'HL7 Taiwan TWHA IG ValueSet VS-CoreDataset'),
  loinc('89247-1', 'ECOG Performance Status score', 'ecog', 'http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-ecog-performance-status'),
  loinc('89243-0', 'Karnofsky Performance Status score', 'karnofsky', 'http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-karnofsky-performance-status'),
  {
    system: SYSTEM.nciThesaurus,
    code: 'C38144',
    display: 'Lansky Play-Performance Status',
    target: 'lansky',
    verifiedAt: 'http://hl7.org/fhir/us/mcode/Observation-lansky-performance-status-brian-l.html (mCODE STU4 example)',
  },
  loinc('10230-1', 'Left ventricular Ejection fraction', 'lvef', 'https://loinc.org/10230-1/'),
  loinc('18043-0', 'Left ventricular Ejection fraction by US', 'lvef', 'LOINC 18043-0 (Regenstrief content as republished)'),
  loinc('8636-3', 'Q-T interval corrected', 'qtc', 'LOINC 8636-3 term description (QTc without a method; 76634-5 Fridericia, 76635-2 Bazett)'),
  loinc('76634-5', 'Q-T interval corrected based on Fridericia formula', 'qtc', 'LOINC 8636-3 term description'),
  loinc('76635-2', 'Q-T interval corrected based on Bazett formula', 'qtc', 'LOINC 8636-3 term description'),
  loinc('5196-1', 'Hepatitis B virus surface Ag [Presence] in Serum', 'hbsAg', 'HL7 Taiwan TWHA IG ValueSet VS-CoreDataset'),
  loinc('22326-3', 'Hepatitis B virus surface Ag [Presence] in Serum or Plasma', 'hbsAg', 'HL7 Taiwan TWHA IG ValueSet VS-CoreDataset'),
  loinc('63557-3', 'Hepatitis B virus surface Ag [Presence] in Serum or Plasma by Immunoassay', 'hbsAg', 'HL7 Taiwan TWHA IG ValueSet VS-CoreDataset'),
  loinc('13952-7', 'Hepatitis B virus core Ab [Presence] in Serum or Plasma', 'antiHbc', 'HL7 Taiwan TWHA IG ValueSet VS-CoreDataset'),
  loinc('42595-9', 'Hepatitis B virus DNA [Units/volume] (viral load) in Serum or Plasma by NAA with probe detection', 'hbvDna', 'Ohio State University Wexner lab test IMM160 (LOINC 42595-9, IU/mL)'),
  loinc('13955-0', 'Hepatitis C virus Ab [Presence] in Serum or Plasma', 'antiHcv', 'HL7 Taiwan TWHA IG ValueSet VS-CoreDataset'),
  loinc('11011-4', 'Hepatitis C virus RNA [Units/volume] (viral load) in Serum or Plasma by NAA with probe detection', 'hcvRna', 'Labcorp test 550870 (result LOINC 11011-4, IU/mL)'),
  loinc('56888-1', 'HIV 1 and 2 Ag and Ab panel [Presence] in Serum or Plasma', 'hivAgAb', 'HL7 Taiwan TWHA IG ValueSet VS-CoreDataset'),
  loinc('35641-0', 'CD7 cells/100 cells in Bone marrow', 'cd7AllCells', 'LOINC 35641-0 (Cells.CD7/Cells, Bone marrow, as republished)'),
];

const byKey = new Map(OBSERVATION_CODES.map((entry) => [`${entry.system}|${entry.code}`, entry]));

export function observationCode(system: string | undefined, code: string | undefined): ObservationCode | undefined {
  return system === undefined || code === undefined ? undefined : byKey.get(`${system}|${code}`);
}

/** ICD-O-3 morphology codes of precursor T-lymphoblastic neoplasms (SEER Hematopoietic and Lymphoid Neoplasm DB). */
export const ICD_O_3_T_LINEAGE = {
  '9837/3': {
    display: 'T lymphoblastic leukemia/lymphoma',
    verifiedAt: 'https://seer.cancer.gov/seertools/hemelymph/51f6cf59e3e27c3994bd5411/',
  },
  '9729/3': {
    display: 'Precursor T-cell lymphoblastic lymphoma (ICD-O-3 first edition; coded 9837/3 since the 2010 SEER heme rules)',
    verifiedAt: 'ICD-O-3 (2000); SEER Hematopoietic and Lymphoid Neoplasm Coding Manual (cases diagnosed 2010 and later)',
  },
} as const;

/** mCODE's histology extension (STU1/STU2), and the value-set URL some MITRE fixtures used in its place. */
export const HISTOLOGY_EXTENSION_URLS = [
  'http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-histology-morphology-behavior',
  'http://hl7.org/fhir/us/mcode/ValueSet/mcode-histology-morphology-behavior-vs',
] as const;

/** The mCODE primary cancer condition profile: a Condition so tagged is a cancer diagnosis whatever its code. */
export const MCODE_PRIMARY_CANCER_PROFILE = 'http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-primary-cancer-condition';
