/**
 * The first real deployment, proved on the synthesized templates of both partitions (us-east-1 with its declared
 * cross-border basis, cn-north-1 without): alarms reach someone, nothing reserves concurrency a new account lacks, a
 * failed first deploy can be retried, the data stays in the region, the API is served on its own domain, the edge
 * throttles and filters, and operators can see what the service does. Each app is synthesized once per region.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FeatureFlags } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '#http/request.js';
import { ROUTES } from '#http/routes.js';
import { RESCREEN_METRICS, METRICS_NAMESPACE } from '#observability/metrics.js';
import { ACCESS_LOG_FIELDS } from '#infra/stack/api.js';
import { routeKey, routeThrottle, STAGE_THROTTLE, WAF_RATE_LIMITS } from '#infra/stack/edge-limits.js';
import { functionNames, type FunctionName } from '#infra/stack/function-catalogue.js';
import { REPOSITORY_ROOT } from '#infra/stack/function-factory.js';
import { OperatorOutputs } from '#infra/stack/operator-outputs.js';
import { buildApp } from '#infra/stack/trial-match-app.js';
import {
  contextFor,
  resourcesOf,
  synthesize,
  TEST_ALARM_EMAIL,
  TEST_API_DOMAIN,
  TEST_CROSS_BORDER_BASIS,
  TEST_REGIONS,
  TEST_WEB_DOMAIN,
  testCertificateArn,
  type Resources,
  type TestRegion,
} from './support/synth.js';

type Properties = Record<string, unknown>;

function view(region: TestRegion) {
  const app = synthesize(region);
  const resources: Resources = resourcesOf(app.template);
  const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
  const propertiesOf = (logicalId: string): Properties => resources[logicalId]?.Properties ?? {};
  const functionProperties = (name: FunctionName): Properties => propertiesOf(app.functionLogicalId(name));
  return { ...app, resources, ofType, propertiesOf, functionProperties };
}

/** Builds the app with one context value changed (or removed, with undefined): for the refusals. */
function buildWith(region: TestRegion, change: Record<string, string | undefined>) {
  const context = Object.fromEntries(
    Object.entries({ ...contextFor(region), ...change }).filter(([, value]) => value !== undefined),
  );
  return buildApp({ context, bundling: false, environment: {} });
}

/** Every string literal anywhere in a template. */
function stringsIn(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') found.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, found);
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) stringsIn(item, found);
  return found;
}

describe.each(TEST_REGIONS)('deploying to %s', (region) => {
  const app = view(region);
  const { template, stack, resources, ofType, propertiesOf } = app;
  const topicId = app.logicalId(stack.alarms.topic);
  const keyId = app.logicalId(stack.key.key);
  const json = JSON.stringify(template.toJSON());

  describe('1. alarms reach someone', () => {
    it('lets CloudWatch publish to the alarm topic, for this account\'s alarms in this region only', () => {
      template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        Topics: [{ Ref: topicId }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            {
              Sid: 'CloudWatchAlarmsOfThisAccountPublish',
              Effect: 'Allow',
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Action: 'sns:Publish',
              Resource: { Ref: topicId },
              Condition: {
                StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
                ArnLike: {
                  'aws:SourceArn': {
                    'Fn::Join': [
                      '',
                      ['arn:', { Ref: 'AWS::Partition' }, ':cloudwatch:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':alarm:*'],
                    ],
                  },
                },
              },
            },
          ]),
        },
      });
    });

    it('lets CloudWatch use the key that encrypts the topic, for this account only', () => {
      const statements = (propertiesOf(keyId)['KeyPolicy'] as { Statement: Properties[] }).Statement;
      expect(statements).toContainEqual(
        expect.objectContaining({
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
        }),
      );
      expect(propertiesOf(topicId)['KmsMasterKeyId']).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    });

    it('subscribes the alarm e-mail address', () => {
      template.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'email',
        Endpoint: TEST_ALARM_EMAIL,
        TopicArn: { Ref: topicId },
      });
    });

    it('sends every alarm, going off and clearing, to the topic', () => {
      const alarms = ofType('AWS::CloudWatch::Alarm');
      expect(alarms.length).toBeGreaterThan(0);
      for (const [id, alarm] of alarms) {
        expect(alarm.Properties?.['AlarmActions'], id).toEqual([{ Ref: topicId }]);
        expect(alarm.Properties?.['OKActions'], id).toEqual([{ Ref: topicId }]);
      }
    });

    it('refuses to synthesize without an alarm destination', () => {
      expect(() => buildWith(region, { alarmEmail: undefined })).toThrow(/-c alarmEmail=/);
    });
  });

  describe('2. no reserved concurrency a new account cannot give', () => {
    it('reserves none by default; the stage throttles instead', () => {
      for (const name of functionNames()) {
        expect(app.functionProperties(name)['ReservedConcurrentExecutions'], name).toBeUndefined();
      }
      const stage = ofType('AWS::ApiGatewayV2::Stage')[0]?.[1].Properties ?? {};
      expect(stage['DefaultRouteSettings']).toMatchObject({
        ThrottlingRateLimit: STAGE_THROTTLE.rateLimit,
        ThrottlingBurstLimit: STAGE_THROTTLE.burstLimit,
      });
    });

    it('caps the queue consumer on its event source instead', () => {
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { ScalingConfig: { MaximumConcurrency: 5 } });
    });

    it('reserves what -c reservedConcurrency names, and keeps the consumer\'s ceiling under it', () => {
      const { stack: reserved } = buildWith(region, { reservedConcurrency: '{"rescreen":1,"notify-site":3}' });
      const reservedTemplate = Template.fromStack(reserved);
      const fns = resourcesOf(reservedTemplate);
      const of = (name: 'rescreen' | 'notify-site' | 'get-trial') => {
        const fn = reserved.functions.get(name).function.node.defaultChild;
        return fns[reserved.getLogicalId(fn as never)]?.Properties?.['ReservedConcurrentExecutions'];
      };
      expect(of('rescreen')).toBe(1);
      expect(of('notify-site')).toBe(3);
      expect(of('get-trial')).toBeUndefined();
      reservedTemplate.hasResourceProperties('AWS::Lambda::EventSourceMapping', { ScalingConfig: { MaximumConcurrency: 3 } });
    });
  });

  describe('3. a failed first deployment can be retried', () => {
    const stateful = [
      'AWS::DynamoDB::Table',
      'AWS::KMS::Key',
      'AWS::Logs::LogGroup',
      'AWS::SecretsManager::Secret',
      'AWS::Backup::BackupVault',
      ...(region === 'us-east-1' ? ['AWS::Cognito::UserPool'] : []),
    ];

    it('retains nothing that a rolled-back creation made', () => {
      for (const [id, resource] of Object.entries(resources)) {
        expect(resource['DeletionPolicy'], id).not.toBe('Retain');
      }
    });

    it.each(stateful)('keeps every %s on update or deletion, but not when its creation rolls back', (type) => {
      const found = ofType(type);
      expect(found.length).toBeGreaterThan(0);
      for (const [id, resource] of found) {
        expect(resource['DeletionPolicy'], id).toBe('RetainExceptOnCreate');
        expect(resource['UpdateReplacePolicy'], id).toBe('Retain');
      }
    });

    it('gives no resource a fixed account-wide name (a retry would find it taken)', () => {
      // The names that must be unique in the account and region, where CloudFormation lets us choose them.
      const uniqueNames: Record<string, (properties: Properties) => unknown> = {
        'AWS::Backup::BackupVault': (p) => p['BackupVaultName'],
        'AWS::Backup::BackupPlan': (p) => (p['BackupPlan'] as Properties)['BackupPlanName'],
        'AWS::Logs::LogGroup': (p) => p['LogGroupName'],
        'AWS::DynamoDB::Table': (p) => p['TableName'],
        'AWS::SQS::Queue': (p) => p['QueueName'],
        'AWS::SNS::Topic': (p) => p['TopicName'],
        'AWS::Lambda::Function': (p) => p['FunctionName'],
        'AWS::IAM::Role': (p) => p['RoleName'],
        'AWS::IAM::ManagedPolicy': (p) => p['ManagedPolicyName'],
        'AWS::SecretsManager::Secret': (p) => p['Name'],
        'AWS::CloudWatch::Alarm': (p) => p['AlarmName'],
        'AWS::CloudWatch::Dashboard': (p) => p['DashboardName'],
        'AWS::Events::Rule': (p) => p['Name'],
        'AWS::WAFv2::WebACL': (p) => p['Name'],
      };
      for (const [id, resource] of Object.entries(resources)) {
        const nameOf = uniqueNames[resource.Type];
        if (nameOf === undefined) continue;
        const name = nameOf(resource.Properties ?? {});
        // Either CloudFormation generates it, or it is derived from this stack's own id.
        if (name !== undefined) expect(JSON.stringify(name), id).toContain('"Ref":"AWS::StackId"');
      }
      expect(JSON.stringify(ofType('AWS::Backup::BackupVault')[0]?.[1].Properties?.['BackupVaultName'])).toContain(
        'AWS::StackId',
      );
    });

    it('protects the table from deletion, unless a first deployment asks otherwise', () => {
      template.hasResourceProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: true });
      const { stack: first } = buildWith(region, { deletionProtection: 'false' });
      Template.fromStack(first).hasResourceProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: false });
    });
  });

  describe('4. the data stays in the region', () => {
    const partition = region.startsWith('cn-') ? 'aws-cn' : 'aws';

    it('names no other region anywhere in the template', () => {
      const regions = stringsIn(template.toJSON()).flatMap((text) => text.match(/\b(?:us|eu|ap|sa|ca|me|af|il|mx|cn)-(?:[a-z]+-)+\d\b/g) ?? []);
      expect(regions.length).toBeGreaterThan(0);
      expect(new Set(regions)).toEqual(new Set([region]));
    });

    it('names no other partition in any ARN', () => {
      const arns = stringsIn(template.toJSON()).flatMap((text) => text.match(/arn:[a-z-]+:/g) ?? []);
      expect(new Set(arns)).toEqual(new Set([`arn:${partition}:`]));
    });

    it('copies no backup elsewhere and replicates nothing', () => {
      const plan = ofType('AWS::Backup::BackupPlan')[0]?.[1].Properties?.['BackupPlan'] as { BackupPlanRule: Properties[] };
      expect(plan.BackupPlanRule.length).toBeGreaterThan(0);
      for (const rule of plan.BackupPlanRule) expect(rule['CopyActions']).toBeUndefined();
      expect(ofType('AWS::DynamoDB::GlobalTable')).toEqual([]);
      for (const [, table] of ofType('AWS::DynamoDB::Table')) expect(table.Properties?.['Replicas']).toBeUndefined();
      expect(json).not.toContain('ReplicationConfiguration');
    });

    it('keeps the identities in the partition (Cognito here, an in-country issuer in China)', () => {
      const cognito = Object.values(resources).filter((resource) => resource.Type.startsWith('AWS::Cognito::'));
      if (region.startsWith('cn-')) {
        expect(cognito).toEqual([]);
        const issuer = (ofType('AWS::ApiGatewayV2::Authorizer')[0]?.[1].Properties?.['JwtConfiguration'] as Properties)['Issuer'];
        expect(String(issuer)).not.toMatch(/amazonaws\.com(\/|$)/);
      } else {
        expect(cognito.length).toBeGreaterThan(0);
      }
    });

    it('tags every resource with the jurisdiction, and with the declared basis of a transfer abroad', () => {
      const tags = (propertiesOf(app.logicalId(stack.data.table))['Tags'] as { Key: string; Value: string }[]) ?? [];
      expect(tags).toContainEqual({ Key: 'trial-match:data-residency', Value: 'China' });
      const transfer = tags.find((tag) => tag.Key === 'trial-match:cross-border-transfer');
      expect(transfer?.Value).toBe(region.startsWith('cn-') ? undefined : TEST_CROSS_BORDER_BASIS);
    });

    if (region === 'us-east-1') {
      it('refuses us-east-1 for a Chinese site without a declared cross-border basis', () => {
        expect(() => buildWith(region, { crossBorderTransfer: undefined })).toThrow(/PIPL[\s\S]*crossBorderTransfer/);
      });
    }

    it('refuses to pick a region by itself', () => {
      expect(() => buildWith(region, { region: undefined })).toThrow(/-c region=/);
    });
  });

  describe('5. reachable on its own domain, and every link uses it', () => {
    const domainId = app.logicalId(stack.api.domainName);

    it('serves the API on the custom domain with the ACM certificate of its region, TLS 1.2 at least', () => {
      expect(propertiesOf(domainId)).toMatchObject({
        DomainName: TEST_API_DOMAIN[region],
        DomainNameConfigurations: [
          { CertificateArn: testCertificateArn(region), EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' },
        ],
      });
      template.hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', {
        DomainName: { Ref: domainId },
        ApiId: { Ref: app.logicalId(stack.api.httpApi) },
      });
    });

    it('switches the execute-api endpoint off', () => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
    });

    it('builds the links sent to the site from the domain, never from the execute-api host', () => {
      // The inbox links in site notifications, and the OpenAPI document's `servers`.
      for (const name of ['notify-site', 'get-openapi'] as const) {
        const environment = (app.functionProperties(name)['Environment'] as { Variables: Properties }).Variables;
        expect(environment['PUBLIC_BASE_URL'], name).toBe(`https://${TEST_API_DOMAIN[region]}`);
      }
      for (const name of functionNames()) {
        expect(JSON.stringify(app.functionProperties(name)['Environment'] ?? {}), name).not.toMatch(/execute-api|HttpApi/);
      }
    });

    it('tells the operator where the domain must point', () => {
      const outputs = template.toJSON() as { Outputs: Record<string, { Value: unknown }> };
      const target = Object.entries(outputs.Outputs).find(([id]) => id.includes('ApiDnsTarget'))?.[1].Value;
      if (region.startsWith('cn-')) expect(target).toEqual({ 'Fn::GetAtt': [domainId, 'RegionalDomainName'] });
      else {
        const distribution = stack.edge.distribution;
        if (distribution === undefined) throw new Error('us-east-1 should have a CloudFront distribution');
        expect(target).toEqual({ 'Fn::GetAtt': [app.logicalId(distribution), 'DomainName'] });
      }
    });

    it('lets the web app\'s origin call the API from a browser', () => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
        CorsConfiguration: Match.objectLike({ AllowOrigins: [`https://${TEST_WEB_DOMAIN[region]}`] }),
      });
    });

    it('refuses to synthesize without the API domain and its certificate', () => {
      expect(() => buildWith(region, { apiDomain: undefined })).toThrow(/-c apiDomain=/);
      expect(() => buildWith(region, { apiCertificateArn: undefined })).toThrow(/-c apiCertificateArn=/);
    });
  });

  describe('7. the edge throttles per route and filters where the partition allows a WAF', () => {
    const stage = ofType('AWS::ApiGatewayV2::Stage')[0]?.[1] ?? { Type: '' };

    it('gives every route of the route table its own throttle on the stage', () => {
      const settings = (stage.Properties?.['RouteSettings'] ?? {}) as Record<string, Properties>;
      expect(Object.keys(settings).sort()).toEqual(ROUTES.map(routeKey).sort());
      for (const route of ROUTES) {
        const throttle = routeThrottle(route);
        expect(settings[routeKey(route)], routeKey(route)).toEqual({
          ThrottlingRateLimit: throttle.rateLimit,
          ThrottlingBurstLimit: throttle.burstLimit,
        });
        // No route may allow more than the stage as a whole.
        expect(throttle.rateLimit).toBeLessThanOrEqual(STAGE_THROTTLE.rateLimit);
      }
      // The routes exist before the stage names them.
      const routeIds = ofType('AWS::ApiGatewayV2::Route').map(([id]) => id);
      expect(stage['DependsOn']).toEqual(expect.arrayContaining(routeIds));
    });

    if (region.startsWith('cn-')) {
      it('has no WAF and no CloudFront (regional-only WAF there cannot front an HTTP API)', () => {
        // The web app's own distribution (web-hosting.ts) serves its public files only; nothing fronts the API.
        const inFront = Object.entries(resources).filter(([id, r]) => /WAF|CloudFront/.test(r.Type) && !id.startsWith('Web'));
        expect(inFront).toEqual([]);
        expect(stack.settings.edge.kind).toBe('api-gateway-only');
      });
    } else {
      const webAclId = ofType('AWS::WAFv2::WebACL')[0]?.[0] ?? '';
      const acl = propertiesOf(webAclId);
      const rule = (name: string) => (acl['Rules'] as Properties[]).find((candidate) => candidate['Name'] === name) ?? {};

      it('puts CloudFront with the WAF in front of the API domain', () => {
        const distribution = ofType('AWS::CloudFront::Distribution')
          .map(([, resource]) => resource.Properties?.['DistributionConfig'] as Properties)
          .find((config) => (config['Aliases'] as unknown[] | undefined)?.includes(TEST_API_DOMAIN[region])) ?? {};
        expect(distribution).toMatchObject({
          Aliases: [TEST_API_DOMAIN[region]],
          WebACLId: { 'Fn::GetAtt': [webAclId, 'Arn'] },
          ViewerCertificate: {
            AcmCertificateArn: testCertificateArn(region),
            MinimumProtocolVersion: 'TLSv1.2_2021',
            SslSupportMethod: 'sni-only',
          },
          DefaultCacheBehavior: {
            ViewerProtocolPolicy: 'https-only',
            AllowedMethods: expect.arrayContaining(['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS']),
            // Managed policies: CachingDisabled, AllViewer (forwards Authorization and Host).
            CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
            OriginRequestPolicyId: '216adef6-5c7f-47e4-b989-5492eafa07d3',
          },
        });
        const origin = (distribution['Origins'] as Properties[])[0] ?? {};
        expect(origin['DomainName']).toEqual({ 'Fn::GetAtt': [app.logicalId(stack.api.domainName), 'RegionalDomainName'] });
        expect(origin['CustomOriginConfig']).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
      });

      it('uses the AWS managed rule groups, and lets our own size rule decide on bodies', () => {
        expect(acl).toMatchObject({ Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
        const groups = (acl['Rules'] as Properties[]).flatMap((candidate) => {
          const statement = candidate['Statement'] as { ManagedRuleGroupStatement?: { Name: string } };
          return statement.ManagedRuleGroupStatement === undefined ? [] : [statement.ManagedRuleGroupStatement.Name];
        });
        expect(groups).toEqual(
          expect.arrayContaining(['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesAmazonIpReputationList']),
        );
      });

      it('refuses bodies above the handlers\' own limit, inspecting up to 64 KB of each, except where a FHIR Bundle may be sent', () => {
        expect(acl['AssociationConfig']).toEqual({ RequestBody: { CLOUDFRONT: { DefaultSizeInspectionLimit: 'KB_64' } } });
        const pathIs = (path: string) => ({
          ByteMatchStatement: { FieldToMatch: { UriPath: {} }, PositionalConstraint: 'EXACTLY', SearchString: path, TextTransformations: [{ Priority: 0, Type: 'URL_DECODE' }] },
        });
        expect(rule('BodyTooLarge')).toMatchObject({
          Action: { Block: { CustomResponse: { ResponseCode: 413 } } },
          Statement: {
            AndStatement: {
              Statements: [
                { SizeConstraintStatement: { FieldToMatch: { Body: { OversizeHandling: 'MATCH' } }, ComparisonOperator: 'GT', Size: MAX_BODY_BYTES } },
                // The Bundle referral, getClinicalTrial and $match take up to 10 MB; their handlers answer 413.
                { NotStatement: { Statement: { OrStatement: { Statements: [pathIs('/referrals'), pathIs('/getClinicalTrial'), pathIs('/ResearchStudy/$match')] } } } },
              ],
            },
          },
        });
      });

      it('limits the rate per address, per address without a token, and per caller (bearer token)', () => {
        const rate = (name: string) => (rule(name)['Statement'] as { RateBasedStatement: Properties }).RateBasedStatement;
        expect(rate('RatePerAddress')).toMatchObject({
          AggregateKeyType: 'IP',
          Limit: WAF_RATE_LIMITS.perAddress.limit,
          EvaluationWindowSec: WAF_RATE_LIMITS.perAddress.windowSeconds,
        });
        expect(rate('RatePerAddressWithoutToken')).toMatchObject({
          AggregateKeyType: 'IP',
          Limit: WAF_RATE_LIMITS.perAddressWithoutToken.limit,
          // Counts only requests that carry no Authorization header.
          ScopeDownStatement: {
            NotStatement: {
              Statement: {
                SizeConstraintStatement: expect.objectContaining({
                  FieldToMatch: { SingleHeader: { Name: 'authorization' } },
                  ComparisonOperator: 'GT',
                  Size: 0,
                }),
              },
            },
          },
        });
        expect(rate('RatePerCaller')).toMatchObject({
          AggregateKeyType: 'CUSTOM_KEYS',
          CustomKeys: [{ Header: { Name: 'authorization', TextTransformations: [{ Priority: 0, Type: 'NONE' }] } }],
          Limit: WAF_RATE_LIMITS.perCaller.limit,
          EvaluationWindowSec: WAF_RATE_LIMITS.perCaller.windowSeconds,
        });
        for (const name of ['RatePerAddress', 'RatePerAddressWithoutToken', 'RatePerCaller']) {
          expect(rule(name)['Action']).toEqual({ Block: { CustomResponse: { ResponseCode: 429 } } });
        }
      });

      it('logs every request to an encrypted aws-waf-logs-* group, tokens, paths and queries redacted', () => {
        const logging = ofType('AWS::WAFv2::LoggingConfiguration')[0]?.[1].Properties ?? {};
        expect(logging['ResourceArn']).toEqual({ 'Fn::GetAtt': [webAclId, 'Arn'] });
        expect(logging['RedactedFields']).toEqual(
          expect.arrayContaining([{ SingleHeader: { Name: 'authorization' } }, { UriPath: {} }, { QueryString: {} }]),
        );
        const [, group] = ofType('AWS::Logs::LogGroup').find(([, candidate]) =>
          JSON.stringify(candidate.Properties?.['LogGroupName'] ?? '').includes('aws-waf-logs-'),
        ) ?? [undefined, undefined];
        expect(group?.Properties?.['KmsKeyId']).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
        for (const [, candidate] of ofType('AWS::WAFv2::WebACL')) {
          const config = JSON.stringify(candidate.Properties);
          expect(config).not.toContain('"SampledRequestsEnabled":true');
        }
      });
    }
  });

  describe('8. operators can see what it does', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties ?? {});
    const metricsOf = (alarm: Properties): string => JSON.stringify(alarm);

    it('alarms on the API\'s 5xx rate', () => {
      const rate = metricsOf(alarms.find((alarm) => metricsOf(alarm).includes('100 * errors / requests')) ?? {});
      expect(rate).toContain('"MetricName":"5xx"');
      expect(rate).toContain('"MetricName":"Count"');
    });

    it('alarms on every function\'s throttles, and the table\'s', () => {
      for (const name of functionNames()) {
        const id = app.functionLogicalId(name);
        expect(
          alarms.some((alarm) => alarm['MetricName'] === 'Throttles' && JSON.stringify(alarm['Dimensions']).includes(id)),
          name,
        ).toBe(true);
      }
      expect(alarms.some((alarm) => metricsOf(alarm).includes('"MetricName":"ThrottledRequests"'))).toBe(true);
    });

    it('alarms on the age of the oldest notification and on both dead-letter queues', () => {
      const queueName = { 'Fn::GetAtt': [app.logicalId(stack.notifications.queue), 'QueueName'] };
      expect(alarms).toContainEqual(
        expect.objectContaining({ MetricName: 'ApproximateAgeOfOldestMessage', Dimensions: [{ Name: 'QueueName', Value: queueName }] }),
      );
      const dlqAlarms = alarms.filter((alarm) => alarm['MetricName'] === 'ApproximateNumberOfMessagesVisible');
      expect(dlqAlarms.length).toBe(2);
    });

    it('alarms when no rescreen sweep finished: the heartbeat the handler publishes, missing data breaching', () => {
      const heartbeat = alarms.find((alarm) => metricsOf(alarm).includes(RESCREEN_METRICS.completed)) ?? {};
      expect(heartbeat).toMatchObject({ TreatMissingData: 'breaching', ComparisonOperator: 'LessThanThreshold', Threshold: 1 });
      expect(metricsOf(heartbeat)).toContain(`"Namespace":"${METRICS_NAMESPACE}"`);
    });

    it('has one dashboard, showing every alarm', () => {
      const dashboards = ofType('AWS::CloudWatch::Dashboard');
      expect(dashboards.length).toBe(1);
      const body = JSON.stringify(dashboards[0]?.[1].Properties?.['DashboardBody']);
      for (const [id] of ofType('AWS::CloudWatch::Alarm')) expect(body, id).toContain(`"${id}","Arn"`);
    });

    it.each(functionNames())('%s writes its platform and application logs as JSON', (name) => {
      expect(app.functionProperties(name)['LoggingConfig']).toMatchObject({
        LogFormat: 'JSON',
        ApplicationLogLevel: 'INFO',
        SystemLogLevel: 'INFO',
      });
    });

    it('logs the source address of every API request', () => {
      const stage = ofType('AWS::ApiGatewayV2::Stage')[0]?.[1].Properties ?? {};
      const format = JSON.parse((stage['AccessLogSettings'] as { Format: string }).Format) as Record<string, string>;
      expect(format).toEqual(ACCESS_LOG_FIELDS);
      expect(format['sourceIp']).toBe('$context.identity.sourceIp');
    });

    it('outputs every name the runbook\'s commands need', () => {
      const outputs = (template.toJSON() as { Outputs: Record<string, unknown> }).Outputs;
      expect(Object.keys(outputs)).toEqual(expect.arrayContaining([...OperatorOutputs.IDS]));
      expect(outputs['TableName']).toEqual({ Value: { Ref: app.logicalId(stack.data.table) } });
    });

    it('protects the stack from termination', () => {
      expect(stack.terminationProtection).toBe(true);
    });

    it('keeps a notification invisible for six consumer timeouts plus the batching window', () => {
      const notifySite = app.functionProperties('notify-site');
      const mapping = ofType('AWS::Lambda::EventSourceMapping')[0]?.[1].Properties ?? {};
      const visibility = propertiesOf(app.logicalId(stack.notifications.queue))['VisibilityTimeout'] as number;
      expect(visibility).toBeGreaterThanOrEqual(
        6 * (notifySite['Timeout'] as number) + (mapping['MaximumBatchingWindowInSeconds'] as number),
      );
    });

    it('synthesizes under the feature flags pinned in cdk.json', () => {
      expect(FeatureFlags.of(stack).isEnabled('@aws-cdk/aws-iam:minimizePolicies')).toBe(true);
      expect(stack.node.tryGetContext('@aws-cdk/core:target-partitions')).toEqual(['aws', 'aws-cn']);
    });
  });
});

describe('cdk.json', () => {
  it('pins exactly the recommended feature flags of the aws-cdk-lib version in the lockfile', () => {
    const lock = JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version: string }>;
    };
    const installed = JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'node_modules/aws-cdk-lib/package.json'), 'utf8')) as {
      version: string;
    };
    expect(installed.version).toBe(lock.packages['node_modules/aws-cdk-lib']?.version);
    const recommended = JSON.parse(
      readFileSync(join(REPOSITORY_ROOT, 'node_modules/aws-cdk-lib/recommended-feature-flags.json'), 'utf8'),
    ) as Record<string, unknown>;
    const cdkJson = JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
    expect(cdkJson.context).toEqual(recommended);
  });
});
