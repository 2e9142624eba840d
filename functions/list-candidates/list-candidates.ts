import type { Logger } from '@aws-lambda-powertools/logger';
import { authenticatedRoute, type HttpLambda } from '#http/http-handler.js';
import { readPathParameter, readQuery } from '#http/request.js';
import { json } from '#http/response.js';
import { LIST_CANDIDATES_QUERY, isSiteId } from '#http/request-checks.js';
import { listCandidates } from '#use-cases/candidates.js';
import type { Dependencies } from '#use-cases/dependencies.js';

/** GET /sites/{siteId}/candidates: the coordinators' inbox, ranked, filterable by status; the minimum per candidate. */
export function listCandidatesLambda(deps: Pick<Dependencies, 'store' | 'audit' | 'clock'> & { logger: Logger }): HttpLambda {
  return authenticatedRoute(deps.logger, ['coordinator'], async ({ event, principal }) => {
    const siteId = readPathParameter(event, 'siteId', isSiteId, 'site');
    const query = await readQuery(event, LIST_CANDIDATES_QUERY);
    return json(200, await listCandidates(deps, principal, siteId, query));
  });
}
