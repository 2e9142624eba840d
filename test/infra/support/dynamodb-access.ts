/**
 * What each function really does to the table, observed on the local stack: a middleware on the DynamoDB client
 * records every call under the function whose invocation made it (local/local-handlers.ts runs each one as
 * that function, once asked to track them), as `<Operation> <key family>` for an item, `Query index/<name>` for reading an index and
 * `Count index/<name>` for a COUNT query on one.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { currentFunction, trackInvocations } from '#local/local-handlers.js';
import { TABLE_DESIGN } from '#adapters/dynamodb/table-design.js';

type AttributeValue = { S?: string } & Record<string, unknown>;

interface DynamoInput {
  readonly IndexName?: string;
  readonly Select?: string;
  readonly Key?: Record<string, AttributeValue>;
  readonly Item?: Record<string, AttributeValue>;
  readonly KeyConditionExpression?: string;
  readonly ExpressionAttributeNames?: Record<string, string>;
  readonly ExpressionAttributeValues?: Record<string, AttributeValue>;
}

/** The partition key's family: its value up to and including the first `#` (`REFERRAL#`), or the whole value. */
export function keyFamily(partitionKeyValue: string): string {
  const hash = partitionKeyValue.indexOf('#');
  return hash < 0 ? partitionKeyValue : partitionKeyValue.slice(0, hash + 1);
}

/** The value a Query's key condition gives the partition key (`#name = :value`, or the attribute named plainly). */
function queriedPartitionKey(input: DynamoInput, attribute: string): string | undefined {
  const condition = input.KeyConditionExpression ?? '';
  const names = Object.entries(input.ExpressionAttributeNames ?? {})
    .filter(([, name]) => name === attribute)
    .map(([placeholder]) => placeholder);
  for (const name of [...names, attribute]) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\#]/g, '\\$&');
    const match = new RegExp(`${escaped}\\s*=\\s*(:\\w+)`).exec(condition);
    const value = match?.[1] === undefined ? undefined : input.ExpressionAttributeValues?.[match[1]]?.S;
    if (value !== undefined) return value;
  }
  return undefined;
}

export function describeCall(operation: string, input: DynamoInput): string {
  if (operation === 'Query' && input.IndexName !== undefined) {
    return `${input.Select === 'COUNT' ? 'Count' : 'Query'} index/${input.IndexName}`;
  }
  const key =
    operation === 'Query'
      ? queriedPartitionKey(input, TABLE_DESIGN.partitionKey)
      : (input.Key ?? input.Item)?.[TABLE_DESIGN.partitionKey]?.S;
  return `${operation} ${key === undefined ? '?' : keyFamily(key)}`;
}

export interface AccessRecorder {
  /** Function name -> the calls it made. */
  readonly byFunction: Map<string, Set<string>>;
  /** Calls made outside any function's invocation (the stack's own setup). */
  readonly outside: Set<string>;
}

export function recordDynamoDbAccess(client: DynamoDBClient): AccessRecorder {
  const recorder: AccessRecorder = { byFunction: new Map(), outside: new Set() };
  trackInvocations();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = String(context.commandName).replace(/Command$/, '');
      const call = describeCall(operation, args.input as DynamoInput);
      const fn = currentFunction();
      if (fn === undefined) recorder.outside.add(call);
      else {
        const calls = recorder.byFunction.get(fn) ?? new Set<string>();
        calls.add(call);
        recorder.byFunction.set(fn, calls);
      }
      return next(args);
    },
    { step: 'build', name: 'recordDynamoDbAccess' },
  );
  return recorder;
}
