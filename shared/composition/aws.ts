/**
 * Adapters built from the Lambda environment. Each handler calls only the builders it needs, at module init,
 * so a handler that does not publish never loads the SQS client.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoReferralStore } from '../adapters/dynamodb/referral-store.js';
import { systemClock } from '../adapters/runtime/system.js';

export function requiredEnvironment(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}

/** The referral table, through the DocumentClient. AWS_ENDPOINT_URL (LocalStack) is honoured by the SDK itself. */
export function referralStoreFromEnvironment(): DynamoReferralStore {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return new DynamoReferralStore({ client, tableName: requiredEnvironment('TABLE_NAME'), clock: systemClock });
}
