/**
 * The data permissions a function can be given, spelled out action by action instead of CDK's broad grant sets
 * (`grantReadWriteData` also allows Scan, BatchWriteItem, DeleteItem and stream reads on `index/*`): exactly the
 * item actions on exactly the key families (FUNCTION_ACCESS), and Query on exactly the indexes, by name.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { IndexName } from '#adapters/dynamodb/table-design.js';
import type { ItemAction, TableAccess } from './function-catalogue.js';

/** SendMessageBatch is authorized by sqs:SendMessage. */
export const QUEUE_SEND_ACTIONS = ['sqs:SendMessage'] as const;

/** Reading anything encrypted with the deployment key. */
export const KEY_DECRYPT_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey'] as const;
/** Writing to the table or a queue: the services ask for a data key under the caller's permissions. */
export const KEY_ENCRYPT_ACTIONS = ['kms:Encrypt', 'kms:GenerateDataKey'] as const;

const WRITE_ACTIONS: readonly ItemAction[] = ['PutItem', 'UpdateItem', 'DeleteItem'];

export function indexArn(table: dynamodb.ITable, indexName: IndexName): string {
  return `${table.tableArn}/index/${indexName}`;
}

/**
 * One statement per action on the table, limited by `dynamodb:LeadingKeys` to the action's key families
 * (`ForAllValues:StringLike`, one `<family>*` pattern each); one Query statement on the named indexes.
 */
export function allowTableAccess(role: iam.IRole, table: dynamodb.ITable, key: kms.IKey, access: TableAccess): void {
  const itemActions = Object.entries(access.items) as [ItemAction, readonly string[]][];
  for (const [action, families] of itemActions) {
    if (families.length === 0) continue;
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [`dynamodb:${action}`],
        resources: [table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': families.map((family) => `${family}*`) } },
      }),
    );
  }
  if (access.queries.length > 0) {
    role.addToPrincipalPolicy(statement(['dynamodb:Query'], access.queries.map((index) => indexArn(table, index))));
  }
  role.addToPrincipalPolicy(statement(KEY_DECRYPT_ACTIONS, [key.keyArn]));
  const writes = itemActions.some(([action, families]) => WRITE_ACTIONS.includes(action) && families.length > 0);
  if (writes) role.addToPrincipalPolicy(statement(KEY_ENCRYPT_ACTIONS, [key.keyArn]));
}

/** SQS encrypts with a data key from KMS on send, and needs kms:Decrypt to reuse a cached one. */
export function allowQueueSend(role: iam.IRole, queue: sqs.IQueue, key: kms.IKey): void {
  role.addToPrincipalPolicy(statement(QUEUE_SEND_ACTIONS, [queue.queueArn]));
  role.addToPrincipalPolicy(statement(['kms:GenerateDataKey', 'kms:Decrypt'], [key.keyArn]));
}

function statement(actions: readonly string[], resources: readonly string[]): iam.PolicyStatement {
  return new iam.PolicyStatement({ actions: [...actions], resources: [...resources] });
}
