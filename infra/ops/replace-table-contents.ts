/**
 * Puts a restored table's contents into the stack's own table. A DynamoDB restore always creates a new table, but
 * the stack (its functions' grants, alarms, backup plan) is bound to the table it created; copying the restored
 * items back keeps all of that and needs no CloudFormation surgery. Run it with writes stopped (RUNBOOK.md), after
 * `reapply-withdrawals` has erased, in the restored table, everyone who withdrew since the restore point.
 *
 * Items of the live table that the restored one lacks were written after the restore point: they are deleted
 * (an exact restore), or kept with `keepNewer`. The audit trail is the exception: its entries record reads and
 * changes that did happen, so every audit entry of the live table is kept, whatever the restore point (HIPAA
 * 164.312(b)). Writes go first and deletions last, so an interrupted run leaves a superset, and running it again
 * finishes the job.
 */
import { DeleteCommand, PutCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AUDIT_PK_PREFIX, REFERRAL_SK } from '#adapters/dynamodb/item-keys.js';
import { TABLE_DESIGN } from '#adapters/dynamodb/table-design.js';

type Item = Record<string, unknown>;

export interface ReplaceOptions {
  /** Keep the live table's items that the restored table does not have (written after the restore point). */
  readonly keepNewer?: boolean;
  readonly dryRun?: boolean;
}

export interface ReplaceReport {
  readonly written: number;
  readonly deleted: number;
  readonly kept: number;
  /** Audit entries written since the restore point: always kept. */
  readonly keptAuditEntries: number;
  /** Referrals written after the restore point and deleted (or kept): their physicians may need to resubmit. */
  readonly newerReferralIds: readonly string[];
  readonly dryRun: boolean;
}

export async function replaceTableContents(
  client: DynamoDBDocumentClient,
  fromTable: string,
  toTable: string,
  options: ReplaceOptions = {},
): Promise<ReplaceReport> {
  if (fromTable === toTable) throw new Error('the restored table and the target are the same table');
  const dryRun = options.dryRun ?? false;
  const restored = await scanAll(client, fromTable);
  const restoredKeys = new Set(restored.map(keyOf));
  const sinceRestorePoint = (await scanAll(client, toTable)).filter((item) => !restoredKeys.has(keyOf(item)));
  const isAuditEntry = (item: Item) => String(item[TABLE_DESIGN.partitionKey]).startsWith(AUDIT_PK_PREFIX);
  const auditEntries = sinceRestorePoint.filter(isAuditEntry);
  const newer = sinceRestorePoint.filter((item) => !isAuditEntry(item));
  const newerReferralIds = newer
    .filter((item) => item[TABLE_DESIGN.sortKey] === REFERRAL_SK && typeof item['id'] === 'string')
    .map((item) => String(item['id']));
  if (!dryRun) {
    for (const item of restored) await client.send(new PutCommand({ TableName: toTable, Item: item }));
    if (options.keepNewer !== true) {
      for (const item of newer) {
        await client.send(
          new DeleteCommand({
            TableName: toTable,
            Key: { [TABLE_DESIGN.partitionKey]: item[TABLE_DESIGN.partitionKey], [TABLE_DESIGN.sortKey]: item[TABLE_DESIGN.sortKey] },
          }),
        );
      }
    }
  }
  const keep = options.keepNewer === true;
  return {
    written: restored.length,
    deleted: keep ? 0 : newer.length,
    kept: keep ? newer.length : 0,
    keptAuditEntries: auditEntries.length,
    newerReferralIds,
    dryRun,
  };
}

async function scanAll(client: DynamoDBDocumentClient, tableName: string): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return items;
}

function keyOf(item: Item): string {
  return JSON.stringify([item[TABLE_DESIGN.partitionKey], item[TABLE_DESIGN.sortKey]]);
}
