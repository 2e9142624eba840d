import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { apiKeyAuthorizer } from '#functions/api-key-authorizer/api-key-authorizer.js';
import { checkApiKey, issuedKeys } from '#auth/api-keys.js';

const keys = issuedKeys({ 'mitre-app': 'a-key-of-at-least-sixteen', short: 'too-short', weird: 42 });

describe('issued API keys', () => {
  it('keeps keys of 16 characters or more, by client name', () => {
    expect(keys.map((k) => k.client)).toEqual(['mitre-app']);
  });

  it('allows the issued key and names its client; a missing key and a wrong one are told apart', () => {
    expect(checkApiKey('a-key-of-at-least-sixteen', keys)).toEqual({ outcome: 'allow', client: 'mitre-app' });
    expect(checkApiKey(undefined, keys)).toEqual({ outcome: 'missing' });
    expect(checkApiKey('', keys)).toEqual({ outcome: 'missing' });
    expect(checkApiKey('a-key-of-at-least-sixteen ', keys)).toEqual({ outcome: 'wrong' });
    expect(checkApiKey('too-short', keys)).toEqual({ outcome: 'wrong' });
  });
});

describe('the Lambda REQUEST authorizer', () => {
  const warnings: unknown[] = [];
  const logger = { warn: (...args: unknown[]) => warnings.push(args) } as unknown as Logger;
  const authorize = apiKeyAuthorizer({ keys: async () => keys, logger });
  const event = (key?: string) => ({ routeKey: 'POST /getClinicalTrial', headers: key === undefined ? {} : { 'x-api-key': key } }) as unknown as APIGatewayRequestAuthorizerEventV2;

  it('answers a simple response with the client in the context (for the access log), never the key', async () => {
    expect(await authorize(event('a-key-of-at-least-sixteen'))).toEqual({ isAuthorized: true, context: { client: 'mitre-app' } });
    expect(await authorize(event('nope'))).toEqual({ isAuthorized: false, context: { client: '' } });
    expect(JSON.stringify(warnings)).not.toContain('nope');
  });
});
