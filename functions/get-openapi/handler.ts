/** Lambda entry point: no AWS clients at all; the API's public URL comes from the deployment. */
import { createLogger } from '../../shared/observability/logger.js';
import { getOpenApiLambda } from './get-openapi.js';

const publicBaseUrl = process.env['PUBLIC_BASE_URL'];
if (!publicBaseUrl) throw new Error('environment variable PUBLIC_BASE_URL is not set');

export const handler = getOpenApiLambda({ publicBaseUrl, logger: createLogger('get-openapi') });
