import type { Logger } from '@aws-lambda-powertools/logger';
import { authenticatedRoute, type HttpLambda } from '../../shared/http/http-handler.js';
import { readPathParameter, readQuery } from '../../shared/http/request.js';
import { json } from '../../shared/http/response.js';
import { ListAuditQuery, SiteId } from '../../shared/http/schemas.js';
import { listAudit } from '../../shared/use-cases/audit.js';
import type { Dependencies } from '../../shared/use-cases/dependencies.js';

/** GET /sites/{siteId}/audit: who accessed the site's patients' data, when and why; newest first. */
export function listAuditLambda(deps: Pick<Dependencies, 'audit'> & { logger: Logger }): HttpLambda {
  return authenticatedRoute(deps.logger, ['coordinator'], async ({ event, principal }) => {
    const siteId = readPathParameter(event, 'siteId', SiteId, 'site');
    const query = readQuery(event, ListAuditQuery);
    return json(200, await listAudit(deps, principal, siteId, query));
  });
}
