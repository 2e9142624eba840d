/**
 * Walks every function's role in the synthesized template and compares, resource by resource, the actions it is
 * allowed with the access the brief grants it. The expectations are written out here on purpose (not read from
 * infra/stack/function-catalogue.ts): a change to the catalogue must show up as a failing test to review.
 */
import { describe, expect, it } from 'vitest';
import { TABLE_DESIGN } from '../../shared/adapters/dynamodb/table-design.js';
import { functionNames, type FunctionName } from '../../infra/stack/function-catalogue.js';
import { resourcesOf, synthesize } from './support/synth.js';

const app = synthesize('us-east-1');
const { stack } = app;
const resources = resourcesOf(app.template);

const ids = {
  key: app.logicalId(stack.key.key),
  table: app.logicalId(stack.data.table),
  queue: app.logicalId(stack.notifications.queue),
  secret: Object.entries(resources).find(([, r]) => r.Type === 'AWS::SecretsManager::Secret')?.[0] ?? '',
};

/** Names a policy resource in words, so a failure reads "index byPhysician" rather than a CloudFormation blob. */
function describeResource(resource: unknown, ownLogGroup: string, rescreenDlq: string): string {
  const json = JSON.stringify(resource);
  if (resource === '*') return '*';
  if (json === JSON.stringify({ 'Fn::GetAtt': [ids.table, 'Arn'] })) return 'table';
  for (const index of TABLE_DESIGN.indexes) {
    const indexArn = { 'Fn::Join': ['', [{ 'Fn::GetAtt': [ids.table, 'Arn'] }, `/index/${index.indexName}`]] };
    if (json === JSON.stringify(indexArn)) {
      return `index ${index.indexName}`;
    }
  }
  if (json === JSON.stringify({ 'Fn::GetAtt': [ids.key, 'Arn'] })) return 'key';
  if (json === JSON.stringify({ 'Fn::GetAtt': [ids.queue, 'Arn'] })) return 'queue';
  if (json === JSON.stringify({ 'Fn::GetAtt': [rescreenDlq, 'Arn'] })) return 'rescreen dead letters';
  if (json === JSON.stringify({ Ref: ids.secret })) return 'site webhook secret';
  if (json === JSON.stringify({ 'Fn::GetAtt': [ownLogGroup, 'Arn'] })) return 'own log group';
  return `unexpected resource ${json}`;
}

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

/** resource description -> sorted allowed actions, over every policy attached to the function's role. */
function permissionsOf(name: FunctionName): Record<string, string[]> {
  const fn = resources[app.functionLogicalId(name)]?.Properties ?? {};
  const roleId = (fn['Role'] as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  const ownLogGroup = (fn['LoggingConfig'] as { LogGroup: { Ref: string } }).LogGroup.Ref;
  const rescreenDlq =
    (resources[app.functionLogicalId('rescreen')]?.Properties?.['DeadLetterConfig'] as {
      TargetArn: { 'Fn::GetAtt': [string, string] };
    }).TargetArn['Fn::GetAtt'][0];

  const role = resources[roleId]?.Properties ?? {};
  // Everything must come from customer-managed policies: no inline policies, no AWS managed policies.
  expect(role['Policies']).toBeUndefined();
  expect(role['ManagedPolicyArns']).toBeUndefined();
  const attachedToRole = (policy: Record<string, unknown>): boolean =>
    JSON.stringify(policy['Roles'] ?? []).includes(JSON.stringify({ Ref: roleId }));
  const inline = Object.values(resources).filter(
    (resource) => resource.Type === 'AWS::IAM::Policy' && attachedToRole(resource.Properties ?? {}),
  );
  expect(inline).toEqual([]);

  const permissions: Record<string, Set<string>> = {};
  for (const resource of Object.values(resources)) {
    if (resource.Type !== 'AWS::IAM::ManagedPolicy' || !attachedToRole(resource.Properties ?? {})) continue;
    const statements = (resource.Properties?.['PolicyDocument'] as { Statement: Statement[] }).Statement;
    for (const statement of statements) {
      expect(statement.Effect).toBe('Allow');
      const actions = [statement.Action].flat();
      for (const target of [statement.Resource].flat()) {
        const key = describeResource(target, ownLogGroup, rescreenDlq);
        permissions[key] ??= new Set();
        for (const action of actions) permissions[key].add(action);
      }
    }
  }
  return Object.fromEntries(Object.entries(permissions).map(([key, actions]) => [key, [...actions].sort()]));
}

const BASELINE = {
  'own log group': ['logs:CreateLogStream', 'logs:PutLogEvents'],
  '*': ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
};
const indexQuery = Object.fromEntries(
  TABLE_DESIGN.indexes.map((index) => [`index ${index.indexName}`, ['dynamodb:Query']]),
);
const TABLE_READ = {
  table: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query'],
  ...indexQuery,
};
const TABLE_READ_WRITE = {
  table: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
  ...indexQuery,
};
const KEY_READ = ['kms:Decrypt', 'kms:DescribeKey'];
const KEY_READ_WRITE = ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'];
const QUEUE_CONSUME = [
  'sqs:ChangeMessageVisibility',
  'sqs:DeleteMessage',
  'sqs:GetQueueAttributes',
  'sqs:GetQueueUrl',
  'sqs:ReceiveMessage',
];

const readOnly = { ...BASELINE, ...TABLE_READ, key: KEY_READ };
/** Reads, and appends to the audit trail (the PutItem is limited to AUDIT# keys: checked below). */
const readAudit = {
  ...BASELINE,
  ...TABLE_READ,
  table: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
  key: KEY_READ_WRITE,
};
const readWrite = { ...BASELINE, ...TABLE_READ_WRITE, key: KEY_READ_WRITE };
const readWriteSend = { ...readWrite, queue: ['sqs:SendMessage'] };

const EXPECTED: Record<FunctionName, Record<string, string[]>> = {
  'get-referral': readAudit,
  'list-referrals': readAudit,
  'get-trial': readOnly,
  'list-candidates': readAudit,
  'get-candidate': readAudit,
  'list-audit': readOnly,
  'submit-referral': readWriteSend,
  'update-referral': readWriteSend,
  'withdraw-referral': readWrite,
  'update-trial': readWrite,
  'update-candidate': readWrite,
  rescreen: { ...readWriteSend, 'rescreen dead letters': ['sqs:SendMessage'] },
  'notify-site': {
    ...readWrite,
    queue: QUEUE_CONSUME,
    'site webhook secret': ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
  },
  'get-openapi': BASELINE,
};

describe('least privilege, per function role', () => {
  it.each(functionNames())('%s is allowed exactly its actions on exactly its resources', (name) => {
    expect(permissionsOf(name)).toEqual(EXPECTED[name]);
  });

  it('lets the reading functions write only audit entries (PutItem on AUDIT# partition keys)', () => {
    for (const name of ['get-referral', 'list-referrals', 'list-candidates', 'get-candidate'] as const) {
      const fn = resources[app.functionLogicalId(name)]?.Properties ?? {};
      const roleId = (fn['Role'] as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      const statements = Object.values(resources)
        .filter((resource) => resource.Type === 'AWS::IAM::ManagedPolicy' && JSON.stringify(resource.Properties?.['Roles'] ?? []).includes(roleId))
        .flatMap((resource) => (resource.Properties?.['PolicyDocument'] as { Statement: Statement[] }).Statement);
      const writes = statements.filter((statement) => [statement.Action].flat().includes('dynamodb:PutItem'));
      expect(writes, name).toHaveLength(1);
      expect(writes[0]?.Condition, name).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['AUDIT#*'] } });
    }
  });

  it('gives data access to no function beyond the table, the queue, the secret and the key', () => {
    for (const name of functionNames()) {
      for (const [resource, actions] of Object.entries(permissionsOf(name))) {
        expect(resource).not.toMatch(/^unexpected/);
        // The only "*" resource is X-Ray, which has no resource-level permissions.
        if (resource === '*') expect(actions.every((action) => action.startsWith('xray:'))).toBe(true);
        // No action wildcards anywhere.
        expect(actions.filter((action) => action.includes('*'))).toEqual([]);
      }
    }
  });

  it('lets no function scan, delete or batch-write the table', () => {
    for (const name of functionNames()) {
      const actions = Object.values(permissionsOf(name)).flat();
      expect(actions).not.toContain('dynamodb:Scan');
      expect(actions).not.toContain('dynamodb:DeleteItem');
      expect(actions).not.toContain('dynamodb:BatchWriteItem');
    }
  });

  it('names only notify-site in the key policy (the Secrets Manager grant), no other function role', () => {
    const key = resources[ids.key]?.Properties ?? {};
    const statements = (key['KeyPolicy'] as { Statement: Statement[] }).Statement;
    const functionRoles = functionNames().map((name) => ({
      name,
      role: (resources[app.functionLogicalId(name)]?.Properties?.['Role'] as { 'Fn::GetAtt': [string, string] })[
        'Fn::GetAtt'
      ][0],
    }));
    const named = functionRoles.filter(({ role }) => JSON.stringify(statements).includes(`"${role}"`));
    expect(named.map(({ name }) => name)).toEqual(['notify-site']);
  });
});
