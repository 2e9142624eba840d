/**
 * A local table created under an older index design (byPhysician projecting ALL, bySite projecting ALL) is rebuilt
 * to TABLE_DESIGN when the local stack starts on it: dynalite ignores an UpdateTable that adds an index, and no
 * projection changes in place. Nothing is lost, the physician's list works on it, and a crash mid-rebuild resumes.
 */
import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { documentClientFor } from '#adapters/dynamodb/document-client.js';
import { toItem } from '#adapters/dynamodb/item-keys.js';
import { DynamoReferralStore } from '#adapters/dynamodb/referral-store.js';
import { INBOX_LISTING_ATTRIBUTE, PHYSICIAN_LISTING_ATTRIBUTE, RETIRED_INDEXES } from '#adapters/dynamodb/table-design.js';
import { createTable, createTableInput } from '#local/create-table.js';
import { createSideTable, hasDesignedIndexes, upgradeTable } from '#local/upgrade-table.js';
import { physicianListing } from '#referral/referral-listing.js';
import { startDynalite, type TestDynalite } from '#test/support/dynalite.js';
import { ManualClock } from '#test/support/manual-clock.js';
import { referralRecord, tombstoneOf } from '#test/support/records.js';

let dynalite: TestDynalite;
beforeEach(async () => {
  dynalite = await startDynalite();
});
afterEach(async () => {
  await dynalite.stop();
});

/** The table as it was before byPhysicianListing: byPhysician and bySite projected ALL. */
async function createOldTable(tableName: string): Promise<void> {
  const current = createTableInput(tableName);
  const [retired] = RETIRED_INDEXES;
  await dynalite.client.send(
    new CreateTableCommand({
      ...current,
      GlobalSecondaryIndexes: current.GlobalSecondaryIndexes?.map((index) =>
        index.IndexName === 'byPhysicianListing'
          ? { ...index, IndexName: retired.indexName, Projection: { ProjectionType: 'ALL' } }
          : { ...index, Projection: { ProjectionType: 'ALL' } },
      ),
    }),
  );
  await createTable(dynalite.client, tableName);
}

/** Referrals as the code before listings wrote them: no derived listing on the item. */
async function writeOldReferrals(tableName: string) {
  const physicianId = 'physician-upgrade';
  const candidate = referralRecord({ physicianId, createdAt: '2025-05-03T10:00:00.000Z', candidateStatus: 'candidate' });
  const live = referralRecord({ physicianId, createdAt: '2025-05-02T10:00:00.000Z' });
  const withdrawn = tombstoneOf(referralRecord({ physicianId, createdAt: '2025-05-01T10:00:00.000Z' }));
  const document = documentClientFor(dynalite.client);
  for (const referral of [candidate, live, withdrawn]) {
    const { [PHYSICIAN_LISTING_ATTRIBUTE]: _listing, [INBOX_LISTING_ATTRIBUTE]: _inbox, ...item } = toItem(referral);
    await document.send(new PutCommand({ TableName: tableName, Item: item }));
  }
  return { physicianId, expected: [candidate, live, withdrawn] };
}


const storeOn = (tableName: string) =>
  new DynamoReferralStore({ client: documentClientFor(dynalite.client), tableName, clock: new ManualClock(new Date('2025-06-10T00:00:00.000Z')) });

const describeTable = async (tableName: string) => (await dynalite.client.send(new DescribeTableCommand({ TableName: tableName }))).Table ?? {};

describe('upgradeTable', () => {
  it('rebuilds a table of the older design to the current indexes, keeping every item', async () => {
    const tableName = 'referrals-old-design';
    await createOldTable(tableName);
    const { physicianId, expected } = await writeOldReferrals(tableName);
    expect(hasDesignedIndexes(await describeTable(tableName))).toBe(false);

    await expect(upgradeTable(dynalite.client, tableName)).resolves.toEqual({ rebuilt: true, items: 3 });
    expect(hasDesignedIndexes(await describeTable(tableName))).toBe(true);
    const store = storeOn(tableName);
    expect((await store.listByPhysician(physicianId, { limit: 10 })).items).toEqual(expected.map(physicianListing));
    for (const referral of expected) await expect(store.get(referral.id)).resolves.toEqual(referral);
    // The side table is gone, and a second start has nothing to do.
    await expect(dynalite.client.send(new DescribeTableCommand({ TableName: `${tableName}-upgrade` }))).rejects.toThrow();
    await expect(upgradeTable(dynalite.client, tableName)).resolves.toEqual({ rebuilt: false, items: 0 });
  });

  it('finishes from a complete copy when a crash left the table deleted', async () => {
    const tableName = 'referrals-crashed';
    await createOldTable(tableName);
    const { physicianId, expected } = await writeOldReferrals(tableName);
    // What a crash right after deleting the table leaves: the side table, complete, and no table.
    const sideName = `${tableName}-upgrade`;
    await createSideTable(dynalite.client, sideName);
    for (const item of (await dynalite.client.send(new ScanCommand({ TableName: tableName }))).Items ?? []) {
      await dynalite.client.send(new PutItemCommand({ TableName: sideName, Item: item }));
    }
    await dynalite.client.send(new PutItemCommand({ TableName: sideName, Item: { pk: { S: '#upgrade' }, sk: { S: 'COMPLETE' } } }));
    await dynalite.client.send(new DeleteTableCommand({ TableName: tableName }));

    // The next start: createTable makes an empty table of the design, upgradeTable fills it from the copy.
    for (let tries = 0; tries < 100; tries++) {
      try {
        await createTable(dynalite.client, tableName);
        break;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 20)); // still deleting
      }
    }
    await expect(upgradeTable(dynalite.client, tableName)).resolves.toEqual({ rebuilt: true, items: 3 });
    expect((await storeOn(tableName).listByPhysician(physicianId, { limit: 10 })).items).toEqual(expected.map(physicianListing));
  });

  it('discards an unfinished copy and leaves a table of the current design alone', async () => {
    const tableName = dynalite.tableName;
    const record = referralRecord();
    await storeOn(tableName).create(record);
    const sideName = `${tableName}-upgrade`;
    await createSideTable(dynalite.client, sideName); // a copy that a crash interrupted: no completion mark

    await expect(upgradeTable(dynalite.client, tableName)).resolves.toEqual({ rebuilt: false, items: 0 });
    await expect(storeOn(tableName).get(record.id)).resolves.toEqual(record);
    await expect(dynalite.client.send(new DescribeTableCommand({ TableName: sideName }))).rejects.toThrow();
  });
});
