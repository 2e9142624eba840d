/**
 * Injects the failures AWS really produces, at a configurable rate and from a seed, into the real clients: the
 * DynamoDB client (throttling, timeouts, 500s, and a write that succeeds but whose reply is lost) and the queue
 * publisher (a timeout before sending, or after the message went out). Injected outside the SDK's own retries,
 * so the service's handling is what gets tested.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { NotificationPublisher } from '../../shared/ports/notifications.js';

export type DynamoFault = 'throttling' | 'timeout' | 'server-error' | 'reply-lost';
export type QueueFault = 'timeout-before-send' | 'timeout-after-send';

/** mulberry32: small, seedable, good enough to pick faults reproducibly. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function sdkError(fault: DynamoFault | QueueFault): Error {
  switch (fault) {
    case 'throttling':
      return Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), {
        name: 'ThrottlingException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
        $retryable: { throttling: true },
      });
    case 'server-error':
      return Object.assign(new Error('Internal server error'), { name: 'InternalServerError', $fault: 'server', $metadata: { httpStatusCode: 500 } });
    default:
      return Object.assign(new Error('socket timed out'), { name: 'TimeoutError', $metadata: {} });
  }
}

export class FaultInjector {
  enabled = false;
  readonly injected = new Map<string, number>();
  private readonly random: () => number;

  constructor(
    readonly seed: number,
    readonly rate: number,
  ) {
    this.random = prng(seed);
  }

  private pick<F extends string>(faults: readonly F[]): F | undefined {
    if (!this.enabled || this.random() >= this.rate) return undefined;
    const fault = faults[Math.floor(this.random() * faults.length)] as F;
    this.injected.set(fault, (this.injected.get(fault) ?? 0) + 1);
    return fault;
  }

  /** Adds the fault middleware to a DynamoDB client, before (outside) its retry loop. */
  instrumentDynamoDb(client: DynamoDBClient): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const writes = /Put|Update|Delete|Write/.test(context.commandName ?? '');
        const fault = this.pick<DynamoFault>(writes ? ['throttling', 'timeout', 'server-error', 'reply-lost'] : ['throttling', 'timeout', 'server-error']);
        if (fault === undefined) return next(args);
        if (fault === 'reply-lost') {
          await next(args);
          throw sdkError('timeout');
        }
        throw sdkError(fault);
      },
      { step: 'initialize', name: 'faultInjector', priority: 'high' },
    );
  }

  wrapPublisher(publisher: NotificationPublisher): NotificationPublisher {
    return {
      publish: async (notifications) => {
        const fault = this.pick<QueueFault>(['timeout-before-send', 'timeout-after-send']);
        if (fault === 'timeout-before-send') throw sdkError(fault);
        await publisher.publish(notifications);
        if (fault === 'timeout-after-send') throw sdkError(fault);
      },
    };
  }
}
