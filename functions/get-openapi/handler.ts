/** Lambda entry point: no AWS clients at all; the API's public URL comes from the deployment. */
import { publicBaseUrlFromEnvironment } from '#composition/public-links.js';
import { createLogger } from '#adapters/logger.js';
import { getOpenApiLambda } from './get-openapi.js';

export const handler = getOpenApiLambda({ publicBaseUrl: publicBaseUrlFromEnvironment(), logger: createLogger('get-openapi') });
