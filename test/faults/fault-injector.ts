/**
 * Injects the failures AWS really produces into the local stack's real clients, at a configurable rate:
 * DynamoDB throttling (ThrottlingException, ProvisionedThroughputExceededException), a timeout, a 500, and the one
 * that matters most, a write that went through but whose reply was lost; and, on the queue publisher, a timeout
 * before sending or after the message went out.
 *
 * Reproducible: whether a call fails, and how, is drawn from a PRNG seeded by (seed, what the call addresses, how
 * many times that was called before), not from one shared stream, so the concurrent interleaving of requests does
 * not change which calls fail. The middleware sits outside the SDK's own retry loop (`initialize` step), so an
 * injected fault is what the service sees after the SDK gave up: its handling is what gets tested.
 */
import {
  InternalServerError,
  ProvisionedThroughputExceededException,
  ThrottlingException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { NotificationPublisher } from '#ports/notifications.js';
import type { CandidateNotification } from '#referral/notification.js';

export const DYNAMO_FAULTS = ['throttling', 'provisioned-throughput', 'timeout', 'server-error', 'reply-lost'] as const;
export const QUEUE_FAULTS = ['timeout-before-send', 'timeout-after-send'] as const;
export type DynamoFault = (typeof DYNAMO_FAULTS)[number];
export type QueueFault = (typeof QUEUE_FAULTS)[number];
export type Fault = DynamoFault | QueueFault;

/** Faults that can only hit a read: a lost reply to a read is just a timeout. */
const READ_FAULTS: readonly DynamoFault[] = DYNAMO_FAULTS.filter((fault) => fault !== 'reply-lost');
const WRITE_COMMANDS = /^(PutItem|UpdateItem|DeleteItem|BatchWriteItem|TransactWriteItems)Command$/;

/** FNV-1a, 32 bits: turns the seed and a call's identity into a PRNG seed. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, seedable, uniform enough to pick faults. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** `{ S: 'x' }` (marshalled) or `'x'` (document client input, before marshalling): the string either way. */
function attributeText(value: unknown): string {
  if (typeof value === 'object' && value !== null) {
    const attribute = value as { S?: unknown; N?: unknown };
    return String(attribute.S ?? attribute.N ?? JSON.stringify(value));
  }
  return String(value);
}

/**
 * What a DynamoDB call addresses, stable across runs: the command, the item's key (never its contents, which
 * carry timestamps), the index and the key condition's values. The expected revision of a conditional put is part
 * of it, so the retry of a write that lost its reply is a different call from the first attempt.
 */
function dynamoCallIdentity(commandName: string, input: unknown): string {
  const i = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const item = (i['Item'] ?? {}) as Record<string, unknown>;
  const key = (i['Key'] ?? {}) as Record<string, unknown>;
  const values = (i['ExpressionAttributeValues'] ?? {}) as Record<string, unknown>;
  const parts = [
    commandName,
    String(i['IndexName'] ?? ''),
    attributeText(key['pk'] ?? item['pk'] ?? ''),
    attributeText(key['sk'] ?? item['sk'] ?? ''),
    ...Object.keys(values)
      .sort()
      .map((name) => `${name}=${attributeText(values[name])}`),
    JSON.stringify(i['ExclusiveStartKey'] ?? null),
  ];
  return parts.join('|');
}

/** The error the SDK surfaces for each fault, with the fields its retry logic and our handlers read. */
function dynamoError(fault: Exclude<DynamoFault, 'reply-lost'>, requestId: string): Error {
  const $metadata = { requestId, attempts: 3, totalRetryDelay: 0 };
  switch (fault) {
    case 'throttling':
      // As a service whose model marks throttling retryable: the SDK sets $retryable from the trait.
      return Object.assign(
        new ThrottlingException({ message: 'Rate of requests exceeds the allowed throughput.', $metadata: { ...$metadata, httpStatusCode: 400 } }),
        { $retryable: { throttling: true } },
      );
    case 'provisioned-throughput':
      // DynamoDB's own model has no retryable trait: the SDK (and we) must recognise it by name.
      return new ProvisionedThroughputExceededException({
        message: 'The level of configured provisioned throughput for the table was exceeded.',
        $metadata: { ...$metadata, httpStatusCode: 400 },
      });
    case 'server-error':
      return new InternalServerError({ message: 'Internal server error', $metadata: { ...$metadata, httpStatusCode: 500 } });
    case 'timeout':
      return timeoutError(requestId);
  }
}

/** What @smithy/node-http-handler throws when the socket times out (no HTTP status: no reply was read). */
function timeoutError(requestId: string): Error {
  return Object.assign(new Error('the request socket timed out (injected)'), {
    name: 'TimeoutError',
    $metadata: { requestId, attempts: 3, totalRetryDelay: 0 },
  });
}

/** One scripted fault: the next call of `command` (e.g. `PutItemCommand`) fails with `fault`. */
export interface ScriptedFault {
  readonly command: string;
  readonly fault: DynamoFault;
}

export interface FaultInjectorOptions {
  readonly seed: number;
  /** Probability that one call fails, 0 to 1. */
  readonly rate: number;
}

export class FaultInjector {
  /** Off until the scenario turns it on: the table is created and the tokens minted without faults. */
  enabled = false;
  readonly seed: number;
  readonly rate: number;
  private readonly occurrences = new Map<string, number>();
  private readonly counts = new Map<Fault, number>();
  private calls = 0;
  private readonly scripted: ScriptedFault[] = [];

  constructor(options: FaultInjectorOptions) {
    if (!(options.rate >= 0 && options.rate <= 1)) throw new RangeError('rate must be between 0 and 1');
    this.seed = options.seed;
    this.rate = options.rate;
  }

  /** Faults injected so far, by kind (zero for kinds never drawn). */
  injected(): Record<Fault, number> {
    const all = [...DYNAMO_FAULTS, ...QUEUE_FAULTS];
    return Object.fromEntries(all.map((fault) => [fault, this.counts.get(fault) ?? 0])) as Record<Fault, number>;
  }

  /** Calls seen while enabled. */
  callsSeen(): number {
    return this.calls;
  }

  /**
   * Fails the next DynamoDB calls in this order, whether or not random faults are enabled: a call whose command is
   * the next step's consumes that step, other calls go through. For tests of one precise failure.
   */
  script(steps: readonly ScriptedFault[]): void {
    this.scripted.push(...steps);
  }

  /** Scripted steps not consumed yet. */
  pendingScript(): readonly ScriptedFault[] {
    return [...this.scripted];
  }

  /** Decides the fate of one call from (seed, identity, occurrence): undefined lets it through. */
  private draw<F extends Fault>(identity: string, faults: readonly F[]): { fault: F; requestId: string } | undefined {
    if (!this.enabled) return undefined;
    this.calls++;
    const occurrence = (this.occurrences.get(identity) ?? 0) + 1;
    this.occurrences.set(identity, occurrence);
    const random = mulberry32(hash32(`${this.seed}#${occurrence}#${identity}`));
    if (random() >= this.rate) return undefined;
    const fault = faults[Math.floor(random() * faults.length)] as F;
    this.counts.set(fault, (this.counts.get(fault) ?? 0) + 1);
    return { fault, requestId: `injected-${hash32(`${identity}#${occurrence}`).toString(16)}` };
  }

  /** Adds the fault middleware to a DynamoDB client (the `instrumentDynamoDb` hook of the local stack). */
  instrumentDynamoDb(client: DynamoDBClient): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const commandName = context.commandName ?? 'unknown';
        const write = WRITE_COMMANDS.test(commandName);
        const step = this.scripted[0]?.command === commandName ? this.scripted.shift() : undefined;
        const drawn = step
          ? { fault: step.fault, requestId: `scripted-${commandName}` }
          : this.draw<DynamoFault>(dynamoCallIdentity(commandName, args.input), write ? DYNAMO_FAULTS : READ_FAULTS);
        if (drawn === undefined) return next(args);
        if (drawn.fault === 'reply-lost') {
          // The write reaches the table; the caller never learns it did.
          await next(args);
          throw timeoutError(drawn.requestId);
        }
        throw dynamoError(drawn.fault, drawn.requestId);
      },
      { step: 'initialize', priority: 'high', name: 'injectedFaults' },
    );
  }

  /** Wraps the queue publisher (the `wrapPublisher` hook of the local stack). */
  wrapPublisher(publisher: NotificationPublisher): NotificationPublisher {
    const identity = (notifications: readonly CandidateNotification[]) =>
      `publish|${notifications.map((n) => `${n.referralId}:${n.seq}`).join(',')}`;
    return {
      publish: async (notifications) => {
        const drawn = this.draw<QueueFault>(identity(notifications), QUEUE_FAULTS);
        if (drawn?.fault === 'timeout-before-send') throw timeoutError(drawn.requestId);
        await publisher.publish(notifications);
        if (drawn?.fault === 'timeout-after-send') throw timeoutError(drawn.requestId);
      },
    };
  }

  /** One line for the test's output. */
  describe(): string {
    const parts = Object.entries(this.injected()).map(([fault, count]) => `${fault} ${count}`);
    return `${this.calls} calls under faults, injected: ${parts.join(', ')}`;
  }
}
