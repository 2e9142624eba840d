import type { Logger } from '@aws-lambda-powertools/logger';
import { authenticatedRoute, type HttpLambda } from '#http/http-handler.js';
import { readJsonBody, readPathParameter, requestLocale, validateChecked } from '#http/request.js';
import { json } from '#http/response.js';
import { MOVE_CANDIDATE_REQUEST, isReferralId, isSiteId } from '#http/request-checks.js';
import { moveCandidate } from '#use-cases/candidates.js';
import type { Dependencies } from '#use-cases/dependencies.js';

/** PATCH /sites/{siteId}/candidates/{referralId}: move a candidate through the site's workflow. */
export function updateCandidateLambda(deps: Pick<Dependencies, 'store' | 'audit' | 'clock' | 'ids' | 'events'> & { logger: Logger }): HttpLambda {
  return authenticatedRoute(deps.logger, ['coordinator'], async ({ event, principal }) => {
    const siteId = readPathParameter(event, 'siteId', isSiteId, 'site');
    const referralId = readPathParameter(event, 'referralId', isReferralId, 'candidate');
    const request = await validateChecked(MOVE_CANDIDATE_REQUEST, readJsonBody(event, ['application/merge-patch+json', 'application/json']), undefined, requestLocale(event));
    const view = await moveCandidate(deps, principal, siteId, referralId, request.status);
    deps.logger.info('candidate moved', { referralId, status: request.status });
    return json(200, view);
  });
}
