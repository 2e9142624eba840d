/**
 * NCT05212584, "CD7 CAR-T Cell Treatment of Relapsed/Refractory CD7+ T-Acute Lymphoblastic Leukemia/Lymphoma",
 * as data. Criterion texts are the registry record's own words (shared/trial/records/NCT05212584-trial-record.txt); every reading the record leaves
 * open is a named parameter below, documented in the README ("How the criteria are read").
 */
import type { TrialDefinition, TrialParameter } from './definition.js';

export const NCT05212584_PARAMETERS = {
  labResultWindowDays: {
    value: 28,
    unit: 'd',
    reading:
      'The record sets no screening window. Labs (hemoglobin, bilirubin, AST, ALT) older than 28 days on the screening date are stale: unknown, never met. A result exactly 28 days old is still current.',
  },
  diseaseAssessmentWindowDays: {
    value: 28,
    unit: 'd',
    reading:
      'Blast counts and CD7 expression describe the disease now; older than 28 days they are stale. The site may want CD7 from the relapse specimen regardless of age: change this parameter, not the engine.',
  },
  clinicalAssessmentWindowDays: {
    value: 28,
    unit: 'd',
    reading:
      'ECOG, a dated life-expectancy estimate, QTc and current-state conditions (infection, hepatitis, viral reactivation) must have been assessed within 28 days.',
  },
  blastBurdenMinPercentExclusive: {
    value: 5,
    unit: '%',
    reading:
      '"Greater than 5%" in peripheral blood OR bone marrow: strictly greater; the most recent current count of each specimen is used (the highest when two share a date). Not met only when both specimens have a current count of 5% or less.',
  },
  lymphomaExtramedullaryDiseaseQualifies: {
    value: true,
    reading:
      'T-LBL may have no marrow or blood involvement. For a T-LBL diagnosis, measurable extramedullary disease (reported present) also satisfies the blast-burden criterion; the site confirms measurability.',
  },
  acceptedDiagnosisClassifications: {
    value: 'WHO-2008, WHO-2016, WHO-2022, ICC-2022, other',
    reading:
      '"Diagnosis is mainly based on WHO 2008": T-ALL and T-LBL are the same entities in later WHO and ICC editions, so a T-ALL/T-LBL diagnosis under any classification qualifies; the classification is recorded, not tested.',
  },
  cd7MinPercentInclusive: {
    value: 70,
    unit: '%',
    reading: '"CD7 positive by flow cytometry or immunohistochemistry ≥70%": 70% qualifies; either method is accepted.',
  },
  lifeExpectancyMinWeeksExclusive: {
    value: 12,
    unit: 'wk',
    reading:
      '"Greater than 12 weeks": 12 weeks (84 days) does not qualify. Days, weeks and UCUM months (30.4375 days) are accepted.',
  },
  ecogMaxInclusive: { value: 2, reading: '"ECOG score ≤2".' },
  ageRangeYearsInclusive: {
    value: { min: 2, max: 60 },
    unit: 'a',
    reading:
      '"Age 2-60 years old": completed years, both ends included (a 60-year-old qualifies until the 61st birthday). A 29 February birthday is reached on 1 March in common years.',
  },
  hemoglobinMinInclusive: {
    value: 70,
    unit: 'g/L',
    reading:
      '"HGB ≥70g/L (can be transfused)": a post-transfusion value counts. mmol/L is read on the monomer (single heme) basis used by labs reporting it: 1 mmol/L = 16.1145 g/L.',
  },
  bilirubinMaxTimesUln: {
    value: 3,
    reading:
      '"Does not exceed 3 times the upper limit of normal": ≤ 3 × the reporting lab\'s own ULN, compared exactly in decimal. Without the lab\'s ULN the criterion is unknown (no population ULN is assumed).',
  },
  aminotransferaseMaxTimesUln: {
    value: 5,
    reading: 'AST and ALT each ≤ 5 × the reporting lab\'s ULN, exactly; without the ULN, unknown.',
  },
  myocardialInfarctionWindowMonths: {
    value: 12,
    unit: 'mo',
    reading:
      '"Myocardial infarction within the past 12 months": an infarction on or after the same calendar day 12 months before the screening date excludes; the patient is clear from the day after that anniversary.',
  },
  qtcMaxMs: {
    value: { male: 450, female: 470 },
    unit: 'ms',
    reading:
      'The record names "prolonged QT syndrome or secondary QT prolongation" without a threshold. A reported QT prolongation excludes; so does a QTc above 450 ms (male) or 470 ms (female), the usual clinical definition. With sex unknown, 450-470 ms stays unknown.',
  },
  consentVerifiedBySite: {
    value: true,
    reading:
      'Signed trial consent (and its refusal) is confirmed by the site, not the referring physician: an unknown consent does not hold back "eligible"; a reported refusal makes the patient ineligible.',
  },
  minimumDataToNotify: {
    value: 'diagnosis.type, demographics.birthDate',
    reading:
      'Not a criterion: the least a referral must carry before the site is told of it. An empty or nearly empty profile is screened "potential" (nothing excludes it), and would put a patient the site cannot even identify clinically in its inbox; without a diagnosis and a birth date the referral is stored and screened but waits as incomplete, and the site hears of it once both are sent.',
  },
} as const satisfies Record<string, TrialParameter>;

const P = NCT05212584_PARAMETERS;
const LAB_DAYS = P.labResultWindowDays.value;
const DISEASE_DAYS = P.diseaseAssessmentWindowDays.value;
const CLINICAL_DAYS = P.clinicalAssessmentWindowDays.value;

const blastsIn = (specimen: 'peripheral-blood' | 'bone-marrow', label: string) =>
  ({
    type: 'measurement',
    field: 'blasts',
    label: `${label} blasts`,
    request: `${label} blast percentage with the specimen date (within ${DISEASE_DAYS} days)`,
    where: { specimen },
    valueKey: 'percent',
    dateKey: 'date',
    comparator: '>',
    limit: P.blastBurdenMinPercentExclusive.value,
    unit: '%',
    freshnessDays: DISEASE_DAYS,
  }) as const;

const liverEnzyme = (field: 'labs.ast' | 'labs.alt', label: string) =>
  ({
    type: 'ulnMultiple',
    field,
    label,
    request: `${label} with unit, date and the lab's upper limit of normal (within ${LAB_DAYS} days)`,
    analyte: 'aminotransferase',
    maxMultiple: P.aminotransferaseMaxTimesUln.value,
    freshnessDays: LAB_DAYS,
  }) as const;

type LifelongConditionField =
  | 'history.solidOrganTransplant'
  | 'history.severePulmonaryDysfunction'
  | 'history.severeAutoimmuneDisease'
  | 'history.congenitalImmunodeficiency'
  | 'history.hivInfection';

const lifelongCondition = (field: LifelongConditionField, label: string) =>
  ({ type: 'condition', field, label, metWhen: 'absent', request: `whether the patient has or had ${label}: present or absent` }) as const;

const currentCondition = (field: 'infections.uncontrolledInfection' | 'infections.activeHepatitis' | 'infections.significantViralInfection', label: string) =>
  ({
    type: 'condition',
    field,
    label,
    metWhen: 'absent',
    currentWithinDays: CLINICAL_DAYS,
    request: `whether ${label} is present or absent, with the assessment date (within ${CLINICAL_DAYS} days)`,
  }) as const;

export const NCT05212584: TrialDefinition = {
  id: 'NCT05212584',
  title: 'CD7 CAR-T Cell Treatment of Relapsed/Refractory CD7+ T-Acute Lymphoblastic Leukemia/Lymphoma',
  sponsor: 'iCell Gene Therapeutics',
  phase: 'Phase 1',
  conditions: ['Relapsed/Refractory, High Risk Hematologic Malignancies', 'T-ALL/Lymphoma'],
  registryStatus: 'UNKNOWN',
  targetEnrollment: 24,
  dose: {
    min: 1e6,
    max: 7e6,
    unit: 'CAR-T cells/kg',
    schedule: 'dose escalation; CD7 CAR T cells transduced with a lentiviral vector',
  },
  sites: [
    {
      id: 'hebei-yanda-ludaopei',
      name: 'Hebei Yanda Lu Daopei Hospital',
      city: 'Langfang',
      region: 'Hebei',
      country: 'China',
      timeZone: 'Asia/Shanghai',
    },
  ],
  criteriaVersion: 1,
  parameters: P,
  criteria: [
    {
      id: 'inc-consent',
      kind: 'inclusion',
      text: 'Signed written informed consent; Patients volunteer to participate in the clinical trial',
      siteVerified: true,
      rule: {
        type: 'category',
        field: 'consent.status',
        label: 'trial consent',
        request: 'trial consent status (the site confirms the signed consent)',
        met: ['signed'],
        notMet: ['declined'],
      },
    },
    {
      id: 'inc-diagnosis',
      kind: 'inclusion',
      text: 'Diagnosis is mainly based on the World Health Organization (WHO) 2008',
      siteVerified: false,
      rule: {
        type: 'category',
        field: 'diagnosis.type',
        label: 'diagnosis',
        request: 'diagnosis: T-ALL, T-LBL or other (with its classification)',
        met: ['T-ALL', 'T-LBL'],
        notMet: ['other'],
      },
    },
    {
      id: 'inc-relapsed-refractory',
      kind: 'inclusion',
      text: 'Complete remission cannot be achieved after induction therapy; recurrence occurs after completion remission',
      siteVerified: false,
      rule: {
        type: 'category',
        field: 'diseaseStatus.status',
        label: 'disease status',
        request: 'disease status: primary refractory, relapsed, in remission or newly diagnosed',
        met: ['primary-refractory', 'relapsed'],
        notMet: ['in-remission', 'newly-diagnosed'],
      },
    },
    {
      id: 'inc-blast-burden',
      kind: 'inclusion',
      text: 'the burden of leukemic blasts in the peripheral blood or bone marrow is greater than 5%',
      siteVerified: false,
      rule: {
        type: 'anyOf',
        rules: [
          blastsIn('peripheral-blood', 'peripheral-blood'),
          blastsIn('bone-marrow', 'bone-marrow'),
          ...(P.lymphomaExtramedullaryDiseaseQualifies.value
            ? [
                {
                  type: 'allOf',
                  rules: [
                    {
                      type: 'category',
                      field: 'diagnosis.type',
                      label: 'diagnosis',
                      request: 'diagnosis: T-ALL, T-LBL or other',
                      met: ['T-LBL'],
                      notMet: ['T-ALL', 'other'],
                    },
                    {
                      type: 'condition',
                      field: 'diseaseStatus.extramedullaryDisease',
                      label: 'measurable extramedullary disease',
                      request: `for T-LBL: whether measurable extramedullary disease is present (assessed within ${DISEASE_DAYS} days)`,
                      metWhen: 'present',
                      currentWithinDays: DISEASE_DAYS,
                    },
                  ],
                } as const,
              ]
            : []),
        ],
      },
    },
    {
      id: 'inc-cd7-expression',
      kind: 'inclusion',
      text: 'Leukemic blast cells express CD7 (CD7 positive by flow cytometry or immunohistochemistry ≥70%)',
      siteVerified: false,
      rule: {
        type: 'measurement',
        field: 'cd7',
        label: 'CD7 expression',
        request: `CD7 expression (%) by flow cytometry or immunohistochemistry, with date (within ${DISEASE_DAYS} days)`,
        valueKey: 'percent',
        dateKey: 'date',
        comparator: '>=',
        limit: P.cd7MinPercentInclusive.value,
        unit: '%',
        freshnessDays: DISEASE_DAYS,
      },
    },
    {
      id: 'inc-life-expectancy',
      kind: 'inclusion',
      text: 'The expected survival period is greater than 12 weeks',
      siteVerified: false,
      rule: {
        type: 'measurement',
        field: 'lifeExpectancy',
        label: 'life expectancy',
        request: 'expected survival with its unit (d, wk or mo)',
        valueKey: 'value',
        dateKey: 'assessedOn',
        comparator: '>',
        limit: P.lifeExpectancyMinWeeksExclusive.value,
        unit: 'wk',
        analyte: 'duration',
        freshnessDays: CLINICAL_DAYS,
      },
    },
    {
      id: 'inc-ecog',
      kind: 'inclusion',
      text: 'ECOG score ≤2',
      siteVerified: false,
      rule: {
        type: 'measurement',
        field: 'ecog',
        label: 'ECOG',
        request: `ECOG performance status with date (within ${CLINICAL_DAYS} days)`,
        valueKey: 'score',
        dateKey: 'date',
        comparator: '<=',
        limit: P.ecogMaxInclusive.value,
        unit: '',
        freshnessDays: CLINICAL_DAYS,
      },
    },
    {
      id: 'inc-age',
      kind: 'inclusion',
      text: 'Age 2-60 years old',
      siteVerified: false,
      rule: {
        type: 'age',
        field: 'demographics.birthDate',
        label: 'age',
        request: 'date of birth',
        minYears: P.ageRangeYearsInclusive.value.min,
        maxYears: P.ageRangeYearsInclusive.value.max,
      },
    },
    {
      id: 'inc-hemoglobin',
      kind: 'inclusion',
      text: 'HGB≥70g/L (can be transfused)',
      siteVerified: false,
      rule: {
        type: 'measurement',
        field: 'labs.hemoglobin',
        label: 'hemoglobin',
        request: `hemoglobin with unit (g/L, g/dL or mmol/L) and date (within ${LAB_DAYS} days)`,
        valueKey: 'value',
        dateKey: 'date',
        comparator: '>=',
        limit: P.hemoglobinMinInclusive.value,
        unit: 'g/L',
        analyte: 'hemoglobin',
        freshnessDays: LAB_DAYS,
      },
    },
    {
      id: 'inc-liver-function',
      kind: 'inclusion',
      text: 'Total bilirubin does not exceed 3 times the upper limit of normal value, and AST and ALT do not exceed 5 times the upper limit of normal value',
      siteVerified: false,
      rule: {
        type: 'allOf',
        rules: [
          {
            type: 'ulnMultiple',
            field: 'labs.totalBilirubin',
            label: 'total bilirubin',
            request: `total bilirubin with unit, date and the lab's upper limit of normal (within ${LAB_DAYS} days)`,
            analyte: 'totalBilirubin',
            maxMultiple: P.bilirubinMaxTimesUln.value,
            freshnessDays: LAB_DAYS,
          },
          liverEnzyme('labs.ast', 'AST'),
          liverEnzyme('labs.alt', 'ALT'),
        ],
      },
    },
    {
      id: 'exc-declined-consent',
      kind: 'exclusion',
      text: 'Patients declining to consent for treatment',
      siteVerified: true,
      rule: {
        type: 'category',
        field: 'consent.status',
        label: 'trial consent',
        request: 'trial consent status (the site confirms it)',
        met: ['signed'],
        notMet: ['declined'],
      },
    },
    {
      id: 'exc-solid-organ-transplant',
      kind: 'exclusion',
      text: 'Prior solid organ transplantation',
      siteVerified: false,
      rule: lifelongCondition('history.solidOrganTransplant', 'prior solid organ transplant'),
    },
    {
      id: 'exc-cardiac',
      kind: 'exclusion',
      text: 'One of the following cardiac issues: atrial fibrillation; myocardial infarction within the past 12 months; prolonged QT syndrome or secondary QT prolongation; clinically significant pericardial effusion; cardiac insufficiency NYHA (New York Heart Association) III or IV',
      siteVerified: false,
      rule: {
        type: 'allOf',
        rules: [
          {
            type: 'condition',
            field: 'cardiac.atrialFibrillation',
            label: 'atrial fibrillation',
            request: 'whether atrial fibrillation is present or absent',
            metWhen: 'absent',
          },
          {
            type: 'recentEvent',
            field: 'cardiac.myocardialInfarction',
            label: 'myocardial infarction',
            request: 'whether the patient had a myocardial infarction, and the date of the most recent',
            withinMonths: P.myocardialInfarctionWindowMonths.value,
          },
          {
            type: 'corroborated',
            rules: [
              {
                type: 'condition',
                field: 'cardiac.qtProlongation',
                label: 'QT prolongation',
                request: 'whether prolonged QT syndrome or secondary QT prolongation is present, or a recent QTc',
                metWhen: 'absent',
              },
              {
                type: 'sexSpecificLimit',
                field: 'cardiac.qtcMs',
                label: 'QTc',
                request: `QTc in ms with the ECG date (within ${CLINICAL_DAYS} days)`,
                valueKey: 'value',
                dateKey: 'date',
                sexField: 'demographics.sex',
                maxBySex: P.qtcMaxMs.value,
                unit: 'ms',
                freshnessDays: CLINICAL_DAYS,
              },
            ],
          },
          {
            type: 'condition',
            field: 'cardiac.pericardialEffusion',
            label: 'clinically significant pericardial effusion',
            request: 'whether a clinically significant pericardial effusion is present or absent',
            metWhen: 'absent',
          },
          {
            type: 'category',
            field: 'cardiac.nyhaClass.value',
            label: 'NYHA class',
            request: 'NYHA class (I-IV)',
            met: ['I', 'II'],
            notMet: ['III', 'IV'],
          },
        ],
      },
    },
    {
      id: 'exc-pulmonary',
      kind: 'exclusion',
      text: 'History of severe pulmonary dysfunction diseases',
      siteVerified: false,
      rule: lifelongCondition('history.severePulmonaryDysfunction', 'severe pulmonary dysfunction'),
    },
    {
      id: 'exc-uncontrolled-infection',
      kind: 'exclusion',
      text: 'Severe infection or persistent infection cannot be effectively controlled',
      siteVerified: false,
      rule: currentCondition('infections.uncontrolledInfection', 'severe or uncontrolled infection'),
    },
    {
      id: 'exc-autoimmune-immunodeficiency',
      kind: 'exclusion',
      text: 'Severe autoimmune disease or congenital immunodeficiency',
      siteVerified: false,
      rule: {
        type: 'allOf',
        rules: [
          lifelongCondition('history.severeAutoimmuneDisease', 'severe autoimmune disease'),
          lifelongCondition('history.congenitalImmunodeficiency', 'congenital immunodeficiency'),
        ],
      },
    },
    {
      id: 'exc-active-hepatitis',
      kind: 'exclusion',
      text: 'Active hepatitis',
      siteVerified: false,
      rule: currentCondition('infections.activeHepatitis', 'active hepatitis'),
    },
    {
      id: 'exc-hiv',
      kind: 'exclusion',
      text: 'Human immunodeficiency virus (HIV) infection',
      siteVerified: false,
      rule: lifelongCondition('history.hivInfection', 'HIV infection'),
    },
    {
      id: 'exc-viral-infection',
      kind: 'exclusion',
      text: 'Clinically significant viral infections, or uncontrollable viral reactivation, including EBV (Epstein-Barr virus)',
      siteVerified: false,
      rule: currentCondition('infections.significantViralInfection', 'clinically significant viral infection or uncontrolled viral reactivation (EBV, CMV)'),
    },
  ],
};
