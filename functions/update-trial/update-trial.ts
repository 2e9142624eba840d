import type { Logger } from '@aws-lambda-powertools/logger';
import { authenticatedRoute, type HttpLambda } from '#http/http-handler.js';
import { readJsonBody, readPathParameter, requestLocale, validateChecked } from '#http/request.js';
import { json } from '#http/response.js';
import { UPDATE_TRIAL_REQUEST, isTrialId } from '#http/request-checks.js';
import type { Dependencies } from '#use-cases/dependencies.js';
import { setRecruitment } from '#use-cases/trials.js';

/** PATCH /trials/{trialId}: the site pauses or reopens recruitment. */
export function updateTrialLambda(deps: Pick<Dependencies, 'store' | 'clock'> & { logger: Logger }): HttpLambda {
  return authenticatedRoute(deps.logger, ['coordinator'], async ({ event, principal }) => {
    const trialId = readPathParameter(event, 'trialId', isTrialId, 'trial');
    const request = await validateChecked(UPDATE_TRIAL_REQUEST, readJsonBody(event, ['application/merge-patch+json', 'application/json']), undefined, requestLocale(event));
    const trial = await setRecruitment(deps, principal, trialId, request.recruitment);
    deps.logger.info('recruitment changed', { trialId, recruitment: request.recruitment });
    return json(200, trial);
  });
}
