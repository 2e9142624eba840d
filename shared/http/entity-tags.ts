/**
 * Entity tags and conditional requests, per RFC 9110 §8.8.3 and §13.1. The tag is a strong validator of the
 * representation: a hash of the exact bytes GET returns, so anything that changes them (a rescreen, a delivery to
 * the site, a coordinator's move, a correction) changes it, and nothing else does. If-Match uses the strong
 * comparison (a weak tag never matches); If-None-Match the weak one. Both accept `*` and lists.
 */
import { createHash } from 'node:crypto';
import { DEFAULT_LOCALE, type Locale } from '#i18n/locale.js';
import type { ReferralRecord } from '#referral/record.js';
import { referralView } from '#referral/views.js';

/** The strong ETag of a representation: 160 bits of its SHA-256, base64url, quoted. */
export const representationTag = (body: string): string => `"${createHash('sha256').update(body, 'utf8').digest('base64url').slice(0, 27)}"`;

/**
 * The ETag of the referral's representation at GET /referrals/{id} (what the physician reads and patches), in the
 * language it is read in: each language is its own representation (Vary: Accept-Language), with its own tag.
 */
export const referralTag = (record: ReferralRecord, locale: Locale = DEFAULT_LOCALE): string =>
  representationTag(JSON.stringify(referralView(record, locale)));

export interface EntityTag {
  readonly weak: boolean;
  /** The opaque tag, quotes included. */
  readonly opaque: string;
}

/** A parsed If-Match / If-None-Match: `*`, or a list of tags. */
export type TagCondition = { readonly any: true } | { readonly any: false; readonly tags: readonly EntityTag[] };

const ENTITY_TAG = /^\s*(W\/)?("[\x21\x23-\x7e\x80-\xff]*")\s*(?:,|$)/;

/** The header's condition, or undefined when it is not `*` or a comma-separated list of entity tags. */
export function parseTagCondition(value: string): TagCondition | undefined {
  if (value.trim() === '*') return { any: true };
  const tags: EntityTag[] = [];
  let rest = value;
  while (rest.trim() !== '') {
    const match = ENTITY_TAG.exec(rest);
    if (!match?.[2]) return undefined;
    tags.push({ weak: match[1] !== undefined, opaque: match[2] });
    rest = rest.slice(match[0].length);
  }
  return tags.length === 0 ? undefined : { any: false, tags };
}

/** If-Match: the strong comparison (RFC 9110 §8.8.3.2): both tags strong and equal. */
export const strongMatch = (condition: TagCondition, current: string): boolean =>
  condition.any || condition.tags.some((tag) => !tag.weak && tag.opaque === current);

/** If-None-Match: the weak comparison: equal opaque tags, weak or not. */
export const weakMatch = (condition: TagCondition, current: string): boolean =>
  condition.any || condition.tags.some((tag) => tag.opaque === current.replace(/^W\//, ''));
