/**
 * Adapters built from the Lambda environment. Each handler calls only the builders it needs, at module init,
 * so a handler that does not publish never loads the SQS client.
 */
import { documentClientFor } from '#adapters/dynamodb/document-client.js';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoAuditTrail } from '#adapters/dynamodb/audit-trail.js';
import { DynamoReferralStore } from '#adapters/dynamodb/referral-store.js';
import { systemClock } from '#adapters/runtime/system.js';
import { ENVIRONMENT, requiredEnvironment } from './environment.js';


let documentClient: DynamoDBDocumentClient | undefined;

/** One DocumentClient per container, shared by the store and the audit trail. */
function tableClient(): DynamoDBDocumentClient {
  documentClient ??= documentClientFor(new DynamoDBClient({}));
  return documentClient;
}

/** The referral table, through the DocumentClient. AWS_ENDPOINT_URL (LocalStack) is honoured by the SDK itself. */
export function referralStoreFromEnvironment(): DynamoReferralStore {
  return new DynamoReferralStore({ client: tableClient(), tableName: requiredEnvironment(ENVIRONMENT.tableName), clock: systemClock });
}

/** The audit trail, in the same table. */
export function auditTrailFromEnvironment(): DynamoAuditTrail {
  return new DynamoAuditTrail(tableClient(), requiredEnvironment(ENVIRONMENT.tableName));
}
