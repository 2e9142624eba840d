/**
 * The data permissions a function can be given, spelled out action by action instead of CDK's broad grant sets
 * (`grantReadWriteData` also allows Scan, BatchWriteItem, DeleteItem and stream reads on `index/*`). Each list is
 * what the adapters in shared/adapters actually call, plus the closest sibling a store change would need.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { AUDIT_PK_PREFIX } from '../../shared/adapters/dynamodb/item-keys.js';
import { TABLE_DESIGN } from '../../shared/adapters/dynamodb/table-design.js';

/**
 * No Scan: every access pattern has a key or an index (TABLE_DESIGN), and a Scan would read every patient's record.
 * Query on the table and on each index by name (no `index/*`).
 */
export const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'] as const;
export const INDEX_READ_ACTIONS = ['dynamodb:Query'] as const;
/**
 * Conditional single-item writes only (the store's optimistic concurrency and outbox live in one item). No
 * DeleteItem: a withdrawal replaces the referral with a tombstone in one conditional write. No BatchWriteItem:
 * it cannot carry a condition.
 */
export const TABLE_WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem'] as const;
/** SendMessageBatch is authorized by sqs:SendMessage. */
export const QUEUE_SEND_ACTIONS = ['sqs:SendMessage'] as const;

/** Reading anything encrypted with the deployment key. */
export const KEY_DECRYPT_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey'] as const;
/** Writing to the table or a queue: the services ask for a data key under the caller's permissions. */
export const KEY_ENCRYPT_ACTIONS = ['kms:Encrypt', 'kms:GenerateDataKey'] as const;

export function indexArns(table: dynamodb.ITable): string[] {
  return TABLE_DESIGN.indexes.map((index) => `${table.tableArn}/index/${index.indexName}`);
}

export function allowTableRead(role: iam.IRole, table: dynamodb.ITable, key: kms.IKey): void {
  role.addToPrincipalPolicy(statement(TABLE_READ_ACTIONS, [table.tableArn]));
  role.addToPrincipalPolicy(statement(INDEX_READ_ACTIONS, indexArns(table)));
  role.addToPrincipalPolicy(statement(KEY_DECRYPT_ACTIONS, [key.keyArn]));
}

export function allowTableReadWrite(role: iam.IRole, table: dynamodb.ITable, key: kms.IKey): void {
  allowTableRead(role, table, key);
  role.addToPrincipalPolicy(statement(TABLE_WRITE_ACTIONS, [table.tableArn]));
  role.addToPrincipalPolicy(statement(KEY_ENCRYPT_ACTIONS, [key.keyArn]));
}

/**
 * Appending to the audit trail, for functions that otherwise only read: PutItem on items whose partition key starts
 * with `AUDIT#` (fine-grained access control on the leading key), so a reader can record its reads and can never
 * overwrite a referral.
 */
export function allowAuditAppend(role: iam.IRole, table: dynamodb.ITable, key: kms.IKey): void {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['dynamodb:PutItem'],
      resources: [table.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${AUDIT_PK_PREFIX}*`] } },
    }),
  );
  role.addToPrincipalPolicy(statement(KEY_ENCRYPT_ACTIONS, [key.keyArn]));
}

/** SQS encrypts with a data key from KMS on send, and needs kms:Decrypt to reuse a cached one. */
export function allowQueueSend(role: iam.IRole, queue: sqs.IQueue, key: kms.IKey): void {
  role.addToPrincipalPolicy(statement(QUEUE_SEND_ACTIONS, [queue.queueArn]));
  role.addToPrincipalPolicy(statement(['kms:GenerateDataKey', 'kms:Decrypt'], [key.keyArn]));
}

function statement(actions: readonly string[], resources: readonly string[]): iam.PolicyStatement {
  return new iam.PolicyStatement({ actions: [...actions], resources: [...resources] });
}
