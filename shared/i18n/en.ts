/** English: the words of every reason, request and verdict. */
import type { Catalogue } from './catalogue.js';

const on = (date: string | undefined) => (date === undefined ? '' : ` on ${date}`);
const assessed = (date: string | undefined) => (date === undefined ? '' : ` (assessed ${date})`);

export const EN: Catalogue = {
  subjects: {
    consent: 'trial consent',
    diagnosis: 'diagnosis',
    diseaseStatus: 'disease status',
    blastsPeripheralBlood: 'peripheral-blood blasts',
    blastsBoneMarrow: 'bone-marrow blasts',
    extramedullaryDisease: 'measurable extramedullary disease',
    cd7: 'CD7 expression',
    lifeExpectancy: 'expected survival',
    performanceStatus: 'performance status',
    ecog: 'ECOG',
    karnofsky: 'Karnofsky',
    lansky: 'Lansky',
    birthDate: 'date of birth',
    hemoglobin: 'hemoglobin',
    totalBilirubin: 'total bilirubin',
    ast: 'AST',
    alt: 'ALT',
    solidOrganTransplant: 'prior solid organ transplant',
    atrialFibrillation: 'atrial fibrillation',
    myocardialInfarction: 'myocardial infarction',
    qtProlongation: 'QT prolongation (prolonged QT syndrome or secondary)',
    qtc: 'QTc',
    pericardialEffusion: 'clinically significant pericardial effusion',
    heartFailure: 'cardiac insufficiency (heart failure)',
    nyhaClass: 'NYHA class',
    severePulmonaryDysfunction: 'severe pulmonary dysfunction',
    uncontrolledInfection: 'severe or uncontrolled infection',
    severeAutoimmuneDisease: 'severe autoimmune disease',
    congenitalImmunodeficiency: 'congenital immunodeficiency',
    activeHepatitis: 'active hepatitis',
    hepatitisBSerology: 'hepatitis B serology',
    hepatitisCSerology: 'hepatitis C serology',
    hbsAg: 'HBsAg',
    hivInfection: 'HIV infection',
    hivAgAb: 'HIV antigen/antibody test',
    significantViralInfection: 'clinically significant viral infection or uncontrolled viral reactivation',
    cmvDna: 'CMV DNA',
    ebvDna: 'EBV DNA',
  },
  values: {
    'T-ALL': 'T-ALL',
    'T-LBL': 'T-LBL',
    other: 'other',
    'primary-refractory': 'primary refractory',
    relapsed: 'relapsed',
    'in-remission': 'in remission',
    'newly-diagnosed': 'newly diagnosed',
    present: 'present',
    absent: 'absent',
    signed: 'signed',
    declined: 'declined',
    pending: 'pending',
    given: 'given',
    'not-applicable': 'not applicable',
    patient: 'the patient',
    guardian: 'a guardian',
    'patient-and-guardian': 'the patient and a guardian',
    I: 'I',
    II: 'II',
    III: 'III',
    IV: 'IV',
    'flow-cytometry': 'flow cytometry',
    immunohistochemistry: 'immunohistochemistry',
    morphology: 'morphology',
    paroxysmal: 'paroxysmal',
    persistent: 'persistent',
    permanent: 'permanent',
  },
  units: { d: 'days', wk: 'weeks', mo: 'months', 'umol/L': 'µmol/L', '{copies}/mL': 'copies/mL', '[IU]/mL': 'IU/mL', '[lb_av]': 'lb' },
  needs: {
    consent: 'trial consent status (the site confirms the signed consent)',
    diagnosis: 'diagnosis: T-ALL, T-LBL or other (with its classification)',
    diseaseStatus: 'disease status: primary refractory, relapsed, in remission or newly diagnosed',
    blastsPeripheralBlood: 'peripheral-blood blast percentage with the specimen date',
    blastsBoneMarrow: 'bone-marrow blast percentage with the specimen date',
    extramedullaryDisease: 'whether measurable extramedullary disease (imaging) is present or absent, with the assessment date',
    'extramedullaryDisease-review': 'the site reviews the measurable extramedullary disease (imaging sites and sizes help)',
    cd7: 'CD7 expression (% of leukemic blasts) by flow cytometry or immunohistochemistry, with the date',
    lifeExpectancy: 'expected survival with its unit (days, weeks or months)',
    performanceStatus: 'performance status with its date: ECOG, Karnofsky, or Lansky (under 16)',
    'birth-date': 'date of birth',
    sex: "the patient's sex (female or male)",
    hemoglobin: 'hemoglobin with unit (g/L, g/dL or mmol/L) and date',
    'hemoglobin-after-transfusion': 'hemoglobin after transfusion, ≥ 70 g/L (mark the result as taken after transfusion)',
    totalBilirubin: "total bilirubin with unit, date and the lab's upper limit of normal",
    ast: "AST with unit, date and the lab's upper limit of normal",
    alt: "ALT with unit, date and the lab's upper limit of normal",
    'totalBilirubin-uln': "the reporting lab's upper limit of normal for total bilirubin (value and unit)",
    'ast-uln': "the reporting lab's upper limit of normal for AST (value and unit)",
    'alt-uln': "the reporting lab's upper limit of normal for ALT (value and unit)",
    solidOrganTransplant: 'whether the patient had a solid organ transplant (present or absent; an HSCT is not one)',
    atrialFibrillation: 'whether atrial fibrillation is present (with its pattern) or absent',
    'atrialFibrillation-last-episode': 'the date of the last episode of paroxysmal atrial fibrillation',
    myocardialInfarction: 'whether the patient had a myocardial infarction, and the date of the most recent',
    'myocardialInfarction-date': 'the date of the most recent myocardial infarction',
    qtProlongation: 'whether prolonged QT syndrome or secondary QT prolongation is present, or a recent QTc',
    qtc: 'QTc in ms with the ECG date',
    pericardialEffusion: 'whether a clinically significant pericardial effusion is present or absent',
    heartFailure: 'whether the patient has cardiac insufficiency (heart failure), and its NYHA class if so',
    nyhaClass: 'the NYHA class (I-IV) of the reported heart failure',
    severePulmonaryDysfunction: 'whether the patient has or had severe pulmonary dysfunction: present or absent',
    uncontrolledInfection: 'whether a severe or uncontrolled infection is present or absent, with the assessment date',
    severeAutoimmuneDisease: 'whether the patient has or had severe autoimmune disease: present or absent',
    congenitalImmunodeficiency: 'whether the patient has congenital immunodeficiency: present or absent',
    activeHepatitis: 'whether active hepatitis is present or absent, with the assessment date',
    hivInfection: 'whether the patient has HIV infection, or an HIV antigen/antibody test',
    significantViralInfection:
      'whether a clinically significant viral infection or uncontrolled viral reactivation (EBV, CMV) is present or absent, with the assessment date',
    'hbv-serology': 'HBsAg, anti-HBc and HBV DNA with dates',
    hbsag: 'HBsAg with date',
    'hbv-dna': 'HBV DNA (detected or not detected) with date',
    'hbv-chronic-review': 'the site reviews chronic HBV infection without replication (antiviral prophylaxis is required)',
    'hcv-serology': 'anti-HCV and HCV RNA with dates',
    'hcv-rna': 'HCV RNA (detected or not detected) with date',
    'hiv-test': 'an HIV antigen/antibody test with date',
    'hiv-confirmation': 'the result of a supplementary test confirming or refuting the reactive HIV screen',
    cmvDna: 'CMV DNA load with date',
    ebvDna: 'EBV DNA load with date',
    'viral-load-review': 'the site judges whether the detectable viral load is clinically significant or uncontrolled',
    'guardian-consent': "a guardian's signed consent (the patient is a minor)",
    'assent-review': "the site reviews the child's declined assent",
  },
  outcomes: { met: 'met', not_met: 'NOT MET', unknown: 'unknown', clear: 'clear', excluded: 'EXCLUDED' },
  verdicts: {
    eligible: 'Pre-screen eligible — the site confirms eligibility',
    potential: 'Potential candidate — nothing excludes the patient; data is still needed or under the site’s review',
    ineligible: 'Not eligible on pre-screen',
  },
  problems: { missing: 'missing', stale: 'out of date', incomplete: 'incomplete', 'follow-up': 'follow-up result', 'site-review': 'site review' },
  comparators: {
    '>': ['is greater than', 'is not greater than'],
    '>=': ['is at least', 'is below'],
    '<': ['is below', 'is not below'],
    '<=': ['is at most', 'is above'],
  },
  requestParts: {
    within: (days) => ` (within ${days} days)`,
    since: (date) => `: a result from ${date} or later`,
    check: (date) => `; check the date ${date}`,
  },
  converted: (shown, inLimitUnit) => `${shown} (${inLimitUnit})`,
  intakeNotice: (fields) => {
    const names = fields.map((field) => ({ 'diagnosis.type': 'the diagnosis', 'demographics.birthDate': 'the date of birth' })[field] ?? field);
    return `The site is not told of this referral until it carries ${names.join(' and ')}: send ${names.length === 1 ? 'it' : 'them'} with PATCH.`;
  },
  separator: '; ',
  reasons: {
    'not-reported': (r, w) => `${w.subject(r.subject)}: not reported`,
    stale: (r, w) => `${w.subject(r.subject)} dated ${r.date} is older than ${r.windowDays} days (out of date)`,
    'future-dated': (r, w) => `${w.subject(r.subject)} is dated ${r.date}, after the screening date ${r.asOf}`,
    'unit-unsupported': (r, w) => `${w.subject(r.subject)} unit ${r.unit} is not supported`,
    measured: (r, w) =>
      `${w.subject(r.subject)}${r.method === undefined ? '' : ` by ${w.value(r.method)}`}${r.corrected ? ' after transfusion' : ''} ` +
      `${w.quantity(r.measured.value, r.measured.unit, r.measured.converted, r.limitUnit)}${on(r.date)} ` +
      `${EN.comparators[r.comparator][r.passes ? 0 : 1]} ${w.quantity(r.limit, r.limitUnit)}`,
    'below-correctable': (r, w) =>
      `${w.subject(r.subject)} ${w.quantity(r.measured.value, r.measured.unit, r.measured.converted, r.limitUnit)} on ${r.date} is below ` +
      `${w.quantity(r.limit, r.limitUnit)}, which a transfusion can correct: a value after transfusion decides`,
    'uln-multiple': (r, w) =>
      `${w.subject(r.subject)} ${w.quantity(r.measured.value, r.measured.unit)} on ${r.date} is ${w.number(r.ratio)}× the upper limit of ` +
      `normal (${w.quantity(r.uln, r.ulnUnit)}): ${r.passes ? 'within' : 'exceeds'} ${r.maxMultiple}×`,
    'uln-assumed': (r, w) =>
      `${w.subject(r.subject)} ${w.quantity(r.measured.value, r.measured.unit)} on ${r.date} is within ${r.maxMultiple}× even the lowest ` +
      `ULN in use (${w.quantity(r.lowestUln, r.ulnUnit)}), assumed as the lab's ULN was not sent`,
    'uln-missing': (r, w) =>
      `${w.subject(r.subject)} ${w.quantity(r.measured.value, r.measured.unit)} on ${r.date}: the lab's upper limit of normal decides`,
    category: (r, w) => `${w.subject(r.subject)}: ${w.value(r.value)}`,
    condition: (r, w) => `${w.subject(r.subject)}: ${w.value(r.status)}${assessed(r.assessedOn)}`,
    'condition-undated': (r, w) => `${w.subject(r.subject)} reported ${w.value(r.status)} without an assessment date`,
    'site-review': (r, w) => `${w.subject(r.subject)}: present${assessed(r.assessedOn)}; the site reviews it`,
    age: (r) => `age ${r.years} is ${r.position} ${r.min}-${r.max} years`,
    'age-range': (r) =>
      r.position === 'boundary'
        ? `the date of birth is known only to the month or year: the patient is ${r.youngest} or ${r.oldest}, on the ${r.min}-${r.max} years boundary; the full date decides`
        : `the date of birth is known only to the month or year: age ${r.youngest === r.oldest ? r.youngest : `${r.youngest}-${r.oldest}`} is ${r.position} ${r.min}-${r.max} years whatever the day`,
    'birth-date-after-screening': (r) => `the date of birth is after the screening date ${r.asOf}`,
    'event-within': (r, w) => `${w.subject(r.subject)} on ${r.date} is within the past ${r.months} months (until ${r.until})`,
    'event-before': (r, w) => `${w.subject(r.subject)} on ${r.date} is more than ${r.months} months before the screening date`,
    'event-undated': (r, w) => `${w.subject(r.subject)} reported without a date`,
    'af-remote-paroxysmal': (r) =>
      `paroxysmal atrial fibrillation, last episode ${r.lastEpisodeOn} (more than ${r.months} months ago): a history of AF, not current AF`,
    'af-current': (r) =>
      r.pattern === 'unspecified'
        ? 'atrial fibrillation reported present without its pattern: read as current AF'
        : r.pattern === 'paroxysmal'
          ? `paroxysmal atrial fibrillation with an episode on ${r.lastEpisodeOn ?? 'an unknown date'}, within the window: current AF`
          : `current atrial fibrillation (${r.pattern})`,
    qtc: (r) =>
      `QTc ${r.value} ms on ${r.date} is ${r.passes ? 'within' : 'above'} the ${r.limit} ms limit for ` +
      `${r.basis === 'child' ? 'children' : r.basis === 'female' ? 'women' : 'men'}`,
    'qtc-between-limits': (r) =>
      `QTc ${r.value} ms on ${r.date} lies between the limits that could apply (${r.low}-${r.high} ms): the patient's age and sex decide`,
    'qtc-outside-every-limit': (r) =>
      `QTc ${r.value} ms on ${r.date} is ${r.passes ? 'within' : 'above'} every limit that could apply (${r.limit} ms)`,
    performance: (r) => {
      if (r.scale === 'ecog') return `ECOG ${r.score} on ${r.date} is ${r.passes ? 'at most' : 'above'} ${r.limit}`;
      const scale = r.scale === 'karnofsky' ? 'Karnofsky' : 'Lansky';
      return `${scale} ${r.score} on ${r.date} is ${r.passes ? 'at least' : 'below'} ${r.limit}, read as ECOG ${r.passes ? '≤ 2' : 'above 2'} (the trial's equivalence)`;
    },
    'lansky-not-applicable': (r) =>
      `Lansky ${r.score} on ${r.date} applies to patients under ${r.underYears}; ` +
      `${r.ageKnown ? 'the patient was older then' : 'the date of birth is not known'}`,
    'no-heart-failure': (r) => `no cardiac insufficiency${assessed(r.assessedOn)}: no NYHA class is needed`,
    'heart-failure-without-class': () => 'cardiac insufficiency is reported without its NYHA class',
    'hsct-is-not-solid-organ': (r) =>
      `the prior allogeneic HSCT${r.date === undefined ? '' : ` (${r.date})`} is not a solid organ transplant`,
    consent: (r, w) =>
      `trial consent${r.status === 'signed' && r.signedBy !== undefined ? ` signed by ${w.value(r.signedBy)}` : `: ${w.value(r.status)}`}` +
      `${r.assent === undefined ? '' : `; the child's assent: ${w.value(r.assent)}`}`,
    'consent-minor-needs-guardian': (r) => `the patient is under ${r.adultAge}: a guardian's consent is needed`,
    'assent-declined': () => 'the child declined assent; the site decides whether to proceed',
    'hepatitis-b': (r) => {
      switch (r.finding) {
        case 'replicating':
          return `HBV DNA detected on ${r.date}: active hepatitis B`;
        case 'chronic-without-replication':
          return `HBsAg positive (${r.date}) with HBV DNA not detected: chronic hepatitis B without replication, not active on serology; the site reviews it and antiviral prophylaxis is required`;
        case 'resolved':
          return `resolved hepatitis B (HBsAg negative, anti-HBc positive, HBV DNA not detected on ${r.date}): not active hepatitis; the site may require antiviral prophylaxis or HBV DNA monitoring`;
        case 'never-infected':
          return `HBsAg and anti-HBc negative (${r.date}): no hepatitis B infection`;
        case 'hbsag-negative':
          return `HBsAg negative on ${r.date}: no active hepatitis B`;
        case 'dna-needed':
          return `HBsAg or anti-HBc positive (${r.date}): HBV DNA decides whether the infection is active`;
        case 'hbsag-needed':
          return `anti-HBc positive on ${r.date}: HBsAg and HBV DNA decide`;
      }
    },
    'hepatitis-c': (r) => {
      switch (r.finding) {
        case 'viremic':
          return `HCV RNA detected on ${r.date}: active hepatitis C`;
        case 'cleared':
          return `anti-HCV positive with HCV RNA not detected on ${r.date}: past infection, not active`;
        case 'rna-negative':
          return `HCV RNA not detected on ${r.date}: no active hepatitis C`;
        case 'never-infected':
          return `anti-HCV negative on ${r.date}: no hepatitis C infection`;
        case 'rna-needed':
          return `anti-HCV positive on ${r.date}: HCV RNA decides whether the infection is active`;
      }
    },
    hiv: (r) => {
      switch (r.finding) {
        case 'confirmed':
          return `HIV infection confirmed (reactive screen on ${r.date}, confirmed)`;
        case 'reactive-unconfirmed':
          return `HIV screen reactive on ${r.date}, not yet confirmed: a supplementary test decides`;
        case 'non-reactive':
          return `HIV antigen/antibody test non-reactive on ${r.date}`;
      }
    },
    'viral-load': (r, w) =>
      r.detected
        ? `${w.subject(r.subject)} detected on ${r.date}${r.value === undefined ? '' : ` (${w.quantity(r.value, r.unit ?? '')})`}: the site judges whether it is clinically significant or uncontrolled`
        : `${w.subject(r.subject)} not detected on ${r.date}`,
  },
};
