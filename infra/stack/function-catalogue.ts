/**
 * Every Lambda, what triggers it and what it may touch: the least-privilege matrix of the deployment, in one place
 * a reviewer can read. The names come from the route table and BACKGROUND_HANDLERS; `satisfies` makes the build
 * fail when a handler is added there and not here.
 */
import { Duration } from 'aws-cdk-lib';
import type { IndexName } from '../../shared/adapters/dynamodb/table-design.js';
import {
  BACKGROUND_HANDLERS,
  ROUTES,
  type BackgroundHandlerName,
  type HttpHandlerName,
} from '../../shared/http/routes.js';
import { KEY_FAMILIES, type KeyFamily } from './key-families.js';

export type FunctionName = HttpHandlerName | BackgroundHandlerName;

export type Trigger = 'http' | 'schedule' | 'queue';

/** The single-item actions the store uses. No Scan, no batch actions: every access has a key or an index. */
export type ItemAction = 'GetItem' | 'PutItem' | 'UpdateItem' | 'DeleteItem';

/**
 * What a function does to the table: which item actions on which key families (KEY_FAMILIES, enforced with
 * `dynamodb:LeadingKeys`), which indexes it reads items from (by index ARN; each index projects whole referrals), and
 * which it only counts in (Query with `dynamodb:Select` = COUNT: the number, never an item). Written by hand,
 * reviewed here, and compared both ways with what the function really does on the local stack
 * (test/infra/data-access.test.ts): a missing grant would fail in production, an extra one is a needless risk.
 */
export interface TableAccess {
  readonly items: Readonly<Partial<Record<ItemAction, readonly KeyFamily[]>>>;
  readonly queries: readonly IndexName[];
  readonly counts?: readonly IndexName[];
}

/** `send`: publishes candidate notifications. `consume`: the queue's only consumer. */
export type QueueAccess = 'none' | 'send' | 'consume';

export interface FunctionAccess {
  readonly trigger: Trigger;
  /** Absent: the function never touches the table (and gets no TABLE_NAME). */
  readonly table?: TableAccess;
  readonly queue: QueueAccess;
  /** Reads the sites' webhook HMAC secrets. */
  readonly siteWebhookSecrets: boolean;
}

const { referral, reply, trial } = KEY_FAMILIES;

const http = (table: TableAccess | undefined, queue: QueueAccess = 'none'): FunctionAccess => ({
  trigger: 'http',
  ...(table === undefined ? {} : { table }),
  queue,
  siteWebhookSecrets: false,
});

export const FUNCTION_ACCESS = {
  // Stores the referral and its idempotent reply; reads the trial's recruitment (switch and on-study count); reads
  // the referral back when a retried submission finds its id taken (its reply was lost).
  'submit-referral': http(
    { items: { GetItem: [referral, reply, trial], PutItem: [referral, reply] }, queries: [], counts: ['bySite'] },
    'send',
  ),
  'list-referrals': http({ items: {}, queries: ['byPhysician'] }),
  'get-referral': http({ items: { GetItem: [referral] }, queries: [] }),
  'update-referral': http(
    { items: { GetItem: [referral, trial], PutItem: [referral] }, queries: [], counts: ['bySite'] },
    'send',
  ),
  'withdraw-referral': http({ items: { GetItem: [referral], PutItem: [referral] }, queries: [] }),
  // The public reader of the trial's criteria and recruitment: the trial's own items, and a count, never a referral.
  'get-trial': http({ items: { GetItem: [trial] }, queries: [], counts: ['bySite'] }),
  'update-trial': http({ items: { GetItem: [trial], PutItem: [trial] }, queries: [], counts: ['bySite'] }),
  'list-candidates': http({ items: {}, queries: ['bySite'] }),
  'update-candidate': http({ items: { GetItem: [referral], PutItem: [referral] }, queries: [], counts: ['bySite'] }),
  // Serves a document built into the bundle: nothing to read, nothing to write.
  'get-openapi': http(undefined),
  rescreen: {
    trigger: 'schedule',
    // Reads whole referrals from the due and outbox indexes (no GetItem), writes them back.
    table: { items: { GetItem: [trial], PutItem: [referral] }, queries: ['byReview', 'outbox'], counts: ['bySite'] },
    queue: 'send',
    siteWebhookSecrets: false,
  },
  'notify-site': {
    trigger: 'queue',
    table: { items: { GetItem: [referral], PutItem: [referral] }, queries: [] },
    queue: 'consume',
    siteWebhookSecrets: true,
  },
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
