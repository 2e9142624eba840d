import type { Logger } from '@aws-lambda-powertools/logger';
import { authenticatedRoute, type HttpLambda } from '#http/http-handler.js';
import { referralTag, strongMatch } from '#http/entity-tags.js';
import { header, readIfMatch, readPathParameter } from '#http/request.js';
import { noContent } from '#http/response.js';
import { isReferralId } from '#http/request-checks.js';
import type { Dependencies } from '#use-cases/dependencies.js';
import { withdrawReferral } from '#use-cases/withdraw-referral.js';

/**
 * DELETE /referrals/{referralId}: the patient withdraws; their data is erased. If-Match is optional here: a
 * withdrawal must succeed whatever changed meanwhile, but a caller may still pin the version.
 */
export function withdrawReferralLambda(deps: Pick<Dependencies, 'store' | 'audit' | 'clock' | 'events'> & { logger: Logger }): HttpLambda {
  return authenticatedRoute(deps.logger, ['physician'], async ({ event, principal }) => {
    const id = readPathParameter(event, 'referralId', isReferralId, 'referral');
    const condition = header(event, 'if-match') === undefined ? undefined : readIfMatch(event);
    await withdrawReferral(deps, principal, id, condition && ((current) => strongMatch(condition, referralTag(current))));
    deps.logger.info('referral withdrawn', { referralId: id });
    return noContent();
  });
}
