import type { Logger } from '@aws-lambda-powertools/logger';
import { authenticatedRoute, type HttpLambda } from '../../shared/http/http-handler.js';
import { readPathParameter, readQuery } from '../../shared/http/request.js';
import { json } from '../../shared/http/response.js';
import { ListCandidatesQuery, SiteId } from '../../shared/http/schemas.js';
import { listCandidates } from '../../shared/use-cases/candidates.js';
import type { Dependencies } from '../../shared/use-cases/dependencies.js';

/** GET /sites/{siteId}/candidates: the coordinators' inbox, ranked, filterable by status; the minimum per candidate. */
export function listCandidatesLambda(deps: Pick<Dependencies, 'store' | 'audit' | 'clock'> & { logger: Logger }): HttpLambda {
  return authenticatedRoute(deps.logger, ['coordinator'], async ({ event, principal }) => {
    const siteId = readPathParameter(event, 'siteId', SiteId, 'site');
    const query = readQuery(event, ListCandidatesQuery);
    return json(200, await listCandidates(deps, principal, siteId, query));
  });
}
