/** Putting a restored table's contents back into the stack's table, over the DynamoDB wire protocol (dynalite). */
import { documentClientFor } from '#adapters/dynamodb/document-client.js';
import type { DynamoDBDocumentClient} from '@aws-sdk/lib-dynamodb';
import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replaceTableContents } from '#infra/ops/replace-table-contents.js';
import { toItem } from '#adapters/dynamodb/item-keys.js';
import { createTable } from '#local/create-table.js';
import { startDynalite, type TestDynalite } from '#test/support/dynalite.js';
import { nextRevision, referralRecord, tombstoneOf } from '#test/support/records.js';

let dynalite: TestDynalite;
let document: DynamoDBDocumentClient;
beforeAll(async () => {
  dynalite = await startDynalite();
  document = documentClientFor(dynalite.client);
});
afterAll(async () => {
  await dynalite.stop();
});

async function tableWith(name: string, items: Record<string, unknown>[]): Promise<string> {
  await createTable(dynalite.client, name);
  for (const item of items) await document.send(new PutCommand({ TableName: name, Item: item }));
  return name;
}

async function itemsOf(tableName: string): Promise<Record<string, unknown>[]> {
  const { Items = [] } = await document.send(new ScanCommand({ TableName: tableName }));
  return Items.sort((a, b) => String(a['pk']).localeCompare(String(b['pk'])));
}

const withdrawn = referralRecord();
const stayed = referralRecord();
const referredLater = referralRecord({ createdAt: '2025-06-12T08:00:00.000Z' });
const restoredItems = [toItem(tombstoneOf(withdrawn)), toItem(stayed)];
// An audit entry written after the restore point: a read that did happen.
const auditEntry = { pk: 'AUDIT#hebei-yanda-ludaopei', sk: '2025-06-12T08:30:00.000Z#0001', action: 'read-referral', referralIds: [stayed.id] };
// The live table: the same tombstone, a corrupted version of the referral that stayed, one written later, the audit.
const liveItems = [
  toItem(tombstoneOf(withdrawn)),
  toItem(nextRevision(stayed, { siteId: 'corrupted' })),
  toItem(referredLater),
  auditEntry,
];

describe('replacing the stack table\'s contents with a restored table\'s', () => {
  it('makes the live table hold exactly the restored items and the whole audit trail, naming the referrals since', async () => {
    const restored = await tableWith('exact-restored', restoredItems);
    const live = await tableWith('exact-live', liveItems);
    const report = await replaceTableContents(document, restored, live);
    expect(report).toEqual({ written: 2, deleted: 1, kept: 0, keptAuditEntries: 1, newerReferralIds: [referredLater.id], dryRun: false });
    const expected = [...(await itemsOf(restored)), auditEntry].sort((a, b) => String(a['pk']).localeCompare(String(b['pk'])));
    expect(await itemsOf(live)).toEqual(expected);
  });

  it('keeps what was written since the restore point when asked', async () => {
    const restored = await tableWith('keep-restored', restoredItems);
    const live = await tableWith('keep-live', liveItems);
    const report = await replaceTableContents(document, restored, live, { keepNewer: true });
    expect(report).toMatchObject({ written: 2, deleted: 0, kept: 1, newerReferralIds: [referredLater.id] });
    expect((await itemsOf(live)).flatMap((item) => (item['id'] === undefined ? [] : [item['id']])).sort()).toEqual(
      [withdrawn.id, stayed.id, referredLater.id].sort(),
    );
    expect((await itemsOf(live)).find((item) => item['id'] === stayed.id)?.['siteId']).toBe(stayed.siteId);
  });

  it('changes nothing in a dry run, and refuses to copy a table onto itself', async () => {
    const restored = await tableWith('dry-restored', restoredItems);
    const live = await tableWith('dry-live', liveItems);
    const before = await itemsOf(live);
    expect((await replaceTableContents(document, restored, live, { dryRun: true })).deleted).toBe(1);
    expect(await itemsOf(live)).toEqual(before);
    await expect(replaceTableContents(document, live, live)).rejects.toThrow(/same table/);
  });
});
