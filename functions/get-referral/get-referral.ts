import type { Logger } from '@aws-lambda-powertools/logger';
import { authenticatedRoute, type HttpLambda } from '../../shared/http/http-handler.js';
import { etag, readPathParameter, requestLocale } from '../../shared/http/request.js';
import { json } from '../../shared/http/response.js';
import { ReferralId } from '../../shared/http/schemas.js';
import type { Dependencies } from '../../shared/use-cases/dependencies.js';
import { getReferral } from '../../shared/use-cases/read-referrals.js';

/** GET /referrals/{referralId}: the physician's own referral, its latest screening and history. */
export function getReferralLambda(deps: Pick<Dependencies, 'store'> & { logger: Logger }): HttpLambda {
  return authenticatedRoute(deps.logger, ['physician'], async ({ event, principal }) => {
    const id = readPathParameter(event, 'referralId', ReferralId, 'referral');
    const locale = requestLocale(event);
    const { view, version } = await getReferral(deps, principal, id, locale);
    return json(200, view, { etag: etag(version), 'content-language': locale });
  });
}
