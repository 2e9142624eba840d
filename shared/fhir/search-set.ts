/**
 * A screening as the searchset Bundle MITRE's clinical-trial-matching-service returns: one ResearchStudy entry
 * (`search.mode: match`, with the score) and one OperationOutcome entry (`search.mode: outcome`) whose issues are the
 * criteria, one each, with the outcome, the reason and the data still needed, in the caller's language; then one
 * informational issue per resource or coding the translator could not use.
 */
import type { Bundle, OperationOutcome, OperationOutcomeIssue, ResearchStudy } from 'fhir/r4.js';
import type { RenderedCriterion } from '#i18n/render.js';
import { CATALOGUES, renderScreening } from '#i18n/render.js';
import type { Locale } from '#i18n/locale.js';
import type { ScreeningResult } from '#screening/result.js';
import { renderNotUsed } from './fhir-messages.js';
import { matchScore } from './match-score.js';
import type { NotUsed } from './translation.js';

export const CRITERION_SYSTEM = 'https://trial-match.dev/fhir/CodeSystem/criterion';
export const OUTCOME_SYSTEM = 'https://trial-match.dev/fhir/CodeSystem/criterion-outcome';
export const VERDICT_SYSTEM = 'https://trial-match.dev/fhir/CodeSystem/verdict';
export const VERDICT_EXTENSION = 'https://trial-match.dev/fhir/StructureDefinition/pre-screen-verdict';

function criterionIssue(criterion: RenderedCriterion, locale: Locale): OperationOutcomeIssue {
  const needed = criterion.missing.map((request) => request.request);
  const neededWord = locale === 'zh-CN' ? '仍需资料：' : 'data still needed: ';
  const decided = criterion.outcome === 'met' || criterion.outcome === 'clear';
  return {
    severity: decided ? 'information' : 'warning',
    code: 'informational',
    details: {
      coding: [
        { system: CRITERION_SYSTEM, code: criterion.id, display: criterion.translatedText ?? criterion.text },
        { system: OUTCOME_SYSTEM, code: criterion.outcome, display: CATALOGUES[locale].outcomes[criterion.outcome] },
      ],
      text: `${criterion.id}: ${CATALOGUES[locale].outcomes[criterion.outcome]}`,
    },
    diagnostics: needed.length === 0 ? criterion.reason : `${criterion.reason}${locale === 'zh-CN' ? '。' : '. '}${neededWord}${needed.join('; ')}`,
  };
}

export function screeningOutcome(result: ScreeningResult, notUsed: readonly NotUsed[], locale: Locale): OperationOutcome {
  const rendered = renderScreening(result, locale);
  return {
    resourceType: 'OperationOutcome',
    id: `${result.trialId}-screening`,
    issue: [
      ...rendered.criteria.map((criterion) => criterionIssue(criterion, locale)),
      ...notUsed.map(
        (n): OperationOutcomeIssue => ({
          severity: 'information',
          code: 'not-supported',
          diagnostics: renderNotUsed(n, locale).text,
          expression: [`Bundle.entry[${n.source.entry}]`],
        }),
      ),
    ],
  };
}

export function searchSetOf(study: ResearchStudy, result: ScreeningResult, notUsed: readonly NotUsed[], locale: Locale): Bundle {
  const rendered = renderScreening(result, locale);
  // The verdict beside the study, for clients that read more than the score.
  const matched: ResearchStudy = {
    ...study,
    extension: [
      {
        url: VERDICT_EXTENSION,
        valueCodeableConcept: { coding: [{ system: VERDICT_SYSTEM, code: result.verdict, display: rendered.verdictLabel }], text: rendered.verdictLabel },
      },
    ],
  };
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: 1,
    entry: [
      { fullUrl: `urn:trial-match:ResearchStudy/${study.id ?? result.trialId}`, resource: matched, search: { mode: 'match', score: matchScore(result) } },
      { fullUrl: `urn:trial-match:OperationOutcome/${result.trialId}-screening`, resource: screeningOutcome(result, notUsed, locale), search: { mode: 'outcome' } },
    ],
  };
}
