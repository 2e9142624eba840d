import type { Logger } from '@aws-lambda-powertools/logger';
import { authenticatedRoute, type HttpLambda } from '../../shared/http/http-handler.js';
import { etag, readIfMatch, readJsonBody, readPathParameter, requestLocale } from '../../shared/http/request.js';
import { json } from '../../shared/http/response.js';
import { ReferralId } from '../../shared/http/schemas.js';
import { updateReferral, type UpdateReferralDependencies } from '../../shared/use-cases/update-referral.js';

/** PATCH /referrals/{referralId}: a JSON Merge Patch of the profile, with If-Match; rescreened at once. */
export function updateReferralLambda(deps: UpdateReferralDependencies & { logger: Logger }): HttpLambda {
  return authenticatedRoute(deps.logger, ['physician'], async ({ event, principal }) => {
    const id = readPathParameter(event, 'referralId', ReferralId, 'referral');
    const patch = readJsonBody(event, ['application/merge-patch+json', 'application/json']);
    const expectedVersion = readIfMatch(event);
    const locale = requestLocale(event);
    const { view, version } = await updateReferral(deps, { principal, id, expectedVersion, patch, locale });
    deps.logger.info('referral updated', { referralId: id, version });
    return json(200, view, { etag: etag(version), 'content-language': locale });
  });
}
