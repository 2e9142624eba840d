/**
 * The table as createTable builds it from TABLE_DESIGN, on an embedded dynalite: idempotent creation, the indexes
 * the store queries, and data that survives a restart when dynalite keeps it on disk (as the local stack does).
 */
import { documentClientFor } from '#adapters/dynamodb/document-client.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { createTable } from '#local/create-table.js';
import { DynamoReferralStore, isRetryableStoreError } from '#adapters/dynamodb/referral-store.js';
import { TABLE_DESIGN } from '#adapters/dynamodb/table-design.js';
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
        projection: index.Projection?.ProjectionType,
      }));
      expect(indexes.sort((a, b) => String(a.indexName).localeCompare(String(b.indexName)))).toEqual(
        TABLE_DESIGN.indexes
          .map((index) => ({ ...index, projection: 'ALL' }))
          .sort((a, b) => a.indexName.localeCompare(b.indexName)),
      );
      for (const attribute of table?.AttributeDefinitions ?? []) expect(attribute.AttributeType).toBe('S');
    } finally {
      await dynalite.stop();
    }
  });
});

describe('embedded dynalite on disk', () => {
  it('keeps referrals across a restart', async () => {
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
      const first = await startEmbeddedDynalite({ path: directory });
      const firstClient = clientFor(first.endpoint);
      await createTable(firstClient, tableName);
      await storeOn(firstClient).create(record);
      firstClient.destroy();
      await first.close();

      const second = await startEmbeddedDynalite({ path: directory });
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
