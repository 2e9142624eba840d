/**
 * The table as createTable builds it from TABLE_DESIGN, on an embedded dynalite: idempotent creation, the indexes
 * the store queries, and data that survives a restart when dynalite keeps it on disk (as the local stack does).
 */
import { documentClientFor } from '#adapters/dynamodb/document-client.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createTable, createTableInput } from '#local/create-table.js';
import { toItem } from '#adapters/dynamodb/item-keys.js';
import { DynamoReferralStore, isRetryableStoreError } from '#adapters/dynamodb/referral-store.js';
import { INBOX_LISTING_ATTRIBUTE, TABLE_DESIGN } from '#adapters/dynamodb/table-design.js';
import { candidateListing } from '#referral/candidate-listing.js';
import { startEmbeddedDynalite } from '#local/dynalite.js';
import { startDynalite } from '#test/support/dynalite.js';
import { ManualClock } from '#test/support/manual-clock.js';
import { referralRecord } from '#test/support/records.js';

const clientFor = (endpoint: string): DynamoDBClient =>
  new DynamoDBClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });

describe('createTable', () => {
  it('builds the designed table, and a second call leaves it as it is', async () => {
    const dynalite = await startDynalite();
    try {
      await createTable(dynalite.client, dynalite.tableName);
      const { Table: table } = await dynalite.client.send(new DescribeTableCommand({ TableName: dynalite.tableName }));
      expect(table?.TableStatus).toBe('ACTIVE');
      expect(table?.BillingModeSummary?.BillingMode ?? 'PAY_PER_REQUEST').toBe('PAY_PER_REQUEST');
      expect(table?.KeySchema).toEqual([
        { AttributeName: TABLE_DESIGN.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_DESIGN.sortKey, KeyType: 'RANGE' },
      ]);
      const indexes = (table?.GlobalSecondaryIndexes ?? []).map((index) => ({
        indexName: index.IndexName,
        partitionKey: index.KeySchema?.find((key) => key.KeyType === 'HASH')?.AttributeName,
        sortKey: index.KeySchema?.find((key) => key.KeyType === 'RANGE')?.AttributeName,
        projection: { type: index.Projection?.ProjectionType, nonKeyAttributes: index.Projection?.NonKeyAttributes ?? [] },
      }));
      expect(indexes.sort((a, b) => String(a.indexName).localeCompare(String(b.indexName)))).toEqual(
        TABLE_DESIGN.indexes
          .map((index) => ({
            ...index,
            projection: { type: index.projection.type, nonKeyAttributes: index.projection.type === 'ALL' ? [] : [...index.projection.nonKeyAttributes] },
          }))
          .sort((a, b) => a.indexName.localeCompare(b.indexName)),
      );
      for (const attribute of table?.AttributeDefinitions ?? []) expect(attribute.AttributeType).toBe('S');
    } finally {
      await dynalite.stop();
    }
  });
});

describe('a table created before bySite projected only the inbox listing', () => {
  it('still lists candidates, from the whole referrals its index holds', async () => {
    const dynalite = await startDynalite();
    const tableName = 'referrals-projecting-all';
    try {
      const current = createTableInput(tableName);
      await dynalite.client.send(
        new CreateTableCommand({
          ...current,
          GlobalSecondaryIndexes: current.GlobalSecondaryIndexes?.map((index) => ({ ...index, Projection: { ProjectionType: 'ALL' } })),
        }),
      );
      await createTable(dynalite.client, tableName);
      const document = documentClientFor(dynalite.client);
      const store = new DynamoReferralStore({ client: document, tableName, clock: new ManualClock(new Date('2025-06-10T00:00:00.000Z')) });
      const written = referralRecord({ candidateStatus: 'candidate', score: 90 });
      const legacy = referralRecord({ candidateStatus: 'candidate', score: 10 });
      await store.create(written);
      const { [INBOX_LISTING_ATTRIBUTE]: listing, ...legacyItem } = toItem(legacy);
      expect(listing).toBeDefined();
      await document.send(new PutCommand({ TableName: tableName, Item: legacyItem }));

      const { items } = await store.listCandidates(written.siteId, 'candidate', { limit: 10 });
      expect(items).toEqual([candidateListing(written), candidateListing(legacy)]);
    } finally {
      await dynalite.stop();
    }
  });
});

describe('embedded dynalite on disk', () => {
  it.each([
    ['on this thread', false],
    ['in a thread of its own (as the local stack runs it)', true],
  ])('keeps referrals across a restart, %s', async (_where, ownThread) => {
    const directory = await mkdtemp(join(tmpdir(), 'trial-match-dynalite-'));
    const record = referralRecord({ candidateStatus: 'candidate' });
    const tableName = 'referrals-on-disk';
    const storeOn = (client: DynamoDBClient) =>
      new DynamoReferralStore({
        client: documentClientFor(client),
        tableName,
        clock: new ManualClock(new Date('2025-06-10T00:00:00.000Z')),
      });
    try {
      const first = await startEmbeddedDynalite({ path: directory, ownThread });
      const firstClient = clientFor(first.endpoint);
      await createTable(firstClient, tableName);
      await storeOn(firstClient).create(record);
      firstClient.destroy();
      await first.close();

      const second = await startEmbeddedDynalite({ path: directory, ownThread });
      const secondClient = clientFor(second.endpoint);
      try {
        await createTable(secondClient, tableName);
        const store = storeOn(secondClient);
        await expect(store.get(record.id)).resolves.toEqual(record);
        await expect(store.countCandidates(record.siteId, 'candidate')).resolves.toBe(1);
      } finally {
        secondClient.destroy();
        await second.close();
      }
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

describe('isRetryableStoreError on real failures', () => {
  it('does not retry a request DynamoDB refuses, and retries when the server is unreachable', async () => {
    const server = await startEmbeddedDynalite();
    const client = clientFor(server.endpoint);
    const refused = await client.send(new DescribeTableCommand({ TableName: 'no-such-table' })).catch((error: unknown) => error);
    expect(refused).toMatchObject({ name: 'ResourceNotFoundException' });
    expect(isRetryableStoreError(refused)).toBe(false);

    client.destroy();
    await server.close();
    const lateClient = clientFor(server.endpoint);
    const unreachable = await lateClient.send(new DescribeTableCommand({ TableName: 'no-such-table' })).catch((error: unknown) => error);
    lateClient.destroy();
    expect(isRetryableStoreError(unreachable)).toBe(true);
  });

  it.each([
    [{ name: 'ProvisionedThroughputExceededException' }, true],
    [{ name: 'ThrottlingException' }, true],
    [{ name: 'InternalServerError' }, true],
    [{ name: 'TimeoutError' }, true],
    [{ name: 'Whatever', $retryable: { throttling: false } }, true],
    [{ name: 'Whatever', $metadata: { httpStatusCode: 503 } }, true],
    [{ name: 'ValidationException', $metadata: { httpStatusCode: 400 } }, false],
    [{ name: 'ConditionalCheckFailedException', $metadata: { httpStatusCode: 400 } }, false],
    [{ name: 'RevisionConflictError' }, false],
    ['a string', false],
    [undefined, false],
  ])('classifies %j as retryable: %s', (error, retryable) => {
    expect(isRetryableStoreError(error)).toBe(retryable);
  });
});
