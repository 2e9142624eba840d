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
      'Blast counts, CD7 expression and extramedullary disease describe the disease now; older than 28 days they are stale. The site may want CD7 from the relapse specimen regardless of age: change this parameter, not the engine.',
  },
  clinicalAssessmentWindowDays: {
    value: 28,
    unit: 'd',
    reading:
      'Performance status, a dated life-expectancy estimate, QTc and current-state conditions (infection, hepatitis, viral reactivation) must have been assessed within 28 days.',
  },
  serologyWindowDays: {
    value: 28,
    unit: 'd',
    reading:
      'Serology and viral loads (HBsAg, anti-HBc, HBV DNA, anti-HCV, HCV RNA, HIV Ag/Ab, CMV and EBV DNA) speak for the infection state now: older than 28 days (the clinical window) they are stale and decide nothing; a physician\'s statement then still stands.',
  },
  blastBurdenMinPercentExclusive: {
    value: 5,
    unit: '%',
    reading:
      '"Greater than 5%" in peripheral blood OR bone marrow: strictly greater; the most recent current count of each specimen is used (the highest when two share a date). Not met only when both specimens have a current count of 5% or less and no extramedullary disease is reported.',
  },
  extramedullaryDisease: {
    value: 'site-review',
    reading:
      'Extramedullary disease is one disease in both lineages (T-ALL and T-LBL): with blasts of 5% or less in blood and marrow, measurable extramedullary disease reported present (a mediastinal mass, nodes) leaves the blast-burden criterion unknown with a request for the site to review it, never a silent fail and never a silent pass. Reported absent with low blasts, the criterion is not met.',
  },
  acceptedDiagnosisClassifications: {
    value: 'WHO-2008, WHO-2016, WHO-2022, ICC-2022, other',
    reading:
      '"Diagnosis is mainly based on WHO 2008": T-ALL and T-LBL are the same entities in later WHO and ICC editions, so a T-ALL/T-LBL diagnosis under any classification qualifies; the classification is recorded, not tested.',
  },
  cd7MinPercentInclusive: {
    value: 70,
    unit: '%',
    reading:
      '"CD7 positive by flow cytometry or immunohistochemistry ≥70%": the percentage of leukemic blasts expressing CD7; 70% qualifies. Several dated results may be sent (flow cytometry and IHC can disagree): any current one of 70% or more decides; not met only when every current result is below 70%.',
  },
  lifeExpectancyMinWeeksExclusive: {
    value: 12,
    unit: 'wk',
    reading:
      '"Greater than 12 weeks": 12 weeks (84 days) does not qualify. Days, weeks and UCUM months (30.4375 days) are accepted.',
  },
  ecogMaxInclusive: { value: 2, reading: '"ECOG score ≤2".' },
  performanceScaleEquivalence: {
    value: { karnofskyMin: 60, lanskyMin: 50, lanskyUnderYears: 16 },
    reading:
      'The record asks ECOG ≤ 2; children are usually scored on the Lansky play-performance scale and some centres use Karnofsky. Karnofsky ≥ 60 and Lansky ≥ 50 are read as ECOG ≤ 2 (the conversion used in paediatric oncology protocols such as the Children\'s Oncology Group\'s performance status scales; Karnofsky 50 sits on the ECOG 2-3 border, so 60 is the conservative reading). Lansky applies under 16 on the assessment date. The most recent current assessment decides; on the same day ECOG comes first. The reason names the scale and the equivalence.',
  },
  ageRangeYearsInclusive: {
    value: { min: 2, max: 60 },
    unit: 'a',
    reading:
      '"Age 2-60 years old": completed years, both ends included (a 60-year-old qualifies until the 61st birthday). A 29 February birthday is reached on 1 March in common years. Over 60, time cannot help: no rescreen is scheduled.',
  },
  hemoglobinMinInclusive: {
    value: 70,
    unit: 'g/L',
    reading:
      '"HGB ≥70g/L (can be transfused)". mmol/L is read on the monomer (single heme) basis used by labs reporting it: 1 mmol/L = 16.1145 g/L.',
  },
  hemoglobinCorrectableByTransfusion: {
    value: true,
    reading:
      '"(can be transfused)": a hemoglobin below 70 g/L is correctable and never makes the patient ineligible. The criterion stays unknown with a request for a hemoglobin after transfusion (the verdict is at best potential); a result flagged as taken after transfusion decides either way.',
  },
  bilirubinMaxTimesUln: {
    value: 3,
    reading:
      '"Does not exceed 3 times the upper limit of normal": ≤ 3 × the reporting lab\'s own ULN, compared exactly in decimal.',
  },
  aminotransferaseMaxTimesUln: {
    value: 5,
    reading: 'AST and ALT each ≤ 5 × the reporting lab\'s ULN, exactly.',
  },
  lowestPlausibleUln: {
    value: { totalBilirubinUmolPerL: 13.7, aminotransferaseUPerL: 19 },
    reading:
      'When the lab\'s ULN is not sent, it is asked for only if it could matter: a value within the multiple of even the lowest ULN in clinical use (total bilirubin 0.8 mg/dL = 13.7 µmol/L, the lowest paediatric upper limit; AST/ALT 19 U/L, the lowest sex-specific ALT limit proposed by the ACG 2017 guideline, below every AST limit) is within the limit for any lab: met, and the reason says the ULN was assumed. Above that, the lab\'s own ULN decides.',
  },
  myocardialInfarctionWindowMonths: {
    value: 12,
    unit: 'mo',
    reading:
      '"Myocardial infarction within the past 12 months": an infarction on or after the same calendar day 12 months before the screening date excludes; the patient is clear from the day after that anniversary.',
  },
  paroxysmalAtrialFibrillationWindowMonths: {
    value: 12,
    unit: 'mo',
    reading:
      'The record excludes "atrial fibrillation", read as current AF: persistent or permanent AF, AF reported without its pattern, or paroxysmal AF with an episode within the last 12 months (the window the same criterion sets for myocardial infarction). Paroxysmal AF whose last episode is older is history, not current AF: clear, and the reason says which.',
  },
  qtcMaxMs: {
    value: { male: 450, female: 470 },
    unit: 'ms',
    reading:
      'The record names "prolonged QT syndrome or secondary QT prolongation" without a threshold. A reported QT prolongation excludes; so does a QTc above 450 ms (men) or 470 ms (women) from age 16 (Goldenberg, Moss, Zareba, J Cardiovasc Electrophysiol 2006;17:333-6). A "no QT prolongation" statement never hides a measured QTc that cannot be decided: that stays unknown.',
  },
  qtcChildLimit: {
    value: { maxMs: 460, underYears: 16 },
    unit: 'ms',
    reading:
      'Before puberty the adult sex-specific limits do not apply: for ages 1-15 a QTc above 460 ms is prolonged in both sexes (same source). Age is taken on the ECG date; with age or sex unknown, only a QTc within or above every limit that could apply is decided, and what would decide it is requested.',
  },
  nyhaClassAskedOnlyWithHeartFailure: {
    value: true,
    reading:
      '"Cardiac insufficiency NYHA III or IV": a NYHA class decides when sent; a patient reported free of heart failure is clear without one; the class is asked for only when heart failure is reported, and otherwise the question is whether there is heart failure.',
  },
  hsctIsNotSolidOrganTransplant: {
    value: true,
    reading:
      '"Prior solid organ transplantation" does not include haematopoietic stem cell transplantation: a prior allogeneic HSCT never excludes under it, and the reason says so whenever one is reported.',
  },
  hepatitisBSerology: {
    value: 'HBV DNA detectable: active; HBsAg+ DNA undetectable: site review; HBsAg- anti-HBc+ DNA undetectable: resolved',
    reading:
      '"Active hepatitis" from HBV markers: detectable HBV DNA is active infection (excluded). HBsAg positive with undetectable DNA is chronic infection without replication: not active hepatitis on serology, but the site reviews it (antiviral prophylaxis is required). HBsAg negative, anti-HBc positive and DNA undetectable is resolved infection: clear, and the reason says the site may require prophylaxis or DNA monitoring. A positive HBsAg or anti-HBc without HBV DNA asks for it. Serology can only exclude or contest: a physician\'s statement on active hepatitis (any cause) is what clears the criterion.',
  },
  hepatitisCSerology: {
    value: 'HCV RNA detectable: active; anti-HCV+ RNA undetectable: not active',
    reading:
      'Detectable HCV RNA is active hepatitis C (excluded); anti-HCV positive with undetectable RNA is past infection, not active; anti-HCV positive without RNA asks for HCV RNA.',
  },
  hivScreenNeedsConfirmation: {
    value: true,
    reading:
      '"HIV infection": a non-reactive HIV antigen/antibody test (or the physician\'s statement) clears it; a reactive screen excludes once confirmed by a supplementary test, and until then asks for the confirmation (a reactive screen alone is not a diagnosis). A confirmed infection is lifelong: it never goes out of date.',
  },
  viralLoadDetectedSiteReviews: {
    value: true,
    reading:
      '"Clinically significant viral infections, or uncontrollable viral reactivation, including EBV": a detectable CMV or EBV DNA load is reported to the site to judge (unknown, site review), since the record sets no load threshold; undetectable loads do not clear the criterion alone (other viruses): the physician\'s statement does.',
  },
  consentVerifiedBySite: {
    value: true,
    reading:
      'Signed trial consent (and its refusal) is confirmed by the site, not the referring physician: an unknown consent does not hold back "eligible"; a reported refusal makes the patient ineligible; a pending consent is not a refusal.',
  },
  guardianConsentUnderYears: {
    value: 18,
    unit: 'a',
    reading:
      'Patients under 18 (the age of majority in the PRC Civil Code, art. 17) are consented by a guardian, with the child\'s assent where the child can give it: a consent signed by a minor alone asks for the guardian\'s; a child\'s declined assent goes to the site. The site verifies consent in every case.',
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
const SEROLOGY_DAYS = P.serologyWindowDays.value;

const blastsIn = (specimen: 'peripheral-blood' | 'bone-marrow', subject: 'blastsPeripheralBlood' | 'blastsBoneMarrow') =>
  ({
    type: 'measurement',
    field: 'blasts',
    subject,
    need: subject,
    where: { specimen },
    valueKey: 'percent',
    dateKey: 'date',
    comparator: '>',
    limit: P.blastBurdenMinPercentExclusive.value,
    unit: '%',
    freshnessDays: DISEASE_DAYS,
  }) as const;

const liverEnzyme = (field: 'labs.ast' | 'labs.alt', subject: 'ast' | 'alt') =>
  ({
    type: 'ulnMultiple',
    field,
    subject,
    need: subject,
    ulnNeed: `${subject}-uln`,
    analyte: 'aminotransferase',
    maxMultiple: P.aminotransferaseMaxTimesUln.value,
    freshnessDays: LAB_DAYS,
    lowestPlausibleUln: { value: P.lowestPlausibleUln.value.aminotransferaseUPerL, unit: 'U/L' },
  }) as const;

type LifelongConditionField =
  | 'history.solidOrganTransplant'
  | 'history.severePulmonaryDysfunction'
  | 'history.severeAutoimmuneDisease'
  | 'history.congenitalImmunodeficiency'
  | 'history.hivInfection';

const lifelongCondition = (field: LifelongConditionField, subject: string) =>
  ({ type: 'condition', field, subject, need: subject, metWhen: 'absent' }) as const;

const currentCondition = (
  field: 'infections.uncontrolledInfection' | 'infections.activeHepatitis' | 'infections.significantViralInfection',
  subject: string,
) => ({ type: 'condition', field, subject, need: subject, metWhen: 'absent', currentWithinDays: CLINICAL_DAYS }) as const;

const emdRule = () => {
  const reading = P.extramedullaryDisease.value as 'site-review' | 'qualifies' | 'does-not-qualify';
  if (reading === 'does-not-qualify') return [];
  return [
    {
      type: 'condition',
      field: 'diseaseStatus.extramedullaryDisease',
      subject: 'extramedullaryDisease',
      need: 'extramedullaryDisease',
      metWhen: 'present',
      currentWithinDays: DISEASE_DAYS,
      ...(reading === 'site-review' ? { siteReviewsPresent: 'extramedullaryDisease-review' } : {}),
    } as const,
  ];
};

export const NCT05212584: TrialDefinition = {
  id: 'NCT05212584',
  title: 'CD7 CAR-T Cell Treatment of Relapsed/Refractory CD7+ T-Acute Lymphoblastic Leukemia/Lymphoma',
  sponsor: 'iCell Gene Therapeutics',
  phase: 'Phase 1',
  summary:
    'This is a phase I, interventional, single arm, open label, treatment study to evaluate the safety and tolerability of CD7 CAR-T cells in patients with relapsed and/or refractory, high risk hematologic malignancies.',
  studyType: 'Interventional',
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
  criteriaVersion: 2,
  parameters: P,
  criteria: [
    {
      id: 'inc-consent',
      kind: 'inclusion',
      text: 'Signed written informed consent; Patients volunteer to participate in the clinical trial',
      siteVerified: true,
      rule: {
        type: 'consent',
        field: 'consent',
        subject: 'consent',
        need: 'consent',
        birthDateField: 'demographics.birthDate',
        adultAgeYears: P.guardianConsentUnderYears.value,
        asks: 'signature',
      },
    },
    {
      id: 'inc-diagnosis',
      kind: 'inclusion',
      text: 'Diagnosis is mainly based on the World Health Organization (WHO) 2008',
      siteVerified: false,
      rule: { type: 'category', field: 'diagnosis.type', subject: 'diagnosis', need: 'diagnosis', met: ['T-ALL', 'T-LBL'], notMet: ['other'] },
    },
    {
      id: 'inc-relapsed-refractory',
      kind: 'inclusion',
      text: 'Complete remission cannot be achieved after induction therapy; recurrence occurs after completion remission',
      siteVerified: false,
      rule: {
        type: 'category',
        field: 'diseaseStatus.status',
        subject: 'diseaseStatus',
        need: 'diseaseStatus',
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
        rules: [blastsIn('peripheral-blood', 'blastsPeripheralBlood'), blastsIn('bone-marrow', 'blastsBoneMarrow'), ...emdRule()],
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
        subject: 'cd7',
        need: 'cd7',
        select: 'any',
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
        subject: 'lifeExpectancy',
        need: 'lifeExpectancy',
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
        type: 'performanceStatus',
        field: 'ecog',
        subject: 'performanceStatus',
        need: 'performanceStatus',
        ecogField: 'ecog',
        karnofskyField: 'karnofsky',
        lanskyField: 'lansky',
        birthDateField: 'demographics.birthDate',
        ecogMax: P.ecogMaxInclusive.value,
        karnofskyMin: P.performanceScaleEquivalence.value.karnofskyMin,
        lanskyMin: P.performanceScaleEquivalence.value.lanskyMin,
        lanskyUnderYears: P.performanceScaleEquivalence.value.lanskyUnderYears,
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
        rangeField: 'demographics.birthDateRange',
        subject: 'birthDate',
        need: 'birth-date',
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
        subject: 'hemoglobin',
        need: 'hemoglobin',
        valueKey: 'value',
        dateKey: 'date',
        comparator: '>=',
        limit: P.hemoglobinMinInclusive.value,
        unit: 'g/L',
        analyte: 'hemoglobin',
        freshnessDays: LAB_DAYS,
        ...(P.hemoglobinCorrectableByTransfusion.value ? { correctable: { flagKey: 'transfused', need: 'hemoglobin-after-transfusion' } } : {}),
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
            subject: 'totalBilirubin',
            need: 'totalBilirubin',
            ulnNeed: 'totalBilirubin-uln',
            analyte: 'totalBilirubin',
            maxMultiple: P.bilirubinMaxTimesUln.value,
            freshnessDays: LAB_DAYS,
            lowestPlausibleUln: { value: P.lowestPlausibleUln.value.totalBilirubinUmolPerL, unit: 'umol/L' },
          },
          liverEnzyme('labs.ast', 'ast'),
          liverEnzyme('labs.alt', 'alt'),
        ],
      },
    },
    {
      id: 'exc-declined-consent',
      kind: 'exclusion',
      text: 'Patients declining to consent for treatment',
      siteVerified: true,
      rule: {
        type: 'consent',
        field: 'consent',
        subject: 'consent',
        need: 'consent',
        birthDateField: 'demographics.birthDate',
        adultAgeYears: P.guardianConsentUnderYears.value,
        asks: 'no-refusal',
      },
    },
    {
      id: 'exc-solid-organ-transplant',
      kind: 'exclusion',
      text: 'Prior solid organ transplantation',
      siteVerified: false,
      rule: {
        ...lifelongCondition('history.solidOrganTransplant', 'solidOrganTransplant'),
        ...(P.hsctIsNotSolidOrganTransplant.value ? { distinctFromHsct: 'priorTherapy.allogeneicHsct' } : {}),
      },
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
            type: 'atrialFibrillation',
            field: 'cardiac.atrialFibrillation',
            subject: 'atrialFibrillation',
            need: 'atrialFibrillation',
            lastEpisodeNeed: 'atrialFibrillation-last-episode',
            paroxysmalWithinMonths: P.paroxysmalAtrialFibrillationWindowMonths.value,
          },
          {
            type: 'recentEvent',
            field: 'cardiac.myocardialInfarction',
            subject: 'myocardialInfarction',
            need: 'myocardialInfarction',
            dateNeed: 'myocardialInfarction-date',
            withinMonths: P.myocardialInfarctionWindowMonths.value,
          },
          {
            type: 'corroborated',
            rules: [
              { type: 'condition', field: 'cardiac.qtProlongation', subject: 'qtProlongation', need: 'qtProlongation', metWhen: 'absent' },
              {
                type: 'qtc',
                field: 'cardiac.qtcMs',
                subject: 'qtc',
                need: 'qtc',
                birthDateField: 'demographics.birthDate',
                sexField: 'demographics.sex',
                maxBySex: P.qtcMaxMs.value,
                childMax: P.qtcChildLimit.value.maxMs,
                childUnderYears: P.qtcChildLimit.value.underYears,
                freshnessDays: CLINICAL_DAYS,
              },
            ],
          },
          {
            type: 'condition',
            field: 'cardiac.pericardialEffusion',
            subject: 'pericardialEffusion',
            need: 'pericardialEffusion',
            metWhen: 'absent',
          },
          {
            type: 'heartFailure',
            field: 'cardiac.heartFailure',
            subject: 'heartFailure',
            need: 'heartFailure',
            nyhaField: 'cardiac.nyhaClass.value',
            nyhaNeed: 'nyhaClass',
            excludedClasses: ['III', 'IV'],
          },
        ],
      },
    },
    {
      id: 'exc-pulmonary',
      kind: 'exclusion',
      text: 'History of severe pulmonary dysfunction diseases',
      siteVerified: false,
      rule: lifelongCondition('history.severePulmonaryDysfunction', 'severePulmonaryDysfunction'),
    },
    {
      id: 'exc-uncontrolled-infection',
      kind: 'exclusion',
      text: 'Severe infection or persistent infection cannot be effectively controlled',
      siteVerified: false,
      rule: currentCondition('infections.uncontrolledInfection', 'uncontrolledInfection'),
    },
    {
      id: 'exc-autoimmune-immunodeficiency',
      kind: 'exclusion',
      text: 'Severe autoimmune disease or congenital immunodeficiency',
      siteVerified: false,
      rule: {
        type: 'allOf',
        rules: [
          lifelongCondition('history.severeAutoimmuneDisease', 'severeAutoimmuneDisease'),
          lifelongCondition('history.congenitalImmunodeficiency', 'congenitalImmunodeficiency'),
        ],
      },
    },
    {
      id: 'exc-active-hepatitis',
      kind: 'exclusion',
      text: 'Active hepatitis',
      siteVerified: false,
      rule: {
        type: 'attested',
        rules: [
          currentCondition('infections.activeHepatitis', 'activeHepatitis'),
          { type: 'hepatitisB', field: 'serology', subject: 'hepatitisBSerology', need: 'hbv-serology', freshnessDays: SEROLOGY_DAYS },
          { type: 'hepatitisC', field: 'serology', subject: 'hepatitisCSerology', need: 'hcv-serology', freshnessDays: SEROLOGY_DAYS },
        ],
      },
    },
    {
      id: 'exc-hiv',
      kind: 'exclusion',
      text: 'Human immunodeficiency virus (HIV) infection',
      siteVerified: false,
      rule: {
        type: 'corroborated',
        rules: [
          lifelongCondition('history.hivInfection', 'hivInfection'),
          { type: 'hiv', field: 'serology', subject: 'hivAgAb', need: 'hiv-test', freshnessDays: SEROLOGY_DAYS },
        ],
      },
    },
    {
      id: 'exc-viral-infection',
      kind: 'exclusion',
      text: 'Clinically significant viral infections, or uncontrollable viral reactivation, including EBV (Epstein-Barr virus)',
      siteVerified: false,
      rule: {
        type: 'attested',
        rules: [
          currentCondition('infections.significantViralInfection', 'significantViralInfection'),
          { type: 'viralLoad', field: 'serology.cmvDna', subject: 'cmvDna', need: 'cmvDna', reviewNeed: 'viral-load-review', freshnessDays: SEROLOGY_DAYS },
          { type: 'viralLoad', field: 'serology.ebvDna', subject: 'ebvDna', need: 'ebvDna', reviewNeed: 'viral-load-review', freshnessDays: SEROLOGY_DAYS },
        ],
      },
    },
  ],
};
