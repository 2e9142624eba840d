import type { Logger } from '@aws-lambda-powertools/logger';
import { publicRoute, type HttpLambda } from '#http/http-handler.js';
import { buildOpenApiDocument } from '#http/openapi.js';
import type { Dependencies } from '#use-cases/dependencies.js';

/**
 * GET /openapi.json: built once per container, on first request. Its `servers` entry is the API's configured public
 * URL, never the caller's Host header (which anyone can set, and which the first caller would have fixed for the
 * container's whole life).
 */
export function getOpenApiLambda(deps: Pick<Dependencies, 'publicBaseUrl'> & { logger: Logger }): HttpLambda {
  let document: string | undefined;
  return publicRoute(deps.logger, async () => {
    document ??= JSON.stringify(buildOpenApiDocument(deps.publicBaseUrl));
    return { statusCode: 200, headers: { 'content-type': 'application/json', 'cache-control': 'max-age=300' }, body: document };
  });
}
