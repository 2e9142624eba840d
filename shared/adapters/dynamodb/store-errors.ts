/**
 * Which DynamoDB failures are worth retrying later (throttling, server errors, timeouts, dropped connections), as
 * opposed to ones that will fail the same way again (validation, a lost conditional write, a missing table). The SDK
 * has already retried each call a few times; this tells a use case whether to give the work back to its queue or
 * schedule, or to fail it.
 */

/** DynamoDB's transient failures: the one classifier every AWS call shares. */
export { isTransientAwsError as isRetryableStoreError } from '../aws-errors.js';

/** A conditional write whose condition did not hold. */
export const isConditionalCheckFailed = (error: unknown): boolean =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';
