import type { Logger } from '@aws-lambda-powertools/logger';
import { authenticatedRoute, type HttpLambda } from '#http/http-handler.js';
import { readQuery } from '#http/request.js';
import { json } from '#http/response.js';
import { LIST_REFERRALS_QUERY } from '#http/request-checks.js';
import type { Dependencies } from '#use-cases/dependencies.js';
import { listReferrals } from '#use-cases/read-referrals.js';

/** GET /referrals: the physician's own referrals, newest first, paginated by an opaque cursor. */
export function listReferralsLambda(deps: Pick<Dependencies, 'store' | 'audit' | 'clock'> & { logger: Logger }): HttpLambda {
  return authenticatedRoute(deps.logger, ['physician'], async ({ event, principal }) => {
    const query = await readQuery(event, LIST_REFERRALS_QUERY);
    return json(200, await listReferrals(deps, principal, query));
  });
}
