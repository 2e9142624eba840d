/**
 * Every Lambda, what triggers it and what it may touch: the least-privilege matrix of the deployment, in one place
 * a reviewer can read. The names come from the route table and BACKGROUND_HANDLERS; `satisfies` makes the build
 * fail when a handler is added there and not here.
 */
import { Duration } from 'aws-cdk-lib';
import {
  BACKGROUND_HANDLERS,
  ROUTES,
  type BackgroundHandlerName,
  type HttpHandlerName,
} from '../../shared/http/routes.js';

export type FunctionName = HttpHandlerName | BackgroundHandlerName;

export type Trigger = 'http' | 'schedule' | 'queue';
/** `read`: GetItem/Query only. `read-write`: also Put/Update/Delete (conditional writes, the outbox). */
export type TableAccess = 'none' | 'read' | 'read-write';
/** `send`: publishes candidate notifications. `consume`: the queue's only consumer. */
export type QueueAccess = 'none' | 'send' | 'consume';

export interface FunctionAccess {
  readonly trigger: Trigger;
  readonly table: TableAccess;
  readonly queue: QueueAccess;
  /** Reads the sites' webhook HMAC secrets. */
  readonly siteWebhookSecrets: boolean;
}

const http = (table: TableAccess, queue: QueueAccess = 'none'): FunctionAccess => ({
  trigger: 'http',
  table,
  queue,
  siteWebhookSecrets: false,
});

export const FUNCTION_ACCESS = {
  'submit-referral': http('read-write', 'send'),
  'list-referrals': http('read'),
  'get-referral': http('read'),
  'update-referral': http('read-write', 'send'),
  'withdraw-referral': http('read-write'),
  'get-trial': http('read'),
  'update-trial': http('read-write'),
  'list-candidates': http('read'),
  'update-candidate': http('read-write'),
  // Serves a document built into the bundle: nothing to read, nothing to write.
  'get-openapi': http('none'),
  rescreen: { trigger: 'schedule', table: 'read-write', queue: 'send', siteWebhookSecrets: false },
  'notify-site': { trigger: 'queue', table: 'read-write', queue: 'consume', siteWebhookSecrets: true },
} as const satisfies Record<FunctionName, FunctionAccess>;

export interface FunctionSizing {
  readonly memorySize: number;
  readonly timeout: Duration;
}

export const SIZING: Readonly<Record<Trigger, FunctionSizing>> = {
  // 512 MB buys the CPU share that keeps cold starts of a bundled SDK client short; a request does one or two
  // table calls, so 10 s is generous and still well under API Gateway's 30 s limit.
  http: { memorySize: 512, timeout: Duration.seconds(10) },
  // Five minutes leaves ten minutes of slack before the next 15-minute tick, so sweeps do not overlap.
  schedule: { memorySize: 512, timeout: Duration.minutes(5) },
  // 30 s covers the webhook call's own timeout and a retry.
  queue: { memorySize: 512, timeout: Duration.seconds(30) },
};

/**
 * The queue consumer's ceiling, set on its SQS event source rather than by reserving concurrency: the site's webhook
 * is one hospital endpoint, a few parallel deliveries at most.
 */
export const QUEUE_CONSUMER_MAX_CONCURRENCY = 5;
/** A candidate notification should reach the site within seconds, not wait for a fuller batch. */
export const QUEUE_BATCHING_WINDOW = Duration.seconds(1);

/**
 * The event source's ceiling under a reservation: never above it, or the poller is throttled and throttled batches
 * come back as receives (five of them, and a notification is in the dead-letter queue).
 */
export function consumerMaxConcurrency(reserved: number | undefined): number {
  return reserved === undefined ? QUEUE_CONSUMER_MAX_CONCURRENCY : Math.min(QUEUE_CONSUMER_MAX_CONCURRENCY, reserved);
}

export function functionNames(): readonly FunctionName[] {
  return [...ROUTES.map((route) => route.handler), ...BACKGROUND_HANDLERS];
}
