import { ENVIRONMENT } from '#composition/environment.js';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  FUNCTION_ACCESS,
  QUEUE_BATCHING_WINDOW,
  SIZING,
  consumerMaxConcurrency,
  functionNames,
  type FunctionAccess,
  type FunctionName,
} from './function-catalogue.js';
import { TrialMatchFunction } from './function-factory.js';
import { acknowledge } from './nag.js';
import { allowQueueSend, allowTableAccess } from './permissions.js';
import type { ApiKeys } from './api-keys.js';
import type { SiteWebhooks } from './site-webhooks.js';

export interface TrialMatchFunctionsProps {
  readonly key: kms.IKey;
  readonly table: dynamodb.ITable;
  readonly notificationQueue: sqs.IQueue;
  readonly siteWebhooks: SiteWebhooks;
  readonly apiKeys: ApiKeys;
  /** Failed asynchronous invocations of the scheduled function. */
  readonly scheduleDeadLetterQueue: sqs.IQueue;
  /** settings.reservedConcurrency: none unless the operator reserves some. */
  readonly reservedConcurrency: Readonly<Partial<Record<FunctionName, number>>>;
}

/**
 * All the Lambdas, each given exactly the access FUNCTION_ACCESS lists (permissions.ts spells out the actions)
 * and the environment its handler reads.
 */
export class TrialMatchFunctions extends Construct {
  private readonly byName = new Map<FunctionName, TrialMatchFunction>();

  constructor(scope: Construct, id: string, props: TrialMatchFunctionsProps) {
    super(scope, id);
    for (const name of functionNames()) {
      const access: FunctionAccess = FUNCTION_ACCESS[name];
      const fn = new TrialMatchFunction(this, name, {
        name,
        trigger: access.trigger,
        sizing: SIZING[access.trigger],
        reservedConcurrency: props.reservedConcurrency[name],
        key: props.key,
        ...(access.trigger === 'schedule' ? { deadLetterQueue: props.scheduleDeadLetterQueue } : {}),
      });
      this.grantTable(fn, access, props.table, props.key);
      this.grantQueue(fn, access, props.notificationQueue, props.key, props.reservedConcurrency[name]);
      if (access.apiKeySecret) {
        props.apiKeys.grantRead(fn.role);
        fn.addEnvironment(ENVIRONMENT.apiKeysSecretArn, props.apiKeys.secret.secretArn);
      }
      if (access.siteWebhookSecrets) {
        props.siteWebhooks.grantRead(fn.role);
        fn.addEnvironment(ENVIRONMENT.siteWebhooks, props.siteWebhooks.environmentValue);
      }
      if (access.trigger !== 'schedule') acknowledgeSynchronousInvocation(fn, access.trigger);
      this.byName.set(name, fn);
    }
  }

  /** Every function, by name. */
  all(): ReadonlyMap<FunctionName, TrialMatchFunction> {
    return this.byName;
  }

  get(name: FunctionName): TrialMatchFunction {
    const fn = this.byName.get(name);
    if (fn === undefined) throw new Error(`no function named ${name}`);
    return fn;
  }

  private grantTable(fn: TrialMatchFunction, access: FunctionAccess, table: dynamodb.ITable, key: kms.IKey): void {
    if (access.table === undefined) return;
    allowTableAccess(fn.role, table, key, access.table);
    fn.addEnvironment(ENVIRONMENT.tableName, table.tableName);
  }

  private grantQueue(
    fn: TrialMatchFunction,
    access: FunctionAccess,
    queue: sqs.IQueue,
    key: kms.IKey,
    reserved: number | undefined,
  ): void {
    if (access.queue === 'send') {
      allowQueueSend(fn.role, queue, key);
      fn.addEnvironment(ENVIRONMENT.queueUrl, queue.queueUrl);
    } else if (access.queue === 'consume') {
      fn.function.addEventSource(
        new SqsEventSource(queue, {
          batchSize: 10,
          maxBatchingWindow: QUEUE_BATCHING_WINDOW,
          // Only the failed messages of a batch are retried (the handler returns batchItemFailures).
          reportBatchItemFailures: true,
          // The consumer's ceiling (no reservation needed), and never above a reservation if there is one.
          maxConcurrency: consumerMaxConcurrency(reserved),
        }),
      );
      // (The event source grants the consume actions and kms:Decrypt on the queue's key.)
    }
  }
}

/**
 * A Lambda dead-letter queue catches failed ASYNCHRONOUS invocations. HTTP functions are invoked synchronously
 * (the caller gets the error), and the queue consumer's failures are redriven by SQS into the notification DLQ.
 */
function acknowledgeSynchronousInvocation(fn: TrialMatchFunction, trigger: 'http' | 'queue' | 'authorizer'): void {
  acknowledge(fn, {
    id: 'HIPAA.Security-LambdaDLQ',
    reason:
      trigger === 'authorizer'
        ? 'Invoked synchronously by API Gateway as a request authorizer: a failure refuses the request, so there is ' +
          'no asynchronous event that a function dead-letter queue could keep.'
        : trigger === 'http'
        ? 'Invoked synchronously by API Gateway: a failure is returned to the caller as a 5xx, so there is no ' +
          'asynchronous event that a function dead-letter queue could keep.'
        : 'Invoked by the SQS event source mapping: failed messages return to the notification queue and, after ' +
          'five receives, land in its encrypted dead-letter queue, which raises an alarm.',
  });
}
