/**
 * A DynamoReferralStore on a fresh dynalite table, reached over the wire, with a manual clock and a count of what
 * each query read, so tests can assert that a listing reads only the items it returns.
 */
import { documentClientFor } from '#adapters/dynamodb/document-client.js';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoReferralStore } from '#adapters/dynamodb/referral-store.js';
import { startDynalite, type TestDynalite } from '#test/support/dynalite.js';
import { ManualClock } from '#test/support/manual-clock.js';

/** What the Query calls since the last reset read (ScannedCount) and returned (Count). */
export interface ReadCounter {
  queries: number;
  scanned: number;
  returned: number;
  reset(): void;
}

export interface StoreHarness {
  readonly dynalite: TestDynalite;
  readonly document: DynamoDBDocumentClient;
  readonly store: DynamoReferralStore;
  readonly clock: ManualClock;
  readonly reads: ReadCounter;
  stop(): Promise<void>;
}

export async function startStoreHarness(options: { path?: string } = {}): Promise<StoreHarness> {
  const dynalite = await startDynalite(options);
  const reads: ReadCounter = {
    queries: 0,
    scanned: 0,
    returned: 0,
    reset() {
      this.queries = 0;
      this.scanned = 0;
      this.returned = 0;
    },
  };
  // On the low-level client, after deserialization: the numbers DynamoDB itself reports for each Query.
  dynalite.client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === 'QueryCommand') {
        const output = result.output as { ScannedCount?: number; Count?: number };
        reads.queries += 1;
        reads.scanned += output.ScannedCount ?? 0;
        reads.returned += output.Count ?? 0;
      }
      return result;
    },
    { step: 'initialize', name: 'countQueryReads' },
  );
  const document = documentClientFor(dynalite.client);
  const clock = new ManualClock(new Date('2025-06-10T08:00:00.000Z'));
  const store = new DynamoReferralStore({ client: document, tableName: dynalite.tableName, clock });
  return { dynalite, document, store, clock, reads, stop: () => dynalite.stop() };
}

/** Every page of a listing, following cursors until the last page. */
export async function allPages<T>(
  list: (cursor: string | undefined) => Promise<{ items: readonly T[]; cursor?: string }>,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await list(cursor);
    pages += 1;
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor !== undefined);
  return { items, pages };
}
