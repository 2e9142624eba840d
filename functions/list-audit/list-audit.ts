import type { Logger } from '@aws-lambda-powertools/logger';
import { authenticatedRoute, type HttpLambda } from '#http/http-handler.js';
import { readPathParameter, readQuery } from '#http/request.js';
import { json } from '#http/response.js';
import { LIST_AUDIT_QUERY, isSiteId } from '#http/request-checks.js';
import { listAudit } from '#use-cases/audit.js';
import type { Dependencies } from '#use-cases/dependencies.js';

/** GET /sites/{siteId}/audit: who accessed the site's patients' data, when and why; newest first. */
export function listAuditLambda(deps: Pick<Dependencies, 'audit'> & { logger: Logger }): HttpLambda {
  return authenticatedRoute(deps.logger, ['coordinator'], async ({ event, principal }) => {
    const siteId = readPathParameter(event, 'siteId', isSiteId, 'site');
    const query = await readQuery(event, LIST_AUDIT_QUERY);
    return json(200, await listAudit(deps, principal, siteId, query));
  });
}
