import type { Logger } from '@aws-lambda-powertools/logger';
import { authenticatedRoute, type HttpLambda } from '#http/http-handler.js';
import { referralTag, strongMatch } from '#http/entity-tags.js';
import { readIfMatch, readJsonBody, readPathParameter, requestLocale } from '#http/request.js';
import { json } from '#http/response.js';
import { isReferralId } from '#http/request-checks.js';
import { updateReferral, type UpdateReferralDependencies } from '#use-cases/update-referral.js';

/** PATCH /referrals/{referralId}: a JSON Merge Patch of the profile, with If-Match (the ETag read); rescreened at once. */
export function updateReferralLambda(deps: UpdateReferralDependencies & { logger: Logger }): HttpLambda {
  return authenticatedRoute(deps.logger, ['physician'], async ({ event, principal }) => {
    const id = readPathParameter(event, 'referralId', isReferralId, 'referral');
    const patch = readJsonBody(event, ['application/merge-patch+json', 'application/json']);
    const condition = readIfMatch(event);
    // A representation's tag depends on its language: If-Match is compared with the one this caller reads.
    const locale = requestLocale(event);
    const matches = (current: Parameters<typeof referralTag>[0]) => strongMatch(condition, referralTag(current, locale));
    const { view, record } = await updateReferral(deps, { principal, id, matches, patch, locale });
    deps.logger.info('referral updated', { referralId: id, version: record.version });
    return json(200, view, { etag: referralTag(record, locale), 'content-language': locale, vary: 'Accept-Language' });
  });
}
