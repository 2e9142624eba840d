import { fileURLToPath } from 'node:url';
import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FunctionName, FunctionSizing, Trigger } from './function-catalogue.js';
import { FUNCTION_HANDLER, functionCode } from './function-code.js';
import { ManagedPolicyRole } from './managed-policy-role.js';
import { COMMON_ENVIRONMENT } from '#infra/function-environment.js';
import { acknowledge } from './nag.js';
import { allowQueueSend } from './permissions.js';

export const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The runtime every function runs on; the bundles are compiled for it (infra/bundling.ts). */
export const LAMBDA_RUNTIME = lambda.Runtime.NODEJS_22_X;

/**
 * Function logs carry ids and outcomes, never patient data (house rule), so they are operational records: a year
 * covers an annual audit and incident look-back. The API access log (the who-called-what trail) keeps longer.
 */
export const FUNCTION_LOG_RETENTION = logs.RetentionDays.ONE_YEAR;

export interface TrialMatchFunctionProps {
  readonly name: FunctionName;
  readonly trigger: Trigger;
  readonly sizing: FunctionSizing;
  /** Reserved concurrency; none by default (settings.ts says why). */
  readonly reservedConcurrency?: number | undefined;
  readonly key: kms.IKey;
  /** Where failed asynchronous invocations go (only functions invoked asynchronously have one). */
  readonly deadLetterQueue?: sqs.IQueue;
}

/**
 * One Lambda of the service: functions/<name>/handler.ts bundled for Node.js 22 on arm64 (cheaper and faster per
 * ms than x86 for this I/O-bound code), X-Ray tracing, its own encrypted log group, and a role that starts with
 * nothing but writing to that log group.
 */
export class TrialMatchFunction extends Construct {
  readonly function: lambda.Function;
  readonly role: ManagedPolicyRole;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: TrialMatchFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: FUNCTION_LOG_RETENTION,
      encryptionKey: props.key,
      // Kept when the stack or the function goes, but not when the stack's first creation rolls back.
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });
    // Not the AWSLambdaBasicExecutionRole managed policy: that one may write to every log group of the account.
    this.role = new ManagedPolicyRole(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `trial-match ${props.name} function`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new lambda.Function(this, 'Function', {
      description: `trial-match ${props.name}`,
      code: functionCode(REPOSITORY_ROOT, props.name, LAMBDA_RUNTIME),
      handler: FUNCTION_HANDLER,
      runtime: LAMBDA_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.sizing.memorySize,
      timeout: props.sizing.timeout,
      ...(props.reservedConcurrency === undefined ? {} : { reservedConcurrentExecutions: props.reservedConcurrency }),
      tracing: lambda.Tracing.ACTIVE,
      logGroup: this.logGroup,
      // Lambda's own lines (START, END, REPORT with duration and memory) as JSON too, so one Logs Insights query
      // reads platform and application lines alike; the level filter drops DEBUG before it is ingested.
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: lambda.SystemLogLevel.INFO,
      role: this.role,
      environment: { ...COMMON_ENVIRONMENT },
      ...(props.deadLetterQueue === undefined ? {} : { deadLetterQueue: props.deadLetterQueue }),
    });
    // The permissions are a separate resource: the function (and its event sources, which AWS validates against
    // the role on creation) must not be created before they are attached.
    this.function.node.addDependency(this.role.policy);
    // Lambda adds sqs:SendMessage for its dead-letter queue; the queue is encrypted, so the data key too.
    if (props.deadLetterQueue !== undefined) allowQueueSend(this.role, props.deadLetterQueue, props.key);

    this.acknowledgeFunctionFindings();
    if (props.reservedConcurrency === undefined) acknowledgeUnreservedConcurrency(this, props.trigger);
  }

  addEnvironment(name: string, value: string): void {
    this.function.addEnvironment(name, value);
  }

  private acknowledgeFunctionFindings(): void {
    acknowledge(
      this,
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'Only the X-Ray tracing actions (xray:PutTraceSegments, xray:PutTelemetryRecords) are granted on "*": ' +
          'X-Ray has no resource-level permissions, and every data permission of this role names its resource.',
      },
      {
        id: 'AwsSolutions-L1',
        reason:
          'Pinned to nodejs22.x on purpose: the bundles are compiled for node22 (infra/bundling.ts) and tested on ' +
          'it, and the AWS SDK v3 supports it; moving to a newer runtime is a tested upgrade, not a silent default.',
      },
      {
        id: 'HIPAA.Security-LambdaInsideVPC',
        reason:
          'The function only calls AWS APIs (DynamoDB, SQS, Secrets Manager, X-Ray) over TLS with IAM-signed ' +
          'requests and the site webhook over HTTPS; it has no VPC resource to reach, and a VPC would add NAT ' +
          'egress without narrowing what the role may access.',
      },
    );
  }
}

/**
 * HIPAA.Security-LambdaConcurrency asks for reserved concurrency as a ceiling. A reservation also takes capacity
 * out of the account's pool, and Lambda keeps 100 executions unreserved, so in a new account (quota 10-50) any
 * reservation makes the function fail to create. The ceiling is set where the traffic enters instead.
 */
function acknowledgeUnreservedConcurrency(fn: TrialMatchFunction, trigger: Trigger): void {
  const ceiling: Record<Trigger, string> = {
    http:
      'Its ceiling is the HTTP API stage: every route has its own rate and burst limit (edge-limits.ts), which ' +
      'bounds its concurrency to the route rate times its latency.',
    queue:
      'Its ceiling is the SQS event source maximum concurrency (function-catalogue.ts), which stops the poller ' +
      'before Lambda would throttle it.',
    schedule:
      'It is invoked by one EventBridge schedule every 15 minutes with a 5-minute timeout, so sweeps do not overlap.',
    authorizer:
      'It is invoked by API Gateway only for the routes it guards, whose stage limits bound it, and API Gateway ' +
      'caches each decision per key for five minutes, so it runs far less often than those routes.',
  };
  acknowledge(fn, {
    id: 'HIPAA.Security-LambdaConcurrency',
    reason:
      `${ceiling[trigger]} A reservation would fail to create in accounts with a concurrency quota below 100 plus ` +
      'the reservations; -c reservedConcurrency adds one where the quota allows (RUNBOOK.md checks it first).',
  });
}

