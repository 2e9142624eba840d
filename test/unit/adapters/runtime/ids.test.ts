import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { uuidIds } from '#adapters/runtime/system.js';

describe('uuidIds', () => {
  it('derives the same referral id from the same physician and Idempotency-Key, and a valid UUID', () => {
    const a = uuidIds.idForIdempotencyKey('dr-li', 'key-12345678');
    expect(uuidIds.idForIdempotencyKey('dr-li', 'key-12345678')).toBe(a);
    expect(z.uuid().safeParse(a).success).toBe(true);
    expect(a[14]).toBe('8');
  });
  it('gives different ids to another physician using the same key', () => {
    expect(uuidIds.idForIdempotencyKey('dr-li', 'k-12345678')).not.toBe(uuidIds.idForIdempotencyKey('dr-wang', 'k-12345678'));
  });
  it('cannot be confused by a key that contains the separator', () => {
    expect(uuidIds.idForIdempotencyKey('a', 'b\nc')).not.toBe(uuidIds.idForIdempotencyKey('a\nb', 'c'));
  });
  it('makes random ids that are valid UUIDs', () => {
    expect(z.uuid().safeParse(uuidIds.newId()).success).toBe(true);
  });
});
