/**
 * The one place that knows how a stored referral becomes a DynamoDB item and back: its primary key and exactly the
 * index attributes its state calls for (the indexes are sparse, so membership follows state). Pure functions only.
 * Key layouts are described in table-design.ts.
 */
import { derivedListing } from '#referral/candidate-listing.js';
import { derivedReferralListing } from '#referral/referral-listing.js';
import { isTombstone, type CandidateStatus, type ReferralRecord, type StoredReferral } from '#referral/record.js';
import { packDocument, unpackDocument } from './referral-document.js';
import { DOCUMENT_ATTRIBUTE, INBOX_LISTING_ATTRIBUTE, PHYSICIAN_LISTING_ATTRIBUTE, TABLE_DESIGN } from './table-design.js';

/** A DynamoDB item as the document client sees it. */
export type Item = Record<string, unknown>;

/** The attributes this module adds to a record; `fromItem` strips exactly these. */
const DERIVED_ATTRIBUTES: readonly string[] = [
  TABLE_DESIGN.partitionKey,
  TABLE_DESIGN.sortKey,
  ...TABLE_DESIGN.indexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  INBOX_LISTING_ATTRIBUTE,
  PHYSICIAN_LISTING_ATTRIBUTE,
];

export const REFERRAL_SK = 'REFERRAL';
export const TRIAL_STATE_SK = 'STATE';
/** The trial's enrolment ledger (the places of its target), beside its state. */
export const ENROLMENT_SK = 'ENROLMENT';
export const OUTBOX_PK = 'OUTBOX';

export const referralPk = (id: string): string => `REFERRAL#${id}`;

/** The referral id in a referral item's partition key, or undefined if `pk` is not one. */
export const referralIdOf = (pk: unknown): string | undefined =>
  typeof pk === 'string' && pk.startsWith('REFERRAL#') && pk.length > 'REFERRAL#'.length ? pk.slice('REFERRAL#'.length) : undefined;
export const physicianPk = (physicianId: string): string => `PHYSICIAN#${physicianId}`;
export const sitePk = (siteId: string): string => `SITE#${siteId}`;
export const reviewPk = (trialId: string): string => `REVIEW#${trialId}`;
export const trialStatePk = (trialId: string): string => `TRIAL#${trialId}`;
/** A site's audit trail: one partition per site, sorted by time. */
export const AUDIT_PK_PREFIX = 'AUDIT#';
export const auditPk = (siteId: string): string => `${AUDIT_PK_PREFIX}${siteId}`;

/** Sort-key prefix of the candidates in `status`; `#` ends it so no status is a prefix of another's range. */
export const siteStatusPrefix = (status: CandidateStatus): string => `${status}#`;

/**
 * A score (0..100, at most one decimal) as a fixed-width string that sorts best first in an ascending query:
 * 1000 - score×10, zero-padded to 4 digits. Out-of-range scores are clamped so the width never breaks.
 */
export function invertedScore(score: number): string {
  const tenths = Math.min(1000, Math.max(0, Math.round(score * 10)));
  return String(1000 - tenths).padStart(4, '0');
}

/** The criteria version, fixed-width so that versions compare as strings in the same order as numbers. */
export const versionKey = (criteriaVersion: number): string => `v${String(criteriaVersion).padStart(6, '0')}`;

/** A rescreen date of null sorts after every date (`~` follows the digits), so no date range ever reaches it. */
export const NEVER_DUE = '~';

/**
 * The bounds of the byReview index's due ranges for `today` under `criteriaVersion`:
 * - `olderVersionsBelow`: every sort key below it was screened under an older criteria version (all due);
 * - `dueByDate`: the current version's entries whose reviewAt is on or before today.
 */
export function dueRanges(today: string, criteriaVersion: number): { olderVersionsBelow: string; dueByDate: readonly [string, string] } {
  const current = versionKey(criteriaVersion);
  return { olderVersionsBelow: current, dueByDate: [`${current}#0000`, `${current}#${today}#\uffff`] };
}

/** The index attributes a stored referral carries, derived from its state. */
export function indexAttributes(referral: StoredReferral): Record<string, string> {
  const attributes: Record<string, string> = {
    physicianPk: physicianPk(referral.physicianId),
    physicianSk: `${referral.createdAt}#${referral.id}`,
  };
  // A tombstone stays visible to its physician only: no inbox, no rescreening, nothing left to send.
  if (isTombstone(referral)) return attributes;
  Object.assign(attributes, reviewAttributes(referral));
  if (referral.candidate) {
    attributes['sitePk'] = sitePk(referral.siteId);
    attributes['siteSk'] = `${siteStatusPrefix(referral.candidate.status)}${invertedScore(referral.latest.score)}#${referral.id}`;
  }
  const { seq, sentSeq, pendingSince } = referral.notification;
  if (seq > sentSeq && pendingSince !== undefined) {
    attributes['outboxPk'] = OUTBOX_PK;
    attributes['outboxSk'] = `${pendingSince}#${referral.id}`;
  }
  return attributes;
}

/**
 * Scheduled by `rescreenAt`, the first day the verdict can change: a patient whom time can only make less eligible
 * is never due. Results stored before `rescreenAt` existed are scheduled by their `reviewAt`.
 */
function reviewAttributes(record: ReferralRecord): Record<string, string> {
  const latest = record.latest as ReferralRecord['latest'] & { rescreenAt?: string | null };
  const reviewAt = (latest.rescreenAt === undefined ? latest.reviewAt : latest.rescreenAt) ?? NEVER_DUE;
  return {
    reviewPk: reviewPk(record.trialId),
    reviewSk: `${versionKey(record.latest.criteriaVersion)}#${reviewAt}#${record.id}`,
  };
}

/**
 * The item to write for a referral or tombstone. A live referral's profile, screenings and kept reply travel as one
 * compressed document (referral-document.ts). A live referral also carries its physician's listing, and a candidate
 * its inbox listing (the facts derived from its profile and screening): those, beside the record's own small fields,
 * are all that byPhysicianListing and bySite project. A tombstone's line is its own fields.
 */
export function toItem(referral: StoredReferral): Item {
  const attributes = indexAttributes(referral);
  if (isTombstone(referral)) return { ...referral, pk: referralPk(referral.id), sk: REFERRAL_SK, ...attributes };
  const inbox = attributes['sitePk'] !== undefined ? { [INBOX_LISTING_ATTRIBUTE]: derivedListing(referral) } : {};
  const { envelope, document } = packDocument(referral);
  return {
    ...envelope,
    [DOCUMENT_ATTRIBUTE]: document,
    pk: referralPk(referral.id),
    sk: REFERRAL_SK,
    ...attributes,
    [PHYSICIAN_LISTING_ATTRIBUTE]: derivedReferralListing(referral),
    ...inbox,
  };
}

/**
 * The stored referral in an item read back, without the key attributes and the derived listings, its document
 * unpacked. An item written before referrals had a document holds the same fields as nested maps, read as they are.
 */
export function fromItem(item: Item): StoredReferral {
  const record: Item = {};
  for (const [name, value] of Object.entries(item)) {
    if (name === DOCUMENT_ATTRIBUTE) Object.assign(record, unpackDocument(value));
    else if (!DERIVED_ATTRIBUTES.includes(name)) record[name] = value;
  }
  // The item was written by toItem from a StoredReferral; the table holds nothing else under REFERRAL# keys.
  return record as unknown as StoredReferral;
}
