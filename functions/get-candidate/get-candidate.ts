import type { Logger } from '@aws-lambda-powertools/logger';
import { authenticatedRoute, type HttpLambda } from '#http/http-handler.js';
import { readPathParameter, requestLocale } from '#http/request.js';
import { json } from '#http/response.js';
import { isReferralId, isSiteId } from '#http/request-checks.js';
import { getCandidate } from '#use-cases/candidates.js';
import type { Dependencies } from '#use-cases/dependencies.js';

/** GET /sites/{siteId}/candidates/{referralId}: one candidate in full (profile, screening), read on demand and audited. */
export function getCandidateLambda(deps: Pick<Dependencies, 'store' | 'audit' | 'clock'> & { logger: Logger }): HttpLambda {
  return authenticatedRoute(deps.logger, ['coordinator'], async ({ event, principal }) => {
    const siteId = readPathParameter(event, 'siteId', isSiteId, 'site');
    const referralId = readPathParameter(event, 'referralId', isReferralId, 'candidate');
    const locale = requestLocale(event);
    const { view } = await getCandidate(deps, principal, siteId, referralId, locale);
    return json(200, view, { 'content-language': locale, vary: 'Accept-Language' });
  });
}
