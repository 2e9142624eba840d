/**
 * Reads a function's permissions back out of a synthesized template: every statement of every policy attached to
 * its role, each resource named in words ("table", "index bySite", "queue", ...), DynamoDB item actions split by the
 * key families their `dynamodb:LeadingKeys` condition allows. What the walk cannot name is reported as
 * `unexpected ...`, so a new kind of grant fails the tests until someone looks at it.
 */
import { expect } from 'vitest';
import { TABLE_DESIGN } from '#adapters/dynamodb/table-design.js';
import type { FunctionAccess, FunctionName } from '#infra/stack/function-catalogue.js';
import { resourcesOf, type SynthesizedApp } from './synth.js';

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

export interface RolePermissions {
  /** `<Action> <family>` on the table, `Query index/<name>` on an index: comparable with `grantedTableCalls`. */
  readonly tableCalls: Set<string>;
  /** Resource in words -> sorted actions, for everything else (key, queues, secrets, logs, X-Ray). */
  readonly other: Record<string, string[]>;
  /** Table statements without a LeadingKeys condition (there must be none). */
  readonly unconditionedTableActions: string[];
}

/** The table calls FUNCTION_ACCESS grants, in the same words. */
export function grantedTableCalls(access: FunctionAccess): Set<string> {
  const calls = new Set<string>();
  for (const [action, families] of Object.entries(access.table?.items ?? {})) {
    for (const family of families) calls.add(`${action} ${family}`);
  }
  for (const index of access.table?.queries ?? []) calls.add(`Query index/${index}`);
  return calls;
}

export function permissionsOf(app: SynthesizedApp, name: FunctionName): RolePermissions {
  const resources = resourcesOf(app.template);
  const { stack } = app;
  const ids = {
    key: app.logicalId(stack.key.key),
    table: app.logicalId(stack.data.table),
    queue: app.logicalId(stack.notifications.queue),
    secrets: Object.entries(resources).filter(([, r]) => r.Type === 'AWS::SecretsManager::Secret').map(([id]) => id),
  };
  const fn = resources[app.functionLogicalId(name)]?.Properties ?? {};
  const roleId = (fn['Role'] as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  const ownLogGroup = (fn['LoggingConfig'] as { LogGroup: { Ref: string } }).LogGroup.Ref;
  const rescreenDlq = (
    resources[app.functionLogicalId('rescreen')]?.Properties?.['DeadLetterConfig'] as { TargetArn: { 'Fn::GetAtt': [string, string] } }
  ).TargetArn['Fn::GetAtt'][0];

  const role = resources[roleId]?.Properties ?? {};
  // Everything must come from customer-managed policies: no inline policies, no AWS managed policies.
  expect(role['Policies']).toBeUndefined();
  expect(role['ManagedPolicyArns']).toBeUndefined();
  const attachedToRole = (policy: Record<string, unknown>): boolean =>
    JSON.stringify(policy['Roles'] ?? []).includes(JSON.stringify({ Ref: roleId }));
  expect(Object.values(resources).filter((r) => r.Type === 'AWS::IAM::Policy' && attachedToRole(r.Properties ?? {}))).toEqual([]);

  const tableArn = JSON.stringify({ 'Fn::GetAtt': [ids.table, 'Arn'] });
  const indexOf = (json: string): string | undefined =>
    TABLE_DESIGN.indexes.find(
      (index) => json === JSON.stringify({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [ids.table, 'Arn'] }, `/index/${index.indexName}`]] }),
    )?.indexName;
  const describe = (resource: unknown): string => {
    const json = JSON.stringify(resource);
    if (resource === '*') return '*';
    if (json === JSON.stringify({ 'Fn::GetAtt': [ids.key, 'Arn'] })) return 'key';
    if (json === JSON.stringify({ 'Fn::GetAtt': [ids.queue, 'Arn'] })) return 'queue';
    if (json === JSON.stringify({ 'Fn::GetAtt': [rescreenDlq, 'Arn'] })) return 'rescreen dead letters';
    if (ids.secrets.some((secret) => secret.startsWith('ApiKeys') && json === JSON.stringify({ Ref: secret }))) return 'api keys secret';
    if (ids.secrets.some((secret) => json === JSON.stringify({ Ref: secret }))) return 'site webhook secret';
    if (json === JSON.stringify({ 'Fn::GetAtt': [ownLogGroup, 'Arn'] })) return 'own log group';
    return `unexpected resource ${json}`;
  };

  const tableCalls = new Set<string>();
  const unconditionedTableActions: string[] = [];
  const other: Record<string, Set<string>> = {};
  for (const resource of Object.values(resources)) {
    if (resource.Type !== 'AWS::IAM::ManagedPolicy' || !attachedToRole(resource.Properties ?? {})) continue;
    for (const statement of (resource.Properties?.['PolicyDocument'] as { Statement: Statement[] }).Statement) {
      expect(statement.Effect).toBe('Allow');
      const actions = [statement.Action].flat();
      const leadingKeys = statement.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'];
      for (const target of [statement.Resource].flat()) {
        const json = JSON.stringify(target);
        const index = indexOf(json);
        if (json === tableArn) {
          if (leadingKeys === undefined) unconditionedTableActions.push(...actions);
          for (const pattern of [leadingKeys ?? '*'].flat() as string[]) {
            for (const action of actions) tableCalls.add(`${action.replace('dynamodb:', '')} ${pattern.replace(/\*$/, '')}`);
          }
        } else if (index !== undefined) {
          // A condition on an index grant (there is none today) would be walked here; none is expected.
          expect(statement.Condition, `condition on index/${index}`).toBeUndefined();
          for (const action of actions) tableCalls.add(`${action.replace('dynamodb:', '')} index/${index}`);
        } else {
          const key = describe(target);
          other[key] ??= new Set();
          for (const action of actions) other[key].add(action);
        }
      }
    }
  }
  return {
    tableCalls,
    unconditionedTableActions,
    other: Object.fromEntries(Object.entries(other).map(([key, actions]) => [key, [...actions].sort()])),
  };
}
