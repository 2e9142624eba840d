/** Lambda entry point: the key store is read lazily (first request, then every five minutes), not at init. */
import { apiKeysFromEnvironment } from '../../shared/composition/aws-api-keys.js';
import { createLogger } from '../../shared/observability/logger.js';
import { apiKeyAuthorizer } from './api-key-authorizer.js';

export const handler = apiKeyAuthorizer({ keys: apiKeysFromEnvironment(), logger: createLogger('api-key-authorizer') });
