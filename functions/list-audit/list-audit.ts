import type { Logger } from '@aws-lambda-powertools/logger';
import { authenticatedRoute, type HttpLambda } from '#http/http-handler.js';
import { readPathParameter, readQuery } from '#http/request.js';
import { json } from '#http/response.js';
import { ListAuditQuery, SiteId } from '#http/schemas.js';
import { listAudit } from '#use-cases/audit.js';
import type { Dependencies } from '#use-cases/dependencies.js';

/** GET /sites/{siteId}/audit: who accessed the site's patients' data, when and why; newest first. */
export function listAuditLambda(deps: Pick<Dependencies, 'audit'> & { logger: Logger }): HttpLambda {
  return authenticatedRoute(deps.logger, ['coordinator'], async ({ event, principal }) => {
    const siteId = readPathParameter(event, 'siteId', SiteId, 'site');
    const query = readQuery(event, ListAuditQuery);
    return json(200, await listAudit(deps, principal, siteId, query));
  });
}
