/**
 * Every Lambda, what triggers it and what it may touch: the least-privilege matrix of the deployment, in one place
 * a reviewer can read. The names come from the route table and BACKGROUND_HANDLERS; `satisfies` makes the build
 * fail when a handler is added there and not here.
 */
import { Duration } from 'aws-cdk-lib';
import type { IndexName } from '#adapters/dynamodb/table-design.js';
import {
  AUTHORIZER_HANDLERS,
  BACKGROUND_HANDLERS,
  ROUTES,
  type AuthorizerHandlerName,
  type BackgroundHandlerName,
  type HttpHandlerName,
} from '#http/routes.js';
import { KEY_FAMILIES, type KeyFamily } from './key-families.js';

export type FunctionName = HttpHandlerName | BackgroundHandlerName | AuthorizerHandlerName;

export type Trigger = 'http' | 'schedule' | 'queue' | 'authorizer';

/**
 * The actions the store takes on the table itself: single items, and Query within one partition (a key family's
 * items, e.g. a site's audit trail). No Scan, no batch actions: every access has a key or an index.
 */
export type ItemAction = 'GetItem' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'Query';

/**
 * What a function does to the table: which actions on which key families (KEY_FAMILIES, enforced with
 * `dynamodb:LeadingKeys`), and which indexes it queries (by index ARN; most project whole referrals, bySite only
 * the inbox listing: table-design.ts). Written by hand, reviewed here, and compared both ways with what the
 * function really does on the local stack (test/infra/data-access.test.ts): a missing grant would fail in
 * production, an extra one is a needless risk.
 */
export interface TableAccess {
  readonly items: Readonly<Partial<Record<ItemAction, readonly KeyFamily[]>>>;
  readonly queries: readonly IndexName[];
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
  /** Reads the issued API keys of the FHIR matching clients. */
  readonly apiKeySecret?: boolean;
}

const { referral, trial, audit } = KEY_FAMILIES;

const http = (table: TableAccess | undefined, queue: QueueAccess = 'none'): FunctionAccess => ({
  trigger: 'http',
  ...(table === undefined ? {} : { table }),
  queue,
  siteWebhookSecrets: false,
});

export const FUNCTION_ACCESS = {
  // Stores the referral with its first reply and records the change; reads the trial's recruitment and ledger (one
  // Query of the trial's partition); reads the referral back when a retried submission finds its id taken.
  'submit-referral': http({ items: { GetItem: [referral], PutItem: [referral, audit], Query: [trial] }, queries: [] }, 'send'),
  // Every read of patient data first appends to the site's audit trail (AUDIT# items, no clinical values).
  'list-referrals': http({ items: { PutItem: [audit] }, queries: ['byPhysicianListing'] }),
  'get-referral': http({ items: { GetItem: [referral], PutItem: [audit] }, queries: [] }),
  'update-referral': http({ items: { GetItem: [referral], PutItem: [referral, audit], Query: [trial] }, queries: [] }, 'send'),
  // A patient on study who withdraws gives the place back to the trial's ledger (UpdateItem on TRIAL#).
  'withdraw-referral': http({ items: { GetItem: [referral], PutItem: [referral, audit], UpdateItem: [trial] }, queries: [] }),
  // The public reader of the trial's criteria and recruitment: the trial's own items (switch, ledger), no referral.
  'get-trial': http({ items: { Query: [trial] }, queries: [] }),
  // Stateless FHIR matching (getClinicalTrial, $match): reads the recruitment state as get-trial does; stores and
  // sends nothing.
  'match-trial': http({ items: { Query: [trial] }, queries: [] }),
  'update-trial': http({ items: { PutItem: [trial], Query: [trial] }, queries: [] }),
  'list-candidates': http({ items: { PutItem: [audit] }, queries: ['bySite'] }),
  'get-candidate': http({ items: { GetItem: [referral], PutItem: [audit] }, queries: [] }),
  // Putting a patient on study claims a place in the ledger by a conditional UpdateItem on TRIAL#.
  'update-candidate': http({ items: { GetItem: [referral], PutItem: [referral, audit], UpdateItem: [trial] }, queries: [] }),
  // Reads the audit trail (a Query within the site's AUDIT# partition), which holds no patient data.
  'list-audit': http({ items: { Query: [audit] }, queries: [] }),
  // Serves a document built into the bundle: nothing to read, nothing to write.
  'get-openapi': http(undefined),
  rescreen: {
    trigger: 'schedule',
    // Rescreens what the due index holds; reconciles the ledger with the on-study candidates (bySite), reading each
    // referral consistently before giving back or recording a place; sweeps the outbox (pendingNotifications, keys and
    // trial only), reading each pending referral consistently (GetItem) before publishing it.
    table: {
      items: { GetItem: [referral, trial], PutItem: [referral], UpdateItem: [trial], Query: [trial] },
      queries: ['byReview', 'pendingNotifications', 'bySite'],
    },
    queue: 'send',
    siteWebhookSecrets: false,
  },
  'notify-site': {
    trigger: 'queue',
    table: { items: { GetItem: [referral], PutItem: [referral] }, queries: [] },
    queue: 'consume',
    siteWebhookSecrets: true,
  },
  // Checks x-api-key on the FHIR matching routes: the issued keys, and nothing else.
  'api-key-authorizer': { trigger: 'authorizer', queue: 'none', siteWebhookSecrets: false, apiKeySecret: true },
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
  // A digest comparison and, every five minutes, one GetSecretValue: small and quick. API Gateway caches each
  // decision for five minutes, so it runs far less often than the routes it guards.
  authorizer: { memorySize: 256, timeout: Duration.seconds(5) },
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
  // A handler may serve several routes (GET and HEAD; match-trial: getClinicalTrial and $match): one function each.
  return [...new Set<FunctionName>([...ROUTES.map((route) => route.handler), ...BACKGROUND_HANDLERS, ...AUTHORIZER_HANDLERS])];
}
