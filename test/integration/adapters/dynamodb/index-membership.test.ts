/**
 * The sparse indexes follow each referral's state: the physician's listing, the site inbox, the outbox. Each test
 * uses its own physician or site, so tests do not see each other's items.
 */
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toItem } from '#adapters/dynamodb/item-keys.js';
import { INBOX_LISTING_ATTRIBUTE, OUTBOX_ENTRY, PHYSICIAN_LISTING, PHYSICIAN_LISTING_ATTRIBUTE } from '#adapters/dynamodb/table-design.js';
import { candidateListing } from '#referral/candidate-listing.js';
import type { ReferralRecord } from '#referral/record.js';
import { INTAKE_RULES, isWithdrawnListing, physicianListing } from '#referral/referral-listing.js';
import { referralSummary } from '#referral/views.js';
import { nextId, nextRevision, referralRecord, tombstoneOf } from '#test/support/records.js';
import { allPages, startStoreHarness, type StoreHarness } from './store-harness.js';

let harness: StoreHarness;
beforeAll(async () => {
  harness = await startStoreHarness();
});
afterAll(async () => {
  await harness.stop();
});

const ids = (items: readonly { readonly id: string }[]): string[] => items.map((item) => item.id);

async function inbox(siteId: string, status?: Parameters<StoreHarness['store']['listCandidates']>[1]): Promise<string[]> {
  const { items } = await allPages((cursor) => harness.store.listCandidates(siteId, status, { limit: 2, ...(cursor ? { cursor } : {}) }));
  return ids(items);
}

async function outbox(olderThan: string): Promise<string[]> {
  const { items } = await allPages((cursor) => harness.store.listPendingNotifications(olderThan, { limit: 50, ...(cursor ? { cursor } : {}) }));
  return ids(items);
}

describe('physician listing', () => {
  it('lists the physician’s referrals newest first across pages, tombstones included', async () => {
    const physicianId = nextId('physician');
    const created = ['2025-05-01T10:00:00.000Z', '2025-05-03T10:00:00.000Z', '2025-05-02T10:00:00.000Z', '2025-05-04T10:00:00.000Z'].map(
      (createdAt) => referralRecord({ physicianId, createdAt }),
    );
    for (const record of created) await harness.store.create(record);
    await harness.store.create(referralRecord({ physicianId: nextId('physician') }));
    const [withdrawn] = created;
    if (!withdrawn) throw new Error('no record');
    await harness.store.put(tombstoneOf(withdrawn), withdrawn.revision);

    const { items, pages } = await allPages((cursor) => harness.store.listByPhysician(physicianId, { limit: 3, ...(cursor ? { cursor } : {}) }));
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(ids(items)).toEqual([3, 1, 2, 0].map((index) => created[index]?.id));
    expect(items.filter(isWithdrawnListing).map((item) => item.id)).toEqual([withdrawn.id]);
  });
});

describe('physician listing: each line from the index alone', () => {
  /** The physician's referrals: a candidate, one below the trial's minimum data (no birth date), one withdrawn. */
  async function threeReferrals(physicianId: string) {
    const candidate = referralRecord({ physicianId, createdAt: '2025-05-03T10:00:00.000Z', candidateStatus: 'screening', score: 87.5 });
    const base = referralRecord({ physicianId, createdAt: '2025-05-02T10:00:00.000Z', verdict: 'potential', score: 40 });
    const { birthDate: _birthDate, ...demographics } = base.profile.demographics ?? {};
    const incomplete: ReferralRecord = { ...base, profile: { ...base.profile, demographics } };
    const live = referralRecord({ physicianId, createdAt: '2025-05-01T10:00:00.000Z' });
    const withdrawn = tombstoneOf(live);
    return { candidate, incomplete, live, withdrawn };
  }

  it('reads only the listing from byPhysicianListing, and each line is the one the whole referral gives', async () => {
    const physicianId = nextId('physician');
    const { candidate, incomplete, live, withdrawn } = await threeReferrals(physicianId);
    for (const record of [candidate, incomplete, live]) await harness.store.create(record);
    await harness.store.put(withdrawn, live.revision);
    harness.reads.reset();

    const { items } = await harness.store.listByPhysician(physicianId, { limit: 10 });
    expect(items).toEqual([candidate, incomplete, withdrawn].map(physicianListing));
    expect(items.map((item) => ('withdrawn' in item ? 'withdrawn' : item.intake))).toEqual(['active', 'incomplete', 'withdrawn']);
    // One query, no referral read whole.
    expect(harness.reads.queries).toBe(1);

    // The reply's lines, byte for byte, as GET /referrals answered them before listings existed.
    expect(JSON.stringify(items.map(referralSummary))).toBe(
      JSON.stringify([
        { id: candidate.id, status: 'active', trialId: candidate.trialId, version: 1, createdAt: candidate.createdAt, updatedAt: candidate.updatedAt, verdict: 'eligible', score: 87.5, missingData: candidate.latest.missingData.length, candidateStatus: 'screening' },
        { id: incomplete.id, status: 'incomplete', trialId: incomplete.trialId, version: 1, createdAt: incomplete.createdAt, updatedAt: incomplete.updatedAt, verdict: 'potential', score: 40, missingData: incomplete.latest.missingData.length, candidateStatus: null },
        { id: withdrawn.id, status: 'withdrawn', trialId: withdrawn.trialId, siteId: withdrawn.siteId, createdAt: withdrawn.createdAt, withdrawnAt: withdrawn.withdrawnAt },
      ]),
    );
  });

  it('projects only the keys, the record’s small fields and the listing: no profile, no screening', async () => {
    const physicianId = nextId('physician');
    const { candidate, incomplete, live, withdrawn } = await threeReferrals(physicianId);
    for (const record of [candidate, incomplete, live]) await harness.store.create(record);
    await harness.store.put(withdrawn, live.revision);

    const { Items: entries = [] } = await harness.document.send(
      new QueryCommand({
        TableName: harness.dynalite.tableName,
        IndexName: 'byPhysicianListing',
        KeyConditionExpression: 'physicianPk = :pk',
        ExpressionAttributeValues: { ':pk': `PHYSICIAN#${physicianId}` },
      }),
    );
    expect(entries).toHaveLength(3);
    const allowed = new Set(['pk', 'sk', 'physicianPk', 'physicianSk', ...(PHYSICIAN_LISTING.type === 'INCLUDE' ? PHYSICIAN_LISTING.nonKeyAttributes : [])]);
    for (const entry of entries) expect(Object.keys(entry).filter((name) => !allowed.has(name))).toEqual([]);
    const entryOf = (id: string) => entries.find((entry) => entry['id'] === id) ?? {};
    expect(Object.keys(entryOf(candidate.id)).sort()).toEqual(
      ['pk', 'sk', 'physicianPk', 'physicianSk', 'id', 'trialId', 'siteId', 'version', 'createdAt', 'updatedAt', 'candidate', PHYSICIAN_LISTING_ATTRIBUTE].sort(),
    );
    expect(Object.keys(entryOf(withdrawn.id)).sort()).toEqual(
      ['pk', 'sk', 'physicianPk', 'physicianSk', 'id', 'trialId', 'siteId', 'createdAt', 'withdrawn', 'withdrawnAt'].sort(),
    );
    // A line, not a referral: the whole candidate is ~13 KB as stored.
    expect(JSON.stringify(entryOf(candidate.id)).length).toBeLessThan(1000);
  });

  it('lists a referral written before referrals carried their listing, from the referral itself', async () => {
    const physicianId = nextId('physician');
    const { candidate, incomplete, live, withdrawn } = await threeReferrals(physicianId);
    // Written as before: no physician's listing (and no inbox listing either).
    for (const record of [candidate, incomplete]) {
      const { [PHYSICIAN_LISTING_ATTRIBUTE]: listing, [INBOX_LISTING_ATTRIBUTE]: _inbox, ...legacy } = toItem(record);
      expect(listing).toBeDefined();
      await harness.document.send(new PutCommand({ TableName: harness.dynalite.tableName, Item: legacy }));
    }
    await harness.store.create(live);
    await harness.store.put(withdrawn, live.revision);

    const { items } = await harness.store.listByPhysician(physicianId, { limit: 10 });
    expect(items).toEqual([candidate, incomplete, withdrawn].map(physicianListing));
    expect(items.map(referralSummary).map((line) => line.status)).toEqual(['active', 'incomplete', 'withdrawn']);
    await expect(harness.store.get(incomplete.id)).resolves.toEqual(incomplete);
  });

  it('reads the referral when the trial asks for minimum data its listing did not check (no stale intake status)', async () => {
    const physicianId = nextId('physician');
    const { incomplete } = await threeReferrals(physicianId);
    // As if written while the trial named no minimum data: the evidence checked nothing and found nothing missing.
    const item = toItem(incomplete);
    const derived = item[PHYSICIAN_LISTING_ATTRIBUTE] as Record<string, unknown>;
    const outgrown = { ...item, [PHYSICIAN_LISTING_ATTRIBUTE]: { ...derived, intake: { rules: INTAKE_RULES, checked: [], missing: [] } } };
    await harness.document.send(new PutCommand({ TableName: harness.dynalite.tableName, Item: outgrown }));
    // Evidence recorded under other intake rules does not decide either.
    const other = referralRecord({ physicianId, createdAt: '2025-04-01T10:00:00.000Z' });
    const otherItem = toItem(other);
    const otherDerived = otherItem[PHYSICIAN_LISTING_ATTRIBUTE] as { intake: Record<string, unknown> };
    await harness.document.send(
      new PutCommand({
        TableName: harness.dynalite.tableName,
        Item: { ...otherItem, [PHYSICIAN_LISTING_ATTRIBUTE]: { ...otherDerived, intake: { ...otherDerived.intake, rules: INTAKE_RULES + 1 } } },
      }),
    );

    const { items } = await harness.store.listByPhysician(physicianId, { limit: 10 });
    expect(items).toEqual([physicianListing(incomplete), physicianListing(other)]);
    expect(items.map(referralSummary).map((line) => line.status)).toEqual(['incomplete', 'active']);
  });
});

describe('site inbox', () => {
  it('holds a referral only once the candidate is recorded, ranked by score, with a status filter and counts', async () => {
    const siteId = nextId('site');
    const pending = referralRecord({ siteId, score: 99 });
    const low = referralRecord({ siteId, score: 12.5, candidateStatus: 'potential-candidate', verdict: 'potential' });
    const high = referralRecord({ siteId, score: 100, candidateStatus: 'potential-candidate' });
    const middle = referralRecord({ siteId, score: 55.1, candidateStatus: 'potential-candidate' });
    const zero = referralRecord({ siteId, score: 0, candidateStatus: 'potential-candidate', verdict: 'ineligible' });
    const screening = referralRecord({ siteId, score: 70, candidateStatus: 'screening' });
    const otherSite = referralRecord({ siteId: nextId('site'), score: 90, candidateStatus: 'potential-candidate' });
    for (const record of [pending, low, high, middle, zero, screening, otherSite]) await harness.store.create(record);

    expect(await inbox(siteId, 'potential-candidate')).toEqual([high.id, middle.id, low.id, zero.id]);
    expect(await inbox(siteId, 'screening')).toEqual([screening.id]);
    expect(await inbox(siteId, 'candidate')).toEqual([]);
    // The whole inbox: grouped by status, best first within each.
    expect(await inbox(siteId)).toEqual([high.id, middle.id, low.id, zero.id, screening.id]);
    expect(await harness.store.countCandidates(siteId, 'potential-candidate')).toBe(4);
    expect(await harness.store.countCandidates(siteId, 'screening')).toBe(1);
    expect(await harness.store.countCandidates(siteId, 'on-study')).toBe(0);

    // Recording the candidate puts the pending referral in the inbox.
    const recorded = nextRevision(pending, { candidate: { status: 'potential-candidate', since: '2025-06-01', recordedAt: '2025-06-01T00:00:00.000Z' } });
    await harness.store.put(recorded, pending.revision);
    expect(await inbox(siteId, 'potential-candidate')).toEqual([high.id, recorded.id, middle.id, low.id, zero.id]);
  });

  it('moves a candidate between statuses and re-ranks it when the score changes', async () => {
    const siteId = nextId('site');
    const first = referralRecord({ siteId, score: 60, candidateStatus: 'potential-candidate' });
    const second = referralRecord({ siteId, score: 40, candidateStatus: 'potential-candidate' });
    for (const record of [first, second]) await harness.store.create(record);

    const rescored = nextRevision(second, { latest: { ...second.latest, score: 61 } });
    await harness.store.put(rescored, second.revision);
    expect(await inbox(siteId, 'potential-candidate')).toEqual([second.id, first.id]);

    const onStudy = nextRevision(first, { candidate: { status: 'on-study', since: '2025-06-05', recordedAt: '2025-06-05T00:00:00.000Z' } });
    await harness.store.put(onStudy, first.revision);
    expect(await inbox(siteId, 'potential-candidate')).toEqual([second.id]);
    expect(await inbox(siteId, 'on-study')).toEqual([first.id]);
    expect(await harness.store.countCandidates(siteId, 'on-study')).toBe(1);
  });

  it('counts past a page of results', async () => {
    const siteId = nextId('site');
    const records = Array.from({ length: 25 }, (_, index) => referralRecord({ siteId, score: index * 4, candidateStatus: 'candidate' }));
    await Promise.all(records.map((record) => harness.store.create(record)));
    expect(await harness.store.countCandidates(siteId, 'candidate')).toBe(25);
    expect(await inbox(siteId, 'candidate')).toHaveLength(25);
  });
});

describe('site inbox listing', () => {
  it('lists each candidate by its listing, and the index holds nothing else of the referral', async () => {
    const siteId = nextId('site');
    const record = referralRecord({ siteId, score: 73.5, candidateStatus: 'candidate', verdict: 'potential' });
    await harness.store.create(record);

    const { items } = await harness.store.listCandidates(siteId, undefined, { limit: 10 });
    expect(items).toEqual([candidateListing(record)]);
    expect(items[0]).toMatchObject({ age: 34, verdict: 'potential', score: 73.5, missingData: 0, screenedOn: '2025-05-25' });

    // No profile, screening or history in the index: a page reads a line per candidate, not the referral.
    const { Items: entries = [] } = await harness.document.send(
      new QueryCommand({
        TableName: harness.dynalite.tableName,
        IndexName: 'bySite',
        KeyConditionExpression: 'sitePk = :pk',
        ExpressionAttributeValues: { ':pk': `SITE#${siteId}` },
      }),
    );
    expect(entries).toHaveLength(1);
    expect(Object.keys(entries[0] ?? {}).sort()).toEqual(
      ['pk', 'sk', 'sitePk', 'siteSk', 'id', 'trialId', 'siteId', 'updatedAt', 'candidate', INBOX_LISTING_ATTRIBUTE].sort(),
    );
  });

  it('lists a candidate written before referrals carried their listing, from the referral itself', async () => {
    const siteId = nextId('site');
    const record = referralRecord({ siteId, candidateStatus: 'screening' });
    const { [INBOX_LISTING_ATTRIBUTE]: listing, ...legacy } = toItem(record);
    expect(listing).toBeDefined();
    await harness.document.send(new PutCommand({ TableName: harness.dynalite.tableName, Item: legacy }));

    expect((await harness.store.listCandidates(siteId, 'screening', { limit: 10 })).items).toEqual([candidateListing(record)]);
    await expect(harness.store.get(record.id)).resolves.toEqual(record);
  });
});

describe('outbox', () => {
  const pendingSince = '2025-06-01T10:00:00.000Z';

  it('holds a referral while a notification is pending, oldest first, and lets it go once sent', async () => {
    const notPending = referralRecord({ notification: { seq: 0, sentSeq: 0 } });
    const alreadySent = referralRecord({ notification: { seq: 2, sentSeq: 2 } });
    const older = referralRecord({ notification: { seq: 1, sentSeq: 0, pendingSince: '2025-06-01T09:00:00.000Z' } });
    const pending = referralRecord({ notification: { seq: 3, sentSeq: 2, pendingSince } });
    const tooRecent = referralRecord({ notification: { seq: 1, sentSeq: 0, pendingSince: '2025-06-01T11:00:00.000Z' } });
    for (const record of [notPending, alreadySent, older, pending, tooRecent]) await harness.store.create(record);

    // Strictly before `olderThan`: a notification pending since exactly then is not yet overdue.
    expect(await outbox('2025-06-01T11:00:00.000Z')).toEqual([older.id, pending.id]);
    expect(await outbox(pendingSince)).toEqual([older.id]);

    const sent = nextRevision(pending, { notification: { seq: 3, sentSeq: 3 } });
    await harness.store.put(sent, pending.revision);
    expect(await outbox('2025-06-01T11:00:00.000Z')).toEqual([older.id]);

    // A new change makes it pending again.
    const changedAgain: ReferralRecord = nextRevision(sent, { notification: { seq: 4, sentSeq: 3, pendingSince: '2025-06-01T09:30:00.000Z' } });
    await harness.store.put(changedAgain, sent.revision);
    expect(await outbox('2025-06-01T11:00:00.000Z')).toEqual([older.id, changedAgain.id]);

    for (const record of [older, changedAgain]) {
      const done = nextRevision(record, { notification: { ...record.notification, sentSeq: record.notification.seq, pendingSince: undefined } });
      await harness.store.put(done, record.revision);
    }
    expect(await outbox('2030-01-01T00:00:00.000Z')).toEqual([tooRecent.id]);
  });
});

describe('outbox: only the keys and the trial', () => {
  it('projects into pendingNotifications nothing of the referral but its trial', async () => {
    const record = referralRecord({ notification: { seq: 1, sentSeq: 0, pendingSince: '2025-06-01T08:00:00.000Z' } });
    await harness.store.create(record);
    const { Items: entries = [] } = await harness.document.send(
      new QueryCommand({
        TableName: harness.dynalite.tableName,
        IndexName: 'pendingNotifications',
        KeyConditionExpression: 'outboxPk = :pk',
        ExpressionAttributeValues: { ':pk': 'OUTBOX' },
      }),
    );
    const allowed = new Set(['pk', 'sk', 'outboxPk', 'outboxSk', ...(OUTBOX_ENTRY.type === 'INCLUDE' ? OUTBOX_ENTRY.nonKeyAttributes : [])]);
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) expect(Object.keys(entry).filter((name) => !allowed.has(name))).toEqual([]);
    const entry = entries.find((item) => item['pk'] === `REFERRAL#${record.id}`);
    expect(Object.keys(entry ?? {}).sort()).toEqual(['outboxPk', 'outboxSk', 'pk', 'sk', 'trialId']);
    expect((await harness.store.listPendingNotifications('2030-01-01T00:00:00.000Z', { limit: 50 })).items).toContainEqual({
      id: record.id,
      trialId: record.trialId,
    });

    const done = nextRevision(record, { notification: { seq: 1, sentSeq: 1, pendingSince: undefined } });
    await harness.store.put(done, record.revision);
    expect(await outbox('2030-01-01T00:00:00.000Z')).not.toContain(record.id);
  });
});

describe('tombstones', () => {
  it('leave the site, review and outbox indexes but stay in the physician’s listing', async () => {
    const physicianId = nextId('physician');
    const siteId = nextId('site');
    const trialId = nextId('trial');
    const record = referralRecord({
      physicianId,
      siteId,
      trialId,
      candidateStatus: 'candidate',
      reviewAt: '2025-06-01',
      notification: { seq: 1, sentSeq: 0, pendingSince: '2025-06-01T08:00:00.000Z' },
    });
    await harness.store.create(record);
    expect(await inbox(siteId)).toEqual([record.id]);
    expect(ids((await harness.store.listDue(trialId, '2025-06-10', 1, { limit: 10 })).items)).toEqual([record.id]);
    expect(await outbox('2030-01-01T00:00:00.000Z')).toContain(record.id);

    await harness.store.put(tombstoneOf(record), record.revision);
    expect(await inbox(siteId)).toEqual([]);
    expect(await harness.store.countCandidates(siteId, 'candidate')).toBe(0);
    expect((await harness.store.listDue(trialId, '2025-06-10', 1, { limit: 10 })).items).toEqual([]);
    expect(await outbox('2030-01-01T00:00:00.000Z')).not.toContain(record.id);
    expect(ids((await harness.store.listByPhysician(physicianId, { limit: 10 })).items)).toEqual([record.id]);
  });
});
