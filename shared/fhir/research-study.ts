/**
 * The trial as a FHIR R4 ResearchStudy, with what MITRE's clinical-trial-matching-app dereferences
 * (src/components/Results/utils.ts): `identifier[0]` (ClinicalTrials.gov), `title`, `description`, `status`,
 * `phase.text`, a `category` whose text is "Study Type: …", `condition[].text`, `enrollment[0].display` (shown as
 * the eligibility text), and a contained sponsor Organization and site Locations it looks up by local reference.
 */
import type { Group, Location, Organization, ResearchStudy } from 'fhir/r4.js';
import type { Recruitment } from '#referral/lifecycle.js';
import type { TrialDefinition } from '#trial/definition.js';

/** Our recruitment state in FHIR's ResearchStudy.status vocabulary (http://hl7.org/fhir/R4/valueset-research-study-status.html). */
export const RESEARCH_STUDY_STATUS: Readonly<Record<Recruitment, ResearchStudy['status']>> = {
  open: 'active',
  paused: 'temporarily-closed-to-accrual',
  full: 'closed-to-accrual',
};

/** http://terminology.hl7.org/CodeSystem/research-study-phase codes for the registry's phase labels. */
const PHASES: Readonly<Record<string, string>> = {
  'Early Phase 1': 'early-phase-1',
  'Phase 1': 'phase-1',
  'Phase 1/Phase 2': 'phase-1-phase-2',
  'Phase 2': 'phase-2',
  'Phase 2/Phase 3': 'phase-2-phase-3',
  'Phase 3': 'phase-3',
  'Phase 4': 'phase-4',
};

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();

/** The eligibility text MITRE's app shows (`enrollment[0].display`): the criteria, in the record's words. */
function eligibilityText(trial: TrialDefinition): string {
  const list = (kind: 'inclusion' | 'exclusion') =>
    trial.criteria
      .filter((criterion) => criterion.kind === kind)
      .map((criterion, i) => `${i + 1}. ${criterion.text}`)
      .join('\n');
  return `Inclusion Criteria:\n${list('inclusion')}\n\nExclusion Criteria:\n${list('exclusion')}`;
}

export function researchStudyOf(trial: TrialDefinition, recruitment: Recruitment): ResearchStudy {
  const phaseCode = PHASES[trial.phase];
  const group: Group = { resourceType: 'Group', id: 'group0', type: 'person', actual: false, quantity: trial.targetEnrollment };
  const sponsor: Organization = { resourceType: 'Organization', id: 'org0', name: trial.sponsor };
  const locations = trial.sites.map(
    (site): Location => ({
      resourceType: 'Location',
      id: site.id,
      name: site.name,
      address: { city: site.city, state: site.region, country: site.country },
    }),
  );
  return {
    resourceType: 'ResearchStudy',
    id: trial.id,
    identifier: [{ use: 'official', system: 'http://clinicaltrials.gov/', value: trial.id }],
    title: trial.title,
    status: RESEARCH_STUDY_STATUS[recruitment],
    ...(trial.summary === undefined ? {} : { description: trial.summary }),
    phase: {
      ...(phaseCode === undefined ? {} : { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/research-study-phase', code: phaseCode, display: trial.phase }] }),
      text: trial.phase,
    },
    category: [{ text: `Study Type: ${capitalised(trial.studyType ?? 'Interventional')}` }],
    condition: trial.conditions.map((text) => ({ text })),
    enrollment: [{ reference: '#group0', type: 'Group', display: eligibilityText(trial) }],
    sponsor: { reference: '#org0', type: 'Organization', display: trial.sponsor },
    site: trial.sites.map((site) => ({ reference: `#${site.id}`, type: 'Location', display: site.name })),
    contained: [group, sponsor, ...locations],
  };
}
