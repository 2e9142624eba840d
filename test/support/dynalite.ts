/**
 * A fresh dynalite server and table for one test file, reached over the wire by a real DynamoDBClient.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startEmbeddedDynalite } from '#local/dynalite.js';
import { createTable } from '#local/create-table.js';

export interface TestDynalite {
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  readonly tableName: string;
  stop(): Promise<void>;
}

export async function startDynalite(options: { path?: string } = {}): Promise<TestDynalite> {
  const server = await startEmbeddedDynalite(options.path === undefined ? {} : { path: options.path });
  const client = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: server.endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const tableName = `referrals-${randomUUID()}`;
  try {
    await createTable(client, tableName);
  } catch (error) {
    client.destroy();
    await server.close();
    throw error;
  }
  return {
    endpoint: server.endpoint,
    client,
    tableName,
    async stop() {
      client.destroy();
      await server.close();
    },
  };
}
