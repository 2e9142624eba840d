/** Lambda entry point: the key store is read lazily (first request, then every five minutes), not at init. */
import { apiKeysFromEnvironment } from '#composition/aws-api-keys.js';
import { createLogger } from '#adapters/logger.js';
import { apiKeyAuthorizer } from './api-key-authorizer.js';

export const handler = apiKeyAuthorizer({ keys: apiKeysFromEnvironment(), logger: createLogger('api-key-authorizer') });
