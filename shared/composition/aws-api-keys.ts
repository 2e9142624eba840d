/**
 * The issued API keys in AWS: a Secrets Manager secret (API_KEYS_SECRET_ARN) holding `{ "<client>": "<key>" }`,
 * read on first use and again after five minutes, so a key added or revoked in the secret takes effect without a
 * deployment (API Gateway caches each decision for as long again).
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { issuedKeys, type IssuedKey } from '#auth/api-keys.js';
import { ENVIRONMENT, requiredEnvironment } from './environment.js';

export const API_KEYS_REFRESH_MS = 5 * 60 * 1000;

export function apiKeysFromEnvironment(now: () => number = Date.now): () => Promise<readonly IssuedKey[]> {
  // Read here rather than through composition/aws.ts, which would bundle the DynamoDB client into the authorizer.
  const secretArn = requiredEnvironment(ENVIRONMENT.apiKeysSecretArn);
  const client = new SecretsManagerClient({});
  let cached: { keys: readonly IssuedKey[]; at: number } | undefined;
  return async () => {
    if (cached && now() - cached.at < API_KEYS_REFRESH_MS) return cached.keys;
    const secret = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
    const parsed = JSON.parse(secret.SecretString ?? '{}') as Record<string, unknown>;
    cached = { keys: issuedKeys(parsed), at: now() };
    return cached.keys;
  };
}
