/**
 * Brings a persisted local table to TABLE_DESIGN's indexes. DynamoDB adds an index to a live table (UpdateTable), but
 * dynalite accepts that request and ignores it, and no index's projection can change in place; so a local table
 * whose indexes are not the design's (created before an index was added, renamed or reprojected) is rebuilt: its
 * items are copied to a side table, the table is created anew from the design, and the items are copied back (each
 * put writes the item's entries in every index, as a backfill would). Runs before the local API serves anything.
 *
 * A crash at any step loses nothing: until the side table holds every item and its completion mark, the table is
 * untouched (the next start discards the partial copy and begins again); from then on the side table is the source,
 * and the next start finishes from it whatever state the table was left in.
 */
import {
  CreateTableCommand,
  DeleteItemCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  GetItemCommand,
  PutItemCommand,
  ResourceNotFoundException,
  ScanCommand,
  type AttributeValue,
  type DynamoDBClient,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { TABLE_DESIGN } from '#adapters/dynamodb/table-design.js';
import { createTable } from './create-table.js';

type Item = Record<string, AttributeValue>;

/** The completion mark, in the side table only: every item was copied before it was written. */
const COMPLETE: Item = { [TABLE_DESIGN.partitionKey]: { S: '#upgrade' }, [TABLE_DESIGN.sortKey]: { S: 'COMPLETE' } };
const isMark = (item: Item): boolean => item[TABLE_DESIGN.partitionKey]?.S === COMPLETE[TABLE_DESIGN.partitionKey]?.S;

const POLL_INTERVAL_MS = 20;
const TIMEOUT_MS = 60_000;

async function describe(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

/** Whether the table's indexes are exactly the design's: the same names, keys and projections. */
export function hasDesignedIndexes(table: TableDescription): boolean {
  const actual = new Map((table.GlobalSecondaryIndexes ?? []).map((index) => [index.IndexName, index]));
  if (actual.size !== TABLE_DESIGN.indexes.length) return false;
  return TABLE_DESIGN.indexes.every((design) => {
    const index = actual.get(design.indexName);
    if (!index) return false;
    const keys = (index.KeySchema ?? []).map((key) => `${key.AttributeName}:${key.KeyType}`).join(',');
    if (keys !== `${design.partitionKey}:HASH,${design.sortKey}:RANGE`) return false;
    const projection = index.Projection ?? {};
    if (design.projection.type === 'ALL') return projection.ProjectionType === 'ALL';
    const included = [...(projection.NonKeyAttributes ?? [])].sort().join(',');
    return projection.ProjectionType === 'INCLUDE' && included === [...design.projection.nonKeyAttributes].sort().join(',');
  });
}

async function deleteTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DeleteTableCommand({ TableName: tableName }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const deadline = Date.now() + TIMEOUT_MS;
  while ((await describe(client, tableName)) !== undefined) {
    if (Date.now() > deadline) throw new Error(`table ${tableName} was not deleted`);
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

async function copyItems(client: DynamoDBClient, from: string, to: string): Promise<number> {
  let copied = 0;
  let start: Item | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: from, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) {
      if (isMark(item)) continue;
      await client.send(new PutItemCommand({ TableName: to, Item: item }));
      copied++;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return copied;
}

async function isCompleteCopy(client: DynamoDBClient, sideName: string): Promise<boolean> {
  const { Item: mark } = await client.send(new GetItemCommand({ TableName: sideName, Key: COMPLETE, ConsistentRead: true }));
  return mark !== undefined;
}

/** A side table: the table's key, no indexes (it only holds the copy); returns once it is ACTIVE. */
export async function createSideTable(client: DynamoDBClient, sideName: string): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: sideName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: TABLE_DESIGN.partitionKey, AttributeType: 'S' },
        { AttributeName: TABLE_DESIGN.sortKey, AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: TABLE_DESIGN.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_DESIGN.sortKey, KeyType: 'RANGE' },
      ],
    }),
  );
  await createTable(client, sideName); // exists now: waits until it is ACTIVE
}

export interface TableUpgrade {
  /** Whether the table was rebuilt to the design's indexes. */
  readonly rebuilt: boolean;
  /** How many items were copied back into it. */
  readonly items: number;
}

/** Rebuilds `tableName` (which createTable has made sure exists) if its indexes are not the design's. */
export async function upgradeTable(client: DynamoDBClient, tableName: string): Promise<TableUpgrade> {
  const sideName = `${tableName}-upgrade`;
  const side = await describe(client, sideName);
  if (side === undefined || !(await isCompleteCopy(client, sideName))) {
    if (side !== undefined) await deleteTable(client, sideName); // a copy that never finished: the table is intact
    const table = await describe(client, tableName);
    if (table === undefined) throw new Error(`table ${tableName} does not exist`);
    if (hasDesignedIndexes(table)) return { rebuilt: false, items: 0 };
    await createSideTable(client, sideName);
    await copyItems(client, tableName, sideName);
    await client.send(new PutItemCommand({ TableName: sideName, Item: COMPLETE }));
  }
  // The side table holds every item: the table may go, whatever state an earlier start left it in.
  const table = await describe(client, tableName);
  if (table !== undefined && !hasDesignedIndexes(table)) await deleteTable(client, tableName);
  await createTable(client, tableName);
  const items = await copyItems(client, sideName, tableName);
  // Unmarked first: a side table whose deletion a crash interrupts must read as an unfinished copy (discarded), never
  // as a source to copy back over what the API has written since.
  await client.send(new DeleteItemCommand({ TableName: sideName, Key: COMPLETE }));
  await deleteTable(client, sideName);
  return { rebuilt: true, items };
}
