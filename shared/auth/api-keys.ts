/**
 * API keys of the FHIR matching clients (MITRE's app and other matchers send no bearer token). Keys are compared as
 * SHA-256 digests in constant time, so neither their length nor their content leaks through timing; a key is named
 * by the client it was issued to, and only that name goes to logs and the access log, never the key.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export interface IssuedKey {
  /** Who the key was given to (`mitre-app`): shown in the access log instead of the key. */
  readonly client: string;
  readonly digest: Buffer;
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** The secret's JSON, `{ "<client>": "<key>", ... }`, as digests. Keys shorter than 16 characters are refused. */
export function issuedKeys(secret: Readonly<Record<string, unknown>>): IssuedKey[] {
  return Object.entries(secret).flatMap(([client, key]) => (typeof key === 'string' && key.length >= 16 ? [{ client, digest: digest(key) }] : []));
}

export type ApiKeyDecision = { readonly outcome: 'allow'; readonly client: string } | { readonly outcome: 'missing' | 'wrong' };

export function checkApiKey(presented: string | undefined, keys: readonly IssuedKey[]): ApiKeyDecision {
  if (presented === undefined || presented === '') return { outcome: 'missing' };
  const presentedDigest = digest(presented);
  let client: string | undefined;
  // Every key is compared, so the time taken does not say which one matched.
  for (const key of keys) if (timingSafeEqual(presentedDigest, key.digest) && client === undefined) client = key.client;
  return client === undefined ? { outcome: 'wrong' } : { outcome: 'allow', client };
}
