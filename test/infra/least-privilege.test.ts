/**
 * Walks every function role's statements in both partitions' templates against the route table and the access
 * matrix (FUNCTION_ACCESS): the role grants exactly the table calls the matrix lists (data-access.test.ts proves
 * the matrix is what the code really does), every table grant is limited to key families by `dynamodb:LeadingKeys`,
 * nothing else is reachable, and no public route's function can read patient data. Routes, items and indexes added
 * later are walked the same way: nothing here names a route or an item family by hand except the patient-data rule.
 */
import { describe, expect, it } from 'vitest';
import { TABLE_DESIGN } from '#adapters/dynamodb/table-design.js';
import { AUTHORIZER_HANDLERS, BACKGROUND_HANDLERS, ROUTES } from '#http/routes.js';
import { FUNCTION_ACCESS, functionNames, type FunctionAccess, type FunctionName } from '#infra/stack/function-catalogue.js';
import { KEY_FAMILIES, PATIENT_DATA_FAMILIES } from '#infra/stack/key-families.js';
import { grantedTableCalls, permissionsOf } from './support/role-permissions.js';
import { resourcesOf, synthesize, TEST_REGIONS } from './support/synth.js';

const BASELINE = {
  'own log group': ['logs:CreateLogStream', 'logs:PutLogEvents'],
  '*': ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
};
const QUEUE_CONSUME = [
  'sqs:ChangeMessageVisibility',
  'sqs:DeleteMessage',
  'sqs:GetQueueAttributes',
  'sqs:GetQueueUrl',
  'sqs:ReceiveMessage',
];

/** What a function may do beyond the table, from its row of the matrix. */
function expectedOther(name: FunctionName, access: FunctionAccess): Record<string, string[]> {
  const writes = Object.entries(access.table?.items ?? {}).some(
    ([action, families]) => ['PutItem', 'UpdateItem', 'DeleteItem'].includes(action) && families.length > 0,
  );
  const key = new Set<string>();
  if (access.table !== undefined) ['kms:Decrypt', 'kms:DescribeKey'].forEach((a) => key.add(a));
  if (writes) ['kms:Encrypt', 'kms:GenerateDataKey'].forEach((a) => key.add(a));
  if (access.queue === 'send') ['kms:GenerateDataKey', 'kms:Decrypt'].forEach((a) => key.add(a));
  const expected: Record<string, string[]> = { ...BASELINE, ...(key.size > 0 ? { key: [...key].sort() } : {}) };
  if (access.queue === 'send') expected['queue'] = ['sqs:SendMessage'];
  if (access.queue === 'consume') expected['queue'] = QUEUE_CONSUME;
  if (access.siteWebhookSecrets) expected['site webhook secret'] = ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'];
  if (access.apiKeySecret) expected['api keys secret'] = ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'];
  if (access.trigger === 'schedule') expected['rescreen dead letters'] = ['sqs:SendMessage'];
  return expected;
}

describe.each(TEST_REGIONS)('least privilege, per function role, in %s', (region) => {
  const app = synthesize(region);

  it('gives a role to every function of the route table, the background and the authorizers, and no other', () => {
    const handlers = [...new Set([...ROUTES.map((route) => route.handler), ...BACKGROUND_HANDLERS, ...AUTHORIZER_HANDLERS])].sort();
    expect([...functionNames()].sort()).toEqual(handlers);
    // Besides CDK's own BucketDeployment function, run by CloudFormation to copy the web app's files (web-hosting.ts).
    const functions = Object.entries(resourcesOf(app.template)).filter(([id, r]) => r.Type === 'AWS::Lambda::Function' && !id.startsWith('CustomCDKBucketDeployment'));
    expect(functions).toHaveLength(handlers.length);
  });

  it.each(functionNames())('%s: exactly the table calls of its row, each limited to its key families', (name) => {
    const permissions = permissionsOf(app, name);
    expect(permissions.unconditionedTableActions).toEqual([]);
    expect([...permissions.tableCalls].sort()).toEqual([...grantedTableCalls(FUNCTION_ACCESS[name])].sort());
  });

  it.each(functionNames())('%s: beyond the table, only its key, queue, secret and log group', (name) => {
    expect(permissionsOf(app, name).other).toEqual(expectedOther(name, FUNCTION_ACCESS[name]));
  });

  it.each(ROUTES.filter((route) => route.roles.length === 0).map((route) => [`${route.method} ${route.path}`, route.handler] as const))(
    'the public route %s reads no patient data: no referral item, no index item',
    (_route, handler) => {
      const calls = [...permissionsOf(app, handler).tableCalls];
      for (const family of PATIENT_DATA_FAMILIES) expect(calls.filter((call) => call.endsWith(` ${family}`))).toEqual([]);
      // Every index projects whole referral items.
      expect(calls.filter((call) => call.includes('index/'))).toEqual([]);
    },
  );

  it.each(
    [...new Set(ROUTES.filter((route) => route.method === 'GET' || route.method === 'HEAD').map((route) => route.handler))],
  )('%s serves only reads: the one thing it may write is an audit entry (who read what)', (handler) => {
    const writes = [...permissionsOf(app, handler).tableCalls].filter((call) => /^(PutItem|UpdateItem|DeleteItem) /.test(call));
    expect(writes.filter((call) => !call.endsWith(` ${KEY_FAMILIES.audit}`))).toEqual([]);
  });

  it('lets no function scan, batch, or use an action wildcard, and names each index it queries', () => {
    for (const name of functionNames()) {
      const { tableCalls, other } = permissionsOf(app, name);
      const actions = [...[...tableCalls].map((call) => call.split(' ')[0] ?? ''), ...Object.values(other).flat()];
      expect(actions.filter((action) => /Scan|Batch|\*|TransactWrite|PartiQL/.test(action)), name).toEqual([]);
      for (const [resource, granted] of Object.entries(other)) {
        expect(resource, name).not.toMatch(/^unexpected/);
        // The only "*" resource is X-Ray, which has no resource-level permissions.
        if (resource === '*') expect(granted.every((action) => action.startsWith('xray:'))).toBe(true);
      }
      for (const call of tableCalls) {
        if (call.includes('index/')) {
          expect(TABLE_DESIGN.indexes.map((index) => `index/${index.indexName}`)).toContain(call.split(' ')[1]);
        }
      }
    }
  });

  it('names only the two secret readers in the key policy (the Secrets Manager grants), no other function role', () => {
    const resources = resourcesOf(app.template);
    const key = resources[app.logicalId(app.stack.key.key)]?.Properties ?? {};
    const statements = JSON.stringify(key['KeyPolicy']);
    const named = functionNames().filter((name) => {
      const role = (resources[app.functionLogicalId(name)]?.Properties?.['Role'] as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      return statements.includes(`"${role}"`);
    });
    // notify-site reads the sites' webhook secrets; api-key-authorizer the matching clients' API keys.
    expect(named.sort()).toEqual(['api-key-authorizer', 'notify-site']);
  });
});
