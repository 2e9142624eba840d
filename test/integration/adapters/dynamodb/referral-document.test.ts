/**
 * A referral's profile, screenings and kept reply travel as one compressed document attribute: what is in it comes
 * back unchanged, damage is refused rather than read, the item is much smaller than nested maps, and referrals
 * written before the document existed (nested maps) still read, list and rescreen through the store.
 */
import { gzipSync } from 'node:zlib';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromItem, REFERRAL_SK, referralPk, toItem } from '#adapters/dynamodb/item-keys.js';
import { DOCUMENT_FIELDS, packDocument, unpackDocument } from '#adapters/dynamodb/referral-document.js';
import { MalformedItemError } from '#adapters/dynamodb/stored-fields.js';
import { DOCUMENT_ATTRIBUTE, INBOX_LISTING_ATTRIBUTE, PHYSICIAN_LISTING_ATTRIBUTE } from '#adapters/dynamodb/table-design.js';
import { candidateListing } from '#referral/candidate-listing.js';
import type { ReferralRecord } from '#referral/record.js';
import { screen } from '#screening/screen.js';
import { NCT05212584 } from '#trial/nct05212584.js';
import { eligibleProfile } from '#test/support/profiles.js';
import { referralRecord } from '#test/support/records.js';
import { startStoreHarness, type StoreHarness } from './store-harness.js';

/** A referral as the service writes one: a whole profile, its real screening and a kept first reply. */
function realisticRecord(): ReferralRecord {
  const asOf = '2025-06-10';
  const profile = eligibleProfile(asOf);
  const latest = screen(profile, NCT05212584, asOf);
  const base = referralRecord({ candidateStatus: 'candidate' });
  return { ...base, profile, latest, firstReply: JSON.stringify({ id: base.id, ...latest }) };
}

/** The item a referral had before the document: the same fields as nested maps. */
function nestedItem(record: ReferralRecord): Record<string, unknown> {
  const { [DOCUMENT_ATTRIBUTE]: _document, ...rest } = toItem(record);
  return { ...rest, profile: record.profile, latest: record.latest, history: record.history, ...(record.firstReply === undefined ? {} : { firstReply: record.firstReply }) };
}

describe('the referral document', () => {
  it('holds the profile, the screenings and the kept reply, and nothing of them stays outside it', () => {
    const record = realisticRecord();
    const item = toItem(record);
    for (const field of DOCUMENT_FIELDS) expect(item, field).not.toHaveProperty(field);
    const document = item[DOCUMENT_ATTRIBUTE];
    expect(document).toBeInstanceOf(Uint8Array);
    expect([...(document as Uint8Array).subarray(0, 2)], 'a gzip stream').toEqual([0x1f, 0x8b]);
    expect(unpackDocument(document)).toEqual({ profile: record.profile, latest: record.latest, history: record.history, firstReply: record.firstReply });
    expect(fromItem(item)).toEqual(record);
  });

  it('is under a third of the same fields as JSON, so a write costs a third of the units', () => {
    const record = realisticRecord();
    const json = JSON.stringify({ profile: record.profile, latest: record.latest, history: record.history, firstReply: record.firstReply });
    expect(json.length).toBeGreaterThan(8_000);
    expect(packDocument(record).document.byteLength).toBeLessThan(json.length / 3);
  });

  it('leaves an absent first reply absent', () => {
    const record = referralRecord();
    expect(record.firstReply).toBeUndefined();
    expect(fromItem(toItem(record))).not.toHaveProperty('firstReply');
  });

  it('refuses a damaged document instead of reading it', () => {
    const packed = packDocument(realisticRecord()).document;
    const flipped = Uint8Array.from(packed);
    flipped[Math.floor(flipped.length / 2)] = (flipped[Math.floor(flipped.length / 2)] ?? 0) ^ 0xff;
    const truncated = packed.subarray(0, packed.length - 8);
    const notADocument = gzipSync(JSON.stringify({ profile: {}, history: [] }));
    const wrongReply = gzipSync(JSON.stringify({ profile: {}, latest: {}, history: [], firstReply: 7 }));
    for (const damaged of [flipped, truncated, notADocument, wrongReply, Uint8Array.from([1, 2, 3]), 'a string']) {
      expect(() => unpackDocument(damaged)).toThrow(MalformedItemError);
    }
  });

  it('reads an item written before the document (nested maps) as it always did', () => {
    const record = realisticRecord();
    expect(fromItem(nestedItem(record))).toEqual(record);
  });
});

describe('the referral document in the table', () => {
  let harness: StoreHarness;
  beforeAll(async () => {
    harness = await startStoreHarness();
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('round-trips through DynamoDB as a Binary', async () => {
    const record = realisticRecord();
    await harness.store.create(record);
    const { Item: item } = await harness.document.send(
      new GetCommand({ TableName: harness.dynalite.tableName, Key: { pk: referralPk(record.id), sk: REFERRAL_SK } }),
    );
    expect(item?.[DOCUMENT_ATTRIBUTE]).toBeInstanceOf(Uint8Array);
    expect(item).not.toHaveProperty('profile');
    await expect(harness.store.get(record.id)).resolves.toEqual(record);
  });

  it('reads, lists and finds due a referral stored as nested maps, and writes it back with a document', async () => {
    const record = realisticRecord();
    // As written before the document existed: nested maps, and (older still) no listings.
    const { [INBOX_LISTING_ATTRIBUTE]: _inbox, [PHYSICIAN_LISTING_ATTRIBUTE]: _physician, ...legacy } = nestedItem(record);
    await harness.document.send(new PutCommand({ TableName: harness.dynalite.tableName, Item: legacy }));

    await expect(harness.store.get(record.id)).resolves.toEqual(record);
    const inbox = await harness.store.listCandidates(record.siteId, 'candidate', { limit: 100 });
    expect(inbox.items).toContainEqual(candidateListing(record));
    const due = await harness.store.listDue(record.trialId, '2099-01-01', record.latest.criteriaVersion, { limit: 100 });
    expect(due.items.find((item) => item.id === record.id)).toEqual(record);

    const next = { ...record, revision: record.revision + 1 };
    await harness.store.put(next, record.revision);
    const { Item: item } = await harness.document.send(
      new GetCommand({ TableName: harness.dynalite.tableName, Key: { pk: referralPk(record.id), sk: REFERRAL_SK } }),
    );
    expect(item).not.toHaveProperty('profile');
    expect(item?.[DOCUMENT_ATTRIBUTE]).toBeInstanceOf(Uint8Array);
    await expect(harness.store.get(record.id)).resolves.toEqual(next);
  });
});
