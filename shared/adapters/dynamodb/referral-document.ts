/**
 * A referral's bulk (the patient's profile, the latest screening, the screening history and the kept first reply)
 * as one item attribute: gzip-compressed JSON, stored as a DynamoDB Binary. The rest of the record (ids, revision,
 * dates, candidate and notification state) stays in attributes of its own, because conditions, index keys and
 * index projections read them.
 *
 * Why one compressed attribute instead of nested maps:
 * - Size, which AWS charges by (a write unit per KB, on every write, and again for the copy in byReview, which
 *   projects ALL): a referral with a whole profile and its screening is an ~8 KB item as nested maps (more with a
 *   kept first reply) and ~3 KB with its document (the document itself ~2.3 KB, a quarter of the same JSON).
 *   DynamoDB's 400 KB item limit is further away too.
 * - CPU: the SDK marshals every nested value of a map into a typed attribute value and back, on every write and
 *   read of a referral; a Binary is one value. A PutItem and GetItem of a referral took ~25–30 % less CPU this way
 *   (client and dynalite together, `npm run bench -- load` shows it on the whole POST).
 * - Integrity: gzip carries a CRC-32, so a damaged document is refused when read instead of screening a changed
 *   profile.
 *
 * Items written before this layout hold the same fields as nested maps, and read as they always did (fromItem).
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ReferralRecord } from '#referral/record.js';
import { isMap, MalformedItemError } from './stored-fields.js';

/** The record's fields that travel in the document. */
export const DOCUMENT_FIELDS = ['profile', 'latest', 'history', 'firstReply'] as const satisfies readonly (keyof ReferralRecord)[];

export type ReferralDocument = Pick<ReferralRecord, (typeof DOCUMENT_FIELDS)[number]>;

/** What stays outside the document: the record's own small fields, as attributes. */
export type ReferralEnvelope = Omit<ReferralRecord, (typeof DOCUMENT_FIELDS)[number]>;

/**
 * `record` split into its envelope and its document, compressed. An absent first reply is left out, as the
 * document client leaves out undefined.
 */
export function packDocument(record: ReferralRecord): { readonly envelope: ReferralEnvelope; readonly document: Uint8Array } {
  const { profile, latest, history, firstReply, ...envelope } = record;
  const document: ReferralDocument = firstReply === undefined ? { profile, latest, history } : { profile, latest, history, firstReply };
  return { envelope, document: gzipSync(JSON.stringify(document)) };
}

/**
 * The fields of a stored document. Refuses (MalformedItemError) bytes that are not a gzip stream, fail its
 * checksum, or do not hold a document: the table holds only what packDocument wrote, so any of these is damage.
 */
export function unpackDocument(bytes: unknown): ReferralDocument {
  if (!(bytes instanceof Uint8Array)) throw new MalformedItemError('referral', 'document');
  let parsed: unknown;
  try {
    parsed = JSON.parse(gunzipSync(bytes).toString('utf8'));
  } catch {
    throw new MalformedItemError('referral', 'document');
  }
  if (!isMap(parsed) || !isMap(parsed['profile']) || !isMap(parsed['latest']) || !Array.isArray(parsed['history'])) {
    throw new MalformedItemError('referral', 'document');
  }
  if (parsed['firstReply'] !== undefined && typeof parsed['firstReply'] !== 'string') throw new MalformedItemError('referral', 'document');
  return parsed as unknown as ReferralDocument;
}
