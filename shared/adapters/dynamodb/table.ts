/**
 * The table as the DynamoDB adapters query it: one key condition over the table or an index, a page of it read from
 * a caller's cursor, and the cursor of what follows. The cursor's key is checked against the query it continues
 * (cursor.ts), so a cursor from another index or partition is refused.
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest } from '#ports/referral-store.js';
import { decodeCursor, encodeCursor, type StartKey } from './cursor.js';
import type { Item } from './item-keys.js';
import { TABLE_DESIGN, type IndexName } from './table-design.js';

/** One query's worth of key condition, over an index. */
export interface QuerySpec {
  readonly indexName: IndexName;
  readonly keyCondition: string;
  readonly names: Record<string, string>;
  readonly values: Record<string, string>;
  readonly forward: boolean;
}

export class Table {
  constructor(
    readonly client: DynamoDBDocumentClient,
    readonly name: string,
  ) {}

  /** Up to `limit` items of the query from `startKey`, and the key to resume from when there are more. */
  async query(spec: QuerySpec, limit: number, startKey: StartKey | undefined): Promise<{ items: Item[]; lastKey?: StartKey }> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.name,
        IndexName: spec.indexName,
        KeyConditionExpression: spec.keyCondition,
        ExpressionAttributeNames: spec.names,
        ExpressionAttributeValues: spec.values,
        ScanIndexForward: spec.forward,
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    const items = result.Items ?? [];
    const lastKey = result.LastEvaluatedKey ? toStartKey(result.LastEvaluatedKey) : undefined;
    return lastKey ? { items, lastKey } : { items };
  }

  /** A page of one query, resumed from the request's cursor (which must be for this index and partition). */
  async page<T>(spec: QuerySpec, page: PageRequest, read: (item: Item) => T): Promise<Page<T>> {
    const limit = checkedLimit(page.limit);
    const partitionName = spec.names['#ipk'];
    const partitionValue = spec.values[':pk'];
    const startKey =
      page.cursor === undefined
        ? undefined
        : decodeCursor(page.cursor, {
            keyAttributes: keyAttributesOf(spec.indexName),
            ...(partitionName !== undefined && partitionValue !== undefined
              ? { partition: { name: partitionName, value: partitionValue } }
              : {}),
          }).key;
    const result = await this.query(spec, limit, startKey);
    const items = result.items.map(read);
    return result.lastKey ? { items, cursor: encodeCursor({ key: result.lastKey }) } : { items };
  }
}

/** The key attributes of an index's LastEvaluatedKey: the table's key and the index's own. */
export function keyAttributesOf(indexName: IndexName): string[] {
  const index = TABLE_DESIGN.indexes.find((candidate) => candidate.indexName === indexName);
  if (!index) throw new Error(`unknown index ${indexName}`);
  return [TABLE_DESIGN.partitionKey, TABLE_DESIGN.sortKey, index.partitionKey, index.sortKey];
}

function toStartKey(key: Record<string, unknown>): StartKey {
  const startKey: StartKey = {};
  for (const [name, value] of Object.entries(key)) {
    if (typeof value !== 'string') throw new Error(`key attribute ${name} is not a string`);
    startKey[name] = value;
  }
  return startKey;
}

export function checkedLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`page limit must be a positive integer, got ${limit}`);
  return limit;
}
