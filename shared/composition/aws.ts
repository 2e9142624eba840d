/**
 * Adapters built from the Lambda environment. Each handler calls only the builders it needs, at module init,
 * so a handler that does not publish never loads the SQS client.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoAuditTrail } from '../adapters/dynamodb/audit-trail.js';
import { DynamoReferralStore } from '../adapters/dynamodb/referral-store.js';
import { systemClock } from '../adapters/runtime/system.js';

export function requiredEnvironment(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}

let documentClient: DynamoDBDocumentClient | undefined;

/** One DocumentClient per container, shared by the store and the audit trail. */
function tableClient(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
  return documentClient;
}

/** The referral table, through the DocumentClient. AWS_ENDPOINT_URL (LocalStack) is honoured by the SDK itself. */
export function referralStoreFromEnvironment(): DynamoReferralStore {
  return new DynamoReferralStore({ client: tableClient(), tableName: requiredEnvironment('TABLE_NAME'), clock: systemClock });
}

/** The audit trail, in the same table. */
export function auditTrailFromEnvironment(): DynamoAuditTrail {
  return new DynamoAuditTrail(tableClient(), requiredEnvironment('TABLE_NAME'));
}
