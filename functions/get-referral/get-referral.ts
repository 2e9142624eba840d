import type { Logger } from '@aws-lambda-powertools/logger';
import { authenticatedRoute, type HttpLambda } from '#http/http-handler.js';
import { readPathParameter, requestLocale } from '#http/request.js';
import { json } from '#http/response.js';
import { isReferralId } from '#http/request-checks.js';
import type { Dependencies } from '#use-cases/dependencies.js';
import { getReferral } from '#use-cases/read-referrals.js';

/** GET /referrals/{referralId}: the physician's own referral, its latest screening and history. */
export function getReferralLambda(deps: Pick<Dependencies, 'store' | 'audit' | 'clock'> & { logger: Logger }): HttpLambda {
  return authenticatedRoute(deps.logger, ['physician'], async ({ event, principal }) => {
    const id = readPathParameter(event, 'referralId', isReferralId, 'referral');
    const locale = requestLocale(event);
    const { view } = await getReferral(deps, principal, id, locale);
    // The ETag (a hash of this body, so one per language) and If-None-Match are the edge's: http-handler.ts.
    return json(200, view, { 'content-language': locale, vary: 'Accept-Language' });
  });
}
