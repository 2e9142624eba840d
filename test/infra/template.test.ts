/**
 * Template assertions on the synthesized us-east-1 stack: the resources say what ARCHITECTURE.md and the
 * HIPAA-minded defaults promise (keys from TABLE_DESIGN, routes from ROUTES, encryption, retention, the schedule).
 */
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { TABLE_DESIGN } from '#adapters/dynamodb/table-design.js';
import { AUTHORIZER_HANDLERS, BACKGROUND_HANDLERS, ROUTES, type RouteDefinition } from '#http/routes.js';
import { ACCESS_LOG_FIELDS } from '#infra/stack/api.js';
import { FUNCTION_ACCESS, functionNames, type FunctionAccess, type FunctionName } from '#infra/stack/function-catalogue.js';
import { PLACEHOLDER_WEBHOOK_URL } from '#infra/stack/settings.js';
import { resourcesOf, synthesize, TEST_API_DOMAIN } from './support/synth.js';

const app = synthesize('us-east-1');
const { template, stack } = app;
const resources = resourcesOf(template);
const keyId = app.logicalId(stack.key.key);
const tableId = app.logicalId(stack.data.table);
const queueId = app.logicalId(stack.notifications.queue);
const dlqId = app.logicalId(stack.notifications.deadLetterQueue);

const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
const propertiesOf = (logicalId: string): Record<string, unknown> => resources[logicalId]?.Properties ?? {};
const environmentOf = (name: FunctionName): Record<string, unknown> =>
  (propertiesOf(app.functionLogicalId(name))['Environment'] as { Variables: Record<string, unknown> }).Variables;

describe('the table', () => {
  it('is built from TABLE_DESIGN: keys, indexes (with their projections) and TTL', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: TABLE_DESIGN.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_DESIGN.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: TABLE_DESIGN.indexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection:
          index.projection.type === 'ALL'
            ? { ProjectionType: 'ALL' }
            : { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.projection.nonKeyAttributes] },
      })),
      TimeToLiveSpecification: { AttributeName: TABLE_DESIGN.timeToLiveAttribute, Enabled: true },
    });
    type Attribute = { AttributeName: string; AttributeType: string };
    const attributes = (propertiesOf(tableId)['AttributeDefinitions'] as Attribute[])
      .map((attribute) => `${attribute.AttributeName}:${attribute.AttributeType}`)
      .sort();
    const keys = [
      TABLE_DESIGN.partitionKey,
      TABLE_DESIGN.sortKey,
      ...TABLE_DESIGN.indexes.flatMap((index) => [index.partitionKey, index.sortKey]),
    ];
    expect(attributes).toEqual(keys.map((key) => `${key}:S`).sort());
  });

  it('is on-demand, point-in-time recoverable, deletion protected, retained and encrypted with the CMK', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'RetainExceptOnCreate',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } },
      }),
    });
  });

  it('is in a backup plan whose vault is encrypted with the CMK', () => {
    template.hasResourceProperties('AWS::Backup::BackupVault', {
      EncryptionKeyArn: { 'Fn::GetAtt': [keyId, 'Arn'] },
    });
    const selections = ofType('AWS::Backup::BackupSelection');
    expect(selections.length).toBe(1);
    expect(JSON.stringify(selections[0]?.[1].Properties?.['BackupSelection'])).toContain(tableId);
  });

  it('uses a customer-managed key with rotation, kept when the stack goes', () => {
    template.hasResource('AWS::KMS::Key', {
      DeletionPolicy: 'RetainExceptOnCreate',
      Properties: Match.objectLike({ EnableKeyRotation: true }),
    });
  });
});

describe('the notification queue', () => {
  it('is encrypted with the CMK, dead-letters after 5 receives, and outlasts six consumer timeouts', () => {
    const notifySiteTimeout = propertiesOf(app.functionLogicalId('notify-site'))['Timeout'] as number;
    const queue = propertiesOf(queueId);
    expect(queue['KmsMasterKeyId']).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    expect(queue['RedrivePolicy']).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] },
      maxReceiveCount: 5,
    });
    expect(queue['VisibilityTimeout']).toBeGreaterThanOrEqual(6 * notifySiteTimeout);
  });

  it('has an encrypted dead-letter queue that keeps messages 14 days', () => {
    expect(propertiesOf(dlqId)).toMatchObject({
      KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
  });

  it('denies every request without TLS, on every queue', () => {
    const queues = ofType('AWS::SQS::Queue').map(([id]) => id);
    expect(queues.length).toBe(3);
    for (const id of queues) {
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 'sqs:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    }
  });

  it('raises an alarm on the first dead letter, to an encrypted TLS-only topic', () => {
    const topicId = ofType('AWS::SNS::Topic')[0]?.[0] ?? '';
    expect(propertiesOf(topicId)['KmsMasterKeyId']).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId, 'QueueName'] } }],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [{ Ref: topicId }],
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});

describe('the functions', () => {
  const names = functionNames();

  it('are exactly the route handlers, the background handlers and the authorizers, one Lambda each', () => {
    expect([...names].sort()).toEqual([...new Set([...ROUTES.map((route) => route.handler), ...BACKGROUND_HANDLERS, ...AUTHORIZER_HANDLERS])].sort());
    // The one other function is CDK's, run by CloudFormation to copy the web app's files (web-hosting.ts).
    const others = ofType('AWS::Lambda::Function').filter(([id]) => !names.some((name) => app.functionLogicalId(name) === id));
    expect(others.map(([id]) => id)).toEqual([expect.stringMatching(/^CustomCDKBucketDeployment/)]);
  });

  it.each(names)('%s runs on Node.js 22, arm64, traced, without reserved concurrency by default', (name) => {
    expect(propertiesOf(app.functionLogicalId(name))).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      TracingConfig: { Mode: 'Active' },
    });
    expect(propertiesOf(app.functionLogicalId(name))['ReservedConcurrentExecutions']).toBeUndefined();
  });

  it.each(names)('%s logs to its own CMK-encrypted log group kept one year', (name) => {
    const logGroup = (propertiesOf(app.functionLogicalId(name))['LoggingConfig'] as { LogGroup: { Ref: string } })
      .LogGroup.Ref;
    expect(resources[logGroup]).toMatchObject({
      Type: 'AWS::Logs::LogGroup',
      DeletionPolicy: 'RetainExceptOnCreate',
      Properties: { RetentionInDays: 365, KmsKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } },
    });
  });

  it('have the timeouts of their triggers: API 10 s, queue consumer 30 s, rescreen 5 min', () => {
    for (const route of ROUTES) expect(propertiesOf(app.functionLogicalId(route.handler))['Timeout']).toBe(10);
    expect(propertiesOf(app.functionLogicalId('notify-site'))['Timeout']).toBe(30);
    expect(propertiesOf(app.functionLogicalId('rescreen'))['Timeout']).toBe(300);
    for (const route of ROUTES) expect(propertiesOf(app.functionLogicalId(route.handler))['MemorySize']).toBe(512);
  });

  it.each(names)('%s gets the environment its handler reads, and nothing it does not need', (name) => {
    const environment = environmentOf(name);
    expect(environment).toMatchObject({
      POWERTOOLS_SERVICE_NAME: 'trial-match',
      POWERTOOLS_METRICS_NAMESPACE: 'TrialMatch',
    });
    // Source maps are read when an error is logged, not parsed at every cold start (infra/function-environment.ts).
    expect('NODE_OPTIONS' in environment).toBe(false);
    const access: FunctionAccess = FUNCTION_ACCESS[name];
    expect('TABLE_NAME' in environment).toBe(access.table !== undefined);
    expect('API_KEYS_SECRET_ARN' in environment).toBe(name === 'api-key-authorizer');
    if (access.table !== undefined) expect(environment['TABLE_NAME']).toEqual({ Ref: tableId });
    expect('QUEUE_URL' in environment).toBe(['submit-referral', 'update-referral', 'rescreen'].includes(name));
    if ('QUEUE_URL' in environment) expect(environment['QUEUE_URL']).toEqual({ Ref: queueId });
    expect('SITE_WEBHOOKS' in environment).toBe(name === 'notify-site');
    expect('PUBLIC_BASE_URL' in environment).toBe(name === 'notify-site' || name === 'get-openapi');
  });

  it('tells notify-site where each site webhook is and which secret signs it', () => {
    const environment = environmentOf('notify-site');
    const secretId = ofType('AWS::SecretsManager::Secret').find(([id]) => id.startsWith('SiteWebhooks'))?.[0] ?? '';
    const joined = environment['SITE_WEBHOOKS'] as { 'Fn::Join': [string, unknown[]] };
    const json = joined['Fn::Join'][1]
      .map((part) => {
        if (typeof part === 'string') return part;
        return JSON.stringify(part) === JSON.stringify({ Ref: secretId }) ? 'SECRET' : '?';
      })
      .join('');
    expect(JSON.parse(json)).toEqual({ 'hebei-yanda-ludaopei': { url: PLACEHOLDER_WEBHOOK_URL, secretArn: 'SECRET' } });
    expect(environment['PUBLIC_BASE_URL']).toBe(`https://${TEST_API_DOMAIN['us-east-1']}`);
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      KmsKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
      GenerateSecretString: Match.objectLike({ PasswordLength: 64 }),
    });
  });

  it('consumes the queue in batches of 10, reporting partial batch failures', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
      FunctionName: { Ref: app.functionLogicalId('notify-site') },
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: Match.anyValue(),
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    expect(ofType('AWS::Lambda::EventSourceMapping').length).toBe(1);
  });
});

describe('the HTTP API', () => {
  const authorizerId = ofType('AWS::ApiGatewayV2::Authorizer')[0]?.[0] ?? '';
  const routes = ofType('AWS::ApiGatewayV2::Route').map(([, resource]) => resource.Properties ?? {});
  const integrations = Object.fromEntries(ofType('AWS::ApiGatewayV2::Integration'));

  it('has exactly the routes of the route table', () => {
    expect(routes.map((route) => route['RouteKey']).sort()).toEqual(
      ROUTES.map((route) => `${route.method} ${route.path}`).sort(),
    );
  });

  it.each(ROUTES.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s: JWT authorizer iff it has roles, integrated with its own handler',
    (routeKey, route) => {
      const created = routes.find((candidate) => candidate['RouteKey'] === routeKey) ?? {};
      if (route.roles.length > 0) {
        expect(created['AuthorizationType']).toBe('JWT');
        expect(created['AuthorizerId']).toEqual({ Ref: authorizerId });
      } else if ((route as RouteDefinition).apiKey) {
        // The FHIR matching routes: the Lambda REQUEST authorizer that checks x-api-key.
        expect(created['AuthorizationType']).toBe('CUSTOM');
        const custom = resources[(created['AuthorizerId'] as { Ref: string }).Ref]?.Properties ?? {};
        expect(custom).toMatchObject({
          AuthorizerType: 'REQUEST',
          IdentitySource: ['$request.header.x-api-key'],
          EnableSimpleResponses: true,
          AuthorizerResultTtlInSeconds: 300,
        });
        expect(JSON.stringify(custom['AuthorizerUri'])).toContain(app.functionLogicalId('api-key-authorizer'));
      } else {
        expect(created['AuthorizationType']).toBe('NONE');
        expect(created['AuthorizerId']).toBeUndefined();
      }
      // Target: integrations/<integration id>
      const target = created['Target'] as { 'Fn::Join': [string, unknown[]] };
      const integrationId = (target['Fn::Join'][1][1] as { Ref: string }).Ref;
      expect(integrations[integrationId]?.Properties?.['IntegrationUri']).toEqual({
        'Fn::GetAtt': [app.functionLogicalId(route.handler), 'Arn'],
      });
    },
  );

  it('trusts ID tokens of the Cognito user pool for the portal client', () => {
    const userPool = stack.identity.userPool;
    if (userPool === undefined) throw new Error('us-east-1 should use Cognito');
    const poolId = app.logicalId(userPool);
    const config = propertiesOf(authorizerId)['JwtConfiguration'] as { Issuer: unknown; Audience: unknown[] };
    expect(JSON.stringify(config.Issuer)).toContain(poolId);
    expect(JSON.stringify(config.Issuer)).toContain('https://cognito-idp.');
    // The portal's client, and the web app's (web-hosting.ts: authorization code with PKCE on the hosted UI).
    expect(config.Audience).toEqual([{ Ref: app.logicalId(userPool.node.findChild('Portal')) }, { Ref: app.logicalId(userPool.node.findChild('WebApp')) }]);
    expect(propertiesOf(authorizerId)['IdentitySource']).toEqual(['$request.header.Authorization']);
  });

  it('logs every request as JSON (ids, source, route, status, latency) to a CMK-encrypted log group, and throttles', () => {
    const stage = ofType('AWS::ApiGatewayV2::Stage')[0]?.[1].Properties ?? {};
    expect(stage['StageName']).toBe('$default');
    expect(stage['DefaultRouteSettings']).toMatchObject({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 });
    type AccessLogSettings = { DestinationArn: { 'Fn::GetAtt': [string, string] }; Format: string };
    const settings = stage['AccessLogSettings'] as AccessLogSettings;
    const format = JSON.parse(settings.Format) as Record<string, string>;
    expect(format).toEqual(ACCESS_LOG_FIELDS);
    expect(Object.keys(format)).toEqual(expect.arrayContaining(['requestId', 'sourceIp', 'routeKey', 'status', 'latency']));
    // Nothing that carries patient data or credentials.
    expect(settings.Format).not.toMatch(/body|header|path|querystring|jwt|token/i);
    const logGroup = settings.DestinationArn['Fn::GetAtt'][0];
    expect(resources[logGroup]).toMatchObject({
      Type: 'AWS::Logs::LogGroup',
      Properties: { KmsKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] }, RetentionInDays: 2192 },
    });
  });
});

describe('identity (Cognito)', () => {
  it('lets only administrators create users, requires TOTP MFA and a strong password, with threat protection', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 14,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
      Schema: Match.arrayWith([
        Match.objectLike({ Name: 'site_id', AttributeDataType: 'String', Mutable: true }),
      ]),
    });
  });

  it('has a group per role of the route table', () => {
    const groups = ofType('AWS::Cognito::UserPoolGroup').map(([, group]) => group.Properties?.['GroupName']);
    expect(groups.sort()).toEqual(['coordinator', 'physician']);
  });

  it('has a public SRP client that can read the site id but never write it', () => {
    const client = ofType('AWS::Cognito::UserPoolClient')[0]?.[1].Properties ?? {};
    expect(client['GenerateSecret']).toBe(false);
    expect(client['ExplicitAuthFlows']).toContain('ALLOW_USER_SRP_AUTH');
    expect(client['ExplicitAuthFlows']).not.toContain('ALLOW_USER_PASSWORD_AUTH');
    expect(client['ReadAttributes']).toContain('custom:site_id');
    expect(client['WriteAttributes']).not.toContain('custom:site_id');
    expect((client['WriteAttributes'] as string[]).every((attribute) => !attribute.startsWith('custom:'))).toBe(true);
  });
});

describe('the schedule', () => {
  it('invokes rescreen every 15 minutes with retries and a dead-letter queue', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(15 minutes)',
      State: 'ENABLED',
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [app.functionLogicalId('rescreen'), 'Arn'] },
          RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 2 }),
          DeadLetterConfig: { Arn: Match.anyValue() },
        }),
      ],
    });
  });

  it('gives rescreen a dead-letter queue for failed invocations, with its own alarm', () => {
    const rescreen = propertiesOf(app.functionLogicalId('rescreen'));
    const dlq = (rescreen['DeadLetterConfig'] as { TargetArn: { 'Fn::GetAtt': [string, string] } }).TargetArn[
      'Fn::GetAtt'
    ][0];
    expect(propertiesOf(dlq)['KmsMasterKeyId']).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlq, 'QueueName'] } }],
    });
  });
});
