/**
 * The fingerprint of a request body, for Idempotency-Key: SHA-256 of its RFC 8785 (JCS) canonical JSON. A retry
 * that writes the same members in another order, or with other whitespace, is the same request; a different
 * value is not. The body has already been checked to be I-JSON (readJsonBody), so it has a canonical form.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

export function requestFingerprint(body: unknown): string {
  const canonical = canonicalize(body);
  if (canonical === undefined) throw new TypeError('the body has no JSON form');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
