/** Lambda entry point: no AWS clients at all. */
import { createLogger } from '../../shared/observability/logger.js';
import { getOpenApiLambda } from './get-openapi.js';

export const handler = getOpenApiLambda({ logger: createLogger('get-openapi') });
