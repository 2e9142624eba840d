import type { Logger } from '@aws-lambda-powertools/logger';
import { publicRoute, type HttpLambda } from '../../shared/http/http-handler.js';
import { buildOpenApiDocument } from '../../shared/http/openapi.js';

/** GET /openapi.json: built once per container, on first request, from the zod schemas. */
export function getOpenApiLambda(deps: { logger: Logger }): HttpLambda {
  let document: string | undefined;
  return publicRoute(deps.logger, async (event) => {
    document ??= JSON.stringify(buildOpenApiDocument(`https://${event.requestContext.domainName}`));
    return { statusCode: 200, headers: { 'content-type': 'application/json', 'cache-control': 'max-age=300' }, body: document };
  });
}
