/**
 * Which failures of an AWS call (DynamoDB, SQS, Secrets Manager) are worth retrying later — throttling, server
 * errors, timeouts, dropped connections — as opposed to ones that will fail the same way again (validation, a lost
 * conditional write, a missing table). The SDK has already retried each call a few times; this tells the edge to
 * answer 503 (retry) rather than 500, and a use case to give work back to its queue or schedule. One list, for all.
 */

const RETRYABLE_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'Throttling',
  'RequestLimitExceeded',
  'LimitExceededException',
  'InternalServerError',
  'InternalFailure',
  'ServiceUnavailable',
  'TransactionConflictException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  // A call abandoned by its own timeout (AbortSignal.timeout) or by a dropped connection.
  'AbortError',
  'ECONNRESET',
  'ECONNREFUSED',
]);

const RETRYABLE_NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND']);

export function isTransientAwsError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as {
    name?: unknown;
    code?: unknown;
    $retryable?: unknown;
    $metadata?: { httpStatusCode?: unknown };
  };
  if (candidate.$retryable) return true;
  if (typeof candidate.name === 'string' && RETRYABLE_NAMES.has(candidate.name)) return true;
  if (typeof candidate.code === 'string' && RETRYABLE_NETWORK_CODES.has(candidate.code)) return true;
  const status = candidate.$metadata?.httpStatusCode;
  return typeof status === 'number' && (status >= 500 || status === 429);
}
