import type { Logger } from '@aws-lambda-powertools/logger';
import { clinicalDataOf, matchOutput, withinClinicalData } from '#fhir/match-parameters.js';
import { BundleRejected } from '#fhir/read-bundle.js';
import { bundleProblem, FHIR_JSON, FHIR_MAX_BODY_BYTES, fhirJson } from '#http/fhir-response.js';
import { publicRoute, type HttpLambda } from '#http/http-handler.js';
import { readJsonBody, requestLocale } from '#http/request.js';
import { TRIALS } from '#trial/registry.js';
import type { Dependencies } from '#use-cases/dependencies.js';
import { matchBundle } from '#use-cases/match-trial.js';

/**
 * POST /getClinicalTrial (a bare Bundle, as MITRE's clinical-trial-matching-service reads it) and
 * POST /ResearchStudy/$match (a Parameters resource): a searchset for NCT05212584, stateless. Callers present an API
 * key, checked before this runs (API Gateway's authorizer, or the local API). The body is health data: it is never
 * logged, and only its outcome (the verdict) is.
 */
export function matchTrialLambda(deps: Pick<Dependencies, 'store' | 'clock'> & { logger: Logger }): HttpLambda {
  const trial = TRIALS[0];
  if (trial === undefined) throw new Error('no trial is defined');
  return publicRoute(deps.logger, async (event) => {
    const operation = event.rawPath.endsWith('/$match') || event.rawPath.endsWith('/%24match');
    const body = readJsonBody(event, ['application/json', FHIR_JSON], FHIR_MAX_BODY_BYTES);
    let bundle: unknown;
    try {
      bundle = operation ? clinicalDataOf(body) : body;
    } catch (error) {
      if (error instanceof BundleRejected) throw bundleProblem(error);
      throw error;
    }
    try {
      const match = await matchBundle(deps, trial, bundle, requestLocale(event));
      deps.logger.info('bundle matched', { operation: operation ? '$match' : 'getClinicalTrial', verdict: match.result.verdict });
      return fhirJson(200, operation ? matchOutput(match.searchSet) : match.searchSet);
    } catch (error) {
      if (error instanceof BundleRejected) throw bundleProblem(operation ? withinClinicalData(error, parameterIndex(body)) : error);
      throw error;
    }
  });
}

function parameterIndex(body: unknown): number {
  const list = (body as { parameter?: { name?: unknown }[] }).parameter ?? [];
  return Math.max(0, list.findIndex((p) => p.name === 'trialMatchClinicalData'));
}
