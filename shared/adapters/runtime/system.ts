/** The real clock and id generator. */
import { createHash, randomUUID } from 'node:crypto';
import type { Clock, IdGenerator } from '#ports/runtime.js';

export const systemClock: Clock = { now: () => new Date() };

/**
 * Random ids for plain submissions; for an Idempotency-Key, a name-based UUID (RFC 9562 version 8 layout over
 * SHA-256 of physician and key), so a retried submission can only ever address the same referral.
 */
export const uuidIds: IdGenerator = {
  newId: () => randomUUID(),
  idForIdempotencyKey(physicianId, key) {
    // Length-prefixed, so no (physician, key) pair can spell the same input as another.
    const hash = createHash('sha256').update(`${physicianId.length}:${physicianId}${key}`).digest();
    hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x80; // version 8
    hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80; // RFC 9562 variant
    const hex = hash.subarray(0, 16).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  },
};
