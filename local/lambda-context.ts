/**
 * The Lambda `Context` the local runtime hands each invocation: the fields the handlers and Powertools read
 * (function name, request id, remaining time), with values shaped like the real ones.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

export const LOCAL_REGION = 'local';
export const LOCAL_ACCOUNT_ID = '000000000000';
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MEMORY_MB = 1024;

export interface LambdaContextOptions {
  readonly functionName: string;
  /** The invocation's id; a new UUID when absent. */
  readonly awsRequestId?: string;
  /** The function's configured timeout: `getRemainingTimeInMillis` counts down from it. */
  readonly timeoutMs?: number;
  readonly memoryLimitInMB?: number;
  /** Milliseconds now; injectable so a test can watch the remaining time fall. */
  readonly now?: () => number;
}

function callbackStyle(): never {
  throw new Error('the local runtime runs async handlers: return a value or throw instead of done/fail/succeed');
}

export function createLambdaContext(options: LambdaContextOptions): Context {
  const now = options.now ?? Date.now;
  const deadline = now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const { functionName } = options;
  const day = new Date(now()).toISOString().slice(0, 10).replaceAll('-', '/');
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:function:${functionName}`,
    memoryLimitInMB: String(options.memoryLimitInMB ?? DEFAULT_MEMORY_MB),
    awsRequestId: options.awsRequestId ?? randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `${day}/[$LATEST]${randomUUID().replaceAll('-', '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - now()),
    done: callbackStyle,
    fail: callbackStyle,
    succeed: callbackStyle,
  };
}
