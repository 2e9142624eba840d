import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import { checkApiKey, type IssuedKey } from '#auth/api-keys.js';
import { API_KEY_HEADER } from '#http/routes.js';

export type ApiKeyAuthorizer = (event: APIGatewayRequestAuthorizerEventV2) => Promise<APIGatewaySimpleAuthorizerWithContextResult<{ client: string }>>;

/**
 * The HTTP API's Lambda REQUEST authorizer for the FHIR matching routes (HTTP APIs have no API keys or usage plans
 * of their own). Simple responses: allowed, with the client's name in the context for the access log, or not.
 * API Gateway answers 401 itself when the header is absent, and 403 when this refuses.
 */
export function apiKeyAuthorizer(deps: { keys: () => Promise<readonly IssuedKey[]>; logger: Logger }): ApiKeyAuthorizer {
  return async (event) => {
    const decision = checkApiKey(event.headers?.[API_KEY_HEADER], await deps.keys());
    if (decision.outcome !== 'allow') {
      deps.logger.warn('api key refused', { route: event.routeKey, outcome: decision.outcome });
      return { isAuthorized: false, context: { client: '' } };
    }
    return { isAuthorized: true, context: { client: decision.client } };
  };
}
