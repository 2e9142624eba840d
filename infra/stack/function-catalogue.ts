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
/**
 * `read`: GetItem/Query only. `read-audit`: that, and appending to the audit trail (PutItem on `AUDIT#` keys only):
 * every read of patient data is recorded. `read-write`: also Put/Update (conditional writes, the outbox).
 */
export type TableAccess = 'none' | 'read' | 'read-audit' | 'read-write';
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
  'list-referrals': http('read-audit'),
  'get-referral': http('read-audit'),
  'update-referral': http('read-write', 'send'),
  'withdraw-referral': http('read-write'),
  'get-trial': http('read'),
  'update-trial': http('read-write'),
  'list-candidates': http('read-audit'),
  'get-candidate': http('read-audit'),
  'update-candidate': http('read-write'),
  // Reads the audit trail, which holds no patient data: reading it is not itself recorded.
  'list-audit': http('read'),
  // Serves a document built into the bundle: nothing to read, nothing to write.
  'get-openapi': http('none'),
  rescreen: { trigger: 'schedule', table: 'read-write', queue: 'send', siteWebhookSecrets: false },
  'notify-site': { trigger: 'queue', table: 'read-write', queue: 'consume', siteWebhookSecrets: true },
} as const satisfies Record<FunctionName, FunctionAccess>;

export interface FunctionSizing {
  readonly memorySize: number;
  readonly timeout: Duration;
  /**
   * Reserved concurrency is a ceiling as much as a reservation (HIPAA pack: LambdaConcurrency): a runaway client
   * or loop cannot starve the other functions, nor run up the table's and KMS's request bill.
   */
  readonly reservedConcurrency: number;
}

export const SIZING: Readonly<Record<Trigger, FunctionSizing>> = {
  // 512 MB buys the CPU share that keeps cold starts of a bundled SDK client short; a request does one or two
  // table calls, so 10 s is generous and still well under API Gateway's 30 s limit. Ten concurrent requests per
  // route is far above what one trial's referring physicians send (target enrollment: 24 patients).
  http: { memorySize: 512, timeout: Duration.seconds(10), reservedConcurrency: 10 },
  // One sweep at a time: overlapping sweeps would only contend for the same items. Five minutes leaves ten
  // minutes of slack before the next 15-minute tick.
  schedule: { memorySize: 512, timeout: Duration.minutes(5), reservedConcurrency: 1 },
  // The site's webhook is one hospital endpoint: a few parallel deliveries at most. 30 s covers the webhook
  // call's own timeout and a retry.
  queue: { memorySize: 512, timeout: Duration.seconds(30), reservedConcurrency: 5 },
};

export function functionNames(): readonly FunctionName[] {
  // A handler serves several routes (GET and HEAD): one function each.
  return [...new Set<FunctionName>([...ROUTES.map((route) => route.handler), ...BACKGROUND_HANDLERS])];
}
