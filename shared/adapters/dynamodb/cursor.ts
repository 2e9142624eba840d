/**
 * Pagination cursors: DynamoDB's LastEvaluatedKey, handed to callers as opaque base64url JSON and checked on the
 * way back in. A cursor carries only a position (key attributes, which are ids and dates, never patient data), and
 * its partition must be the one being queried, so a forged cursor can at most skip within the caller's own listing.
 */
import { InvalidCursorError } from '#ports/referral-store.js';
import { isMap, isString } from './stored-fields.js';

/** An exclusive start key as the document client returns it: every key attribute of the table is a string. */
export type StartKey = Record<string, string>;

const MAX_CURSOR_LENGTH = 2048;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

const MAX_PHASE_LENGTH = 16;
const MAX_ATTRIBUTE_NAME_LENGTH = 64;
const MAX_ATTRIBUTE_VALUE_LENGTH = 1024;

/**
 * The decoded JSON as a position, or undefined: an object with nothing but an optional `phase` (a short string)
 * and an optional `key` (short attribute names to non-empty strings). The key is copied member by member.
 */
function positionIn(json: unknown): { phase?: string; key?: StartKey } | undefined {
  if (!isMap(json)) return undefined;
  if (Object.keys(json).some((name) => name !== 'phase' && name !== 'key')) return undefined;
  const { phase, key } = json;
  if (phase !== undefined && !(isString(phase) && phase.length <= MAX_PHASE_LENGTH)) return undefined;
  if (key === undefined) return phase === undefined ? {} : { phase };
  if (!isMap(key)) return undefined;
  const startKey: StartKey = {};
  for (const [name, value] of Object.entries(key)) {
    // Never a key attribute; copying it would replace the object's prototype (zod's record skipped it too).
    if (name === '__proto__') continue;
    if (name.length > MAX_ATTRIBUTE_NAME_LENGTH) return undefined;
    if (!isString(value) || value.length < 1 || value.length > MAX_ATTRIBUTE_VALUE_LENGTH) return undefined;
    startKey[name] = value;
  }
  return phase === undefined ? { key: startKey } : { phase, key: startKey };
}

export interface CursorPosition {
  readonly phase?: string;
  readonly key?: StartKey;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

export interface ExpectedCursor {
  /** The attributes of the index's LastEvaluatedKey. */
  readonly keyAttributes: readonly string[];
  /** The partition being queried: a key from another partition belongs to another query. */
  readonly partition?: { readonly name: string; readonly value: string };
  /** The phases of a multi-query listing; a single-query listing's cursors have none. */
  readonly phases?: readonly string[];
}

/** Decodes a cursor this store issued for the query described by `expected`; anything else is an InvalidCursorError. */
export function decodeCursor(cursor: string, expected: ExpectedCursor): CursorPosition {
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) throw new InvalidCursorError();
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  const position = positionIn(json);
  if (position === undefined) throw new InvalidCursorError();
  const { phase, key } = position;
  const phaseExpected = expected.phases === undefined ? phase === undefined : phase !== undefined && expected.phases.includes(phase);
  if (!phaseExpected) throw new InvalidCursorError();
  // A single-query cursor is nothing but a position.
  if (expected.phases === undefined && key === undefined) throw new InvalidCursorError();
  if (key !== undefined) {
    const names = Object.keys(key);
    const sameAttributes =
      names.length === expected.keyAttributes.length && expected.keyAttributes.every((name) => Object.hasOwn(key, name));
    if (!sameAttributes) throw new InvalidCursorError();
    if (expected.partition && !(Object.hasOwn(key, expected.partition.name) && key[expected.partition.name] === expected.partition.value)) {
      throw new InvalidCursorError();
    }
  }
  return { ...(phase === undefined ? {} : { phase }), ...(key === undefined ? {} : { key }) };
}
