/**
 * Counts what a DynamoDB client reads and writes, from the numbers DynamoDB itself reports: a middleware on the
 * low-level client (the DocumentClient shares its stack), the same technique as the store tests' harness.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface ReadCounter {
  /** Items read: ScannedCount of Query and Scan, one per GetItem that found an item, BatchGetItem's responses. */
  itemsRead: number;
  /** Items Query and Scan returned (after any filter); equals itemsRead when nothing was read in vain. */
  itemsReturned: number;
  requests: number;
  /** PutItem, UpdateItem and DeleteItem calls, and the items of BatchWriteItem calls. */
  writes: number;
  reset(): void;
}

interface ReadOutput {
  readonly ScannedCount?: number;
  readonly Count?: number;
  readonly Item?: unknown;
  readonly Responses?: Record<string, readonly unknown[]>;
}

interface WriteInput {
  readonly RequestItems?: Record<string, readonly unknown[]>;
}

export function countReads(client: DynamoDBClient): ReadCounter {
  const counter: ReadCounter = {
    itemsRead: 0,
    itemsReturned: 0,
    requests: 0,
    writes: 0,
    reset() {
      this.itemsRead = 0;
      this.itemsReturned = 0;
      this.requests = 0;
      this.writes = 0;
    },
  };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const output = result.output as ReadOutput;
      counter.requests += 1;
      switch (context.commandName) {
        case 'QueryCommand':
        case 'ScanCommand':
          counter.itemsRead += output.ScannedCount ?? 0;
          counter.itemsReturned += output.Count ?? 0;
          break;
        case 'GetItemCommand':
        case 'GetCommand':
          if (output.Item !== undefined) {
            counter.itemsRead += 1;
            counter.itemsReturned += 1;
          }
          break;
        case 'BatchGetItemCommand':
        case 'BatchGetCommand': {
          const read = Object.values(output.Responses ?? {}).reduce((sum, items) => sum + items.length, 0);
          counter.itemsRead += read;
          counter.itemsReturned += read;
          break;
        }
        case 'PutItemCommand':
        case 'PutCommand':
        case 'UpdateItemCommand':
        case 'UpdateCommand':
        case 'DeleteItemCommand':
        case 'DeleteCommand':
          counter.writes += 1;
          break;
        case 'BatchWriteItemCommand':
        case 'BatchWriteCommand': {
          const input = args.input as WriteInput;
          counter.writes += Object.values(input.RequestItems ?? {}).reduce((sum, requests) => sum + requests.length, 0);
          break;
        }
      }
      return result;
    },
    { step: 'initialize', name: 'benchCountReads' },
  );
  return counter;
}
