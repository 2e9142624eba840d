/**
 * Repairs the secondary indexes of a persisted dynalite table after a crash. dynalite writes a put's index entries
 * first and the item after, with nothing atomic between them, so `kill -9` can leave an index entry for a state the
 * item never reached (the referral is then listed twice: under its real keys and the orphan's) or an item without
 * its entry. DynamoDB itself never shows this, so this runs only for the embedded database, once, before the local
 * API serves anything.
 *
 * Every index entry is checked against its item (a consistent read): an entry whose keys or contents the item does
 * not have is an orphan. dynalite deletes an item's old index entry when the item's index keys change, so an
 * orphan is removed by putting the item once with the orphan's keys (which takes over that entry) and once as it
 * really is (which deletes it and writes the true one). An item whose entry is missing is put again as it is.
 */
import { GetItemCommand, PutItemCommand, DeleteItemCommand, ScanCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { TABLE_DESIGN, type IndexDesign } from '#adapters/dynamodb/table-design.js';

type Item = Record<string, AttributeValue>;

const keyOf = (item: Item): Item => {
  const pk = item[TABLE_DESIGN.partitionKey];
  const sk = item[TABLE_DESIGN.sortKey];
  if (!pk || !sk) throw new Error('an item without the table key');
  return { [TABLE_DESIGN.partitionKey]: pk, [TABLE_DESIGN.sortKey]: sk };
};

/** Attribute values compared as DynamoDB would store them (order of map members does not matter). */
const same = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

async function scanAll(client: DynamoDBClient, tableName: string, indexName?: string): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, IndexName: indexName, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** What an index holds of `item`: all of it, or the keys and the included attributes it has. */
function projected(item: Item, index: IndexDesign): Item {
  if (index.projection.type === 'ALL') return item;
  const names = [TABLE_DESIGN.partitionKey, TABLE_DESIGN.sortKey, index.partitionKey, index.sortKey, ...index.projection.nonKeyAttributes];
  return Object.fromEntries(names.flatMap((name) => (item[name] === undefined ? [] : [[name, item[name]]])));
}

export interface IndexRepair {
  /** Index entries for a state no item has (removed). */
  readonly orphans: number;
  /** Items whose index entries were missing or stale (written again). */
  readonly rewritten: number;
}

export async function repairIndexes(client: DynamoDBClient, tableName: string): Promise<IndexRepair> {
  let orphans = 0;
  const toRewrite = new Map<string, Item>();
  for (const index of TABLE_DESIGN.indexes) {
    const seen = new Set<string>();
    for (const entry of await scanAll(client, tableName, index.indexName)) {
      const key = keyOf(entry);
      const { Item: item } = await client.send(new GetItemCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
      const sameKeys = item !== undefined && same(item[index.partitionKey], entry[index.partitionKey]) && same(item[index.sortKey], entry[index.sortKey]);
      if (!sameKeys) {
        orphans++;
        await removeOrphan(client, tableName, item, entry, index);
        if (item) toRewrite.set(canonical(key), item);
        continue;
      }
      seen.add(canonical(key));
      if (!same(projected(item, index), entry)) toRewrite.set(canonical(key), item);
    }
    // Items that belong in this index (they carry its keys) and have no entry in it.
    for (const item of await scanAll(client, tableName)) {
      if (item[index.partitionKey] && item[index.sortKey] && !seen.has(canonical(keyOf(item)))) toRewrite.set(canonical(keyOf(item)), item);
    }
  }
  for (const item of toRewrite.values()) await client.send(new PutItemCommand({ TableName: tableName, Item: item }));
  return { orphans, rewritten: toRewrite.size };
}

async function removeOrphan(
  client: DynamoDBClient,
  tableName: string,
  item: Item | undefined,
  entry: Item,
  index: IndexDesign,
): Promise<void> {
  const orphanKeys = { [index.partitionKey]: entry[index.partitionKey], [index.sortKey]: entry[index.sortKey] } as Item;
  // Take over the orphan's entry with an item that has its keys...
  await client.send(new PutItemCommand({ TableName: tableName, Item: { ...(item ?? entry), ...orphanKeys } }));
  // ...then let go of it: the item as it really is, or no item at all if there was none.
  if (item) await client.send(new PutItemCommand({ TableName: tableName, Item: item }));
  else await client.send(new DeleteItemCommand({ TableName: tableName, Key: keyOf(entry) }));
}
