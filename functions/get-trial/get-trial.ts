import type { Logger } from '@aws-lambda-powertools/logger';
import { publicRoute, type HttpLambda } from '#http/http-handler.js';
import { acceptsFhir, fhirJson } from '#http/fhir-response.js';
import { header, readPathParameter } from '#http/request.js';
import { researchStudyOf } from '#fhir/research-study.js';
import { json } from '#http/response.js';
import { isTrialId } from '#http/request-checks.js';
import type { Dependencies } from '#use-cases/dependencies.js';
import { getTrial, trialOrNotFound } from '#use-cases/trials.js';

/**
 * GET /trials/{trialId}: public: the criteria and parameters as applied, recruitment and enrolled count; with
 * `Accept: application/fhir+json`, the trial as a FHIR ResearchStudy.
 */
export function getTrialLambda(deps: Pick<Dependencies, 'store'> & { logger: Logger }): HttpLambda {
  return publicRoute(deps.logger, async (event) => {
    const trialId = readPathParameter(event, 'trialId', isTrialId, 'trial');
    const trial = await getTrial(deps, trialId);
    // FHIR clients ask for the ResearchStudy (the resource MITRE's app and CodeX $match clients read).
    // Two representations of one resource: caches must key on Accept.
    if (acceptsFhir(header(event, 'accept'))) {
      const reply = fhirJson(200, researchStudyOf(trialOrNotFound(trialId), trial.recruitment.status));
      return { ...reply, headers: { ...reply.headers, vary: 'Accept' } };
    }
    return json(200, trial, { vary: 'Accept' });
  });
}
