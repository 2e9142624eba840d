/**
 * The local stand-in for the SQS queue between screening and the notify-site consumer, with the semantics the
 * consumer is written against: at-least-once delivery in batches, a receipt per receive, a failed item (reported in
 * batchItemFailures, or the whole batch when the handler throws) hidden for the visibility timeout and then
 * delivered again, and a dead-letter list after `maxReceiveCount` receives.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { NotificationPublisher } from '#ports/notifications.js';
import type { CandidateNotification } from '#referral/notification.js';
import { createLambdaContext, LOCAL_ACCOUNT_ID, LOCAL_REGION } from './lambda-context.js';
import { consoleLog, errorAttributes, type LocalLog } from './local-log.js';

/** An SQS-triggered Lambda handler with partial batch responses (ReportBatchItemFailures). */
export type SqsLambda = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

export interface InProcessQueueOptions {
  readonly queueName?: string;
  /** The consumer's name, for its Lambda context. */
  readonly functionName?: string;
  readonly batchSize?: number;
  /** How long a received message stays hidden; 0 makes a failed message visible again at once (tests). */
  readonly visibilityTimeoutMs?: number;
  readonly maxReceiveCount?: number;
  /** How often the background loop looks for messages when the queue was empty. */
  readonly pollIntervalMs?: number;
  /** Milliseconds now; inject a controllable clock to make invisibility elapse in tests. */
  readonly now?: () => number;
  readonly logger?: LocalLog;
}

export interface QueueStats {
  readonly sent: number;
  /** Receives, counting every redelivery. */
  readonly received: number;
  readonly deleted: number;
  readonly deadLettered: number;
  /** Received and neither deleted nor visible again yet. */
  readonly inFlight: number;
  /** Waiting to be received now. */
  readonly visible: number;
}

export interface DeadLetter {
  readonly messageId: string;
  readonly body: string;
  readonly receiveCount: number;
  readonly deadLetteredAt: number;
}

export interface DrainReport {
  readonly rounds: number;
  /** Messages handed to the handler, counting redeliveries. */
  readonly delivered: number;
  /** Messages still hidden by their visibility timeout when the queue ran dry. */
  readonly stillInvisible: number;
}

export const DEFAULT_BATCH_SIZE = 10;
export const DEFAULT_VISIBILITY_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RECEIVE_COUNT = 5;
export const DEFAULT_POLL_INTERVAL_MS = 100;
const RECENTLY_DELETED_KEPT = 100;

interface StoredMessage {
  readonly messageId: string;
  readonly body: string;
  readonly md5OfBody: string;
  readonly messageAttributes: SQSRecord['messageAttributes'];
  readonly sentTimestamp: number;
  firstReceiveTimestamp?: number;
  receiveCount: number;
  visibleAt: number;
  receiptHandle?: string;
}

/** The queue is empty of visible work after this many rounds only if something keeps failing or re-publishing. */
export class QueueNotDrainedError extends Error {
  constructor(readonly rounds: number) {
    super(`the queue still had visible messages after ${rounds} rounds`);
    this.name = 'QueueNotDrainedError';
  }
}

export class InProcessQueue implements NotificationPublisher {
  readonly queueName: string;
  readonly queueArn: string;
  private readonly functionName: string;
  private readonly batchSize: number;
  private readonly visibilityTimeoutMs: number;
  private readonly maxReceiveCount: number;
  private readonly pollIntervalMs: number;
  private readonly now: () => number;
  private readonly log: LocalLog;

  /** In send order; SQS standard queues only roughly keep it, and the consumer must not rely on it. */
  private messages: StoredMessage[] = [];
  private readonly deadLetterList: DeadLetter[] = [];
  private readonly recentlyDeleted: StoredMessage[] = [];
  private counts = { sent: 0, received: 0, deleted: 0, deadLettered: 0 };

  /** Batches run one at a time: the background loop and drain() queue up behind each other. */
  private turn: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly handler: SqsLambda,
    options: InProcessQueueOptions = {},
  ) {
    this.queueName = options.queueName ?? 'trial-match-notifications';
    this.queueArn = `arn:aws:sqs:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:${this.queueName}`;
    this.functionName = options.functionName ?? 'notify-site';
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.visibilityTimeoutMs = options.visibilityTimeoutMs ?? DEFAULT_VISIBILITY_TIMEOUT_MS;
    this.maxReceiveCount = options.maxReceiveCount ?? DEFAULT_MAX_RECEIVE_COUNT;
    this.pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    this.now = options.now ?? Date.now;
    this.log = options.logger ?? consoleLog;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1 || this.batchSize > 10_000) {
      throw new RangeError('batchSize must be an integer from 1 to 10000');
    }
    if (!Number.isInteger(this.maxReceiveCount) || this.maxReceiveCount < 1) throw new RangeError('maxReceiveCount must be at least 1');
  }

  /** The producer side, as the SQS publisher sends them: one message per notification, the JSON as its body. */
  async publish(notifications: readonly CandidateNotification[]): Promise<void> {
    for (const notification of notifications) {
      this.send(JSON.stringify(notification), { type: notification.type });
    }
  }

  /** Enqueues one raw message; returns its message id. */
  send(body: string, attributes: Readonly<Record<string, string>> = {}): string {
    const messageId = randomUUID();
    const messageAttributes: SQSRecord['messageAttributes'] = {};
    for (const [name, value] of Object.entries(attributes)) {
      messageAttributes[name] = { dataType: 'String', stringValue: value, stringListValues: [], binaryListValues: [] };
    }
    this.messages.push({
      messageId,
      body,
      md5OfBody: createHash('md5').update(body, 'utf8').digest('hex'),
      messageAttributes,
      sentTimestamp: this.now(),
      receiveCount: 0,
      visibleAt: this.now(),
    });
    this.counts.sent++;
    return messageId;
  }

  /**
   * Puts the last `count` deleted messages back, same message id and body: the duplicate delivery SQS is allowed
   * to make, for tests of the consumer's idempotence.
   */
  redeliverRecent(count = 1): readonly string[] {
    const again = this.recentlyDeleted.splice(Math.max(0, this.recentlyDeleted.length - count));
    for (const message of again) {
      message.visibleAt = this.now();
      delete message.receiptHandle;
      this.messages.push(message);
    }
    return again.map((message) => message.messageId);
  }

  stats(): QueueStats {
    const now = this.now();
    const visible = this.messages.filter((message) => message.visibleAt <= now).length;
    return { ...this.counts, inFlight: this.messages.length - visible, visible };
  }

  deadLetters(): readonly DeadLetter[] {
    return [...this.deadLetterList];
  }

  /** Polls in the background until stop(). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.turn;
  }

  /**
   * Delivers until no message is visible, waiting for any batch already running. Messages hidden by a visibility
   * timeout stay hidden (make time pass with the injected clock, or use visibilityTimeoutMs 0) and are reported.
   */
  async drain(options: { readonly maxRounds?: number } = {}): Promise<DrainReport> {
    const maxRounds = options.maxRounds ?? 100;
    let rounds = 0;
    let delivered = 0;
    for (;;) {
      const handed = await this.exclusive(() => this.processBatch());
      if (handed === 0) {
        return { rounds, delivered, stillInvisible: this.stats().inFlight };
      }
      rounds++;
      delivered += handed;
      if (rounds >= maxRounds && this.stats().visible > 0) throw new QueueNotDrainedError(rounds);
    }
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.exclusive(() => this.processBatch()).then(
        (handed) => this.schedule(handed > 0 ? 0 : this.pollIntervalMs),
        (error: unknown) => {
          this.log.error('queue poll failed', { queue: this.queueName, ...errorAttributes(error) });
          this.schedule(this.pollIntervalMs);
        },
      );
    }, delayMs);
    this.timer.unref();
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.turn.then(work);
    this.turn = result.catch(() => undefined);
    return result;
  }

  /** Receives one batch and runs the handler on it; returns how many messages were handed over. */
  private async processBatch(): Promise<number> {
    const batch = this.receive();
    if (batch.length === 0) return 0;
    const handles = new Map(batch.map((message) => [message.messageId, message.receiptHandle]));
    const event: SQSEvent = { Records: batch.map((message) => this.record(message)) };
    const context = createLambdaContext({ functionName: this.functionName });

    let failedIds: ReadonlySet<string>;
    try {
      const response = await this.handler(event, context);
      failedIds = this.failedItems(response, batch);
    } catch (error) {
      this.log.warn('queue batch failed', { queue: this.queueName, size: batch.length, ...errorAttributes(error) });
      failedIds = new Set(batch.map((message) => message.messageId));
    }
    for (const message of batch) {
      if (!failedIds.has(message.messageId)) this.delete(message.messageId, handles.get(message.messageId));
    }
    return batch.length;
  }

  /** The ids to retry. An identifier that names no message of the batch fails the whole batch, as Lambda does. */
  private failedItems(response: SQSBatchResponse | undefined, batch: readonly StoredMessage[]): ReadonlySet<string> {
    // A handler that returns nothing reported no failures, as Lambda reads it.
    const failures = response?.batchItemFailures ?? [];
    const ids = new Set(batch.map((message) => message.messageId));
    if (failures.some((failure) => !ids.has(failure.itemIdentifier))) return ids;
    return new Set(failures.map((failure) => failure.itemIdentifier));
  }

  private receive(): StoredMessage[] {
    const now = this.now();
    const batch: StoredMessage[] = [];
    for (const message of [...this.messages]) {
      if (batch.length >= this.batchSize) break;
      if (message.visibleAt > now) continue;
      if (message.receiveCount >= this.maxReceiveCount) {
        this.deadLetter(message, now);
        continue;
      }
      message.receiveCount++;
      message.firstReceiveTimestamp ??= now;
      message.visibleAt = now + this.visibilityTimeoutMs;
      message.receiptHandle = randomUUID();
      this.counts.received++;
      batch.push(message);
    }
    return batch;
  }

  private deadLetter(message: StoredMessage, now: number): void {
    this.messages = this.messages.filter((candidate) => candidate !== message);
    this.deadLetterList.push({ messageId: message.messageId, body: message.body, receiveCount: message.receiveCount, deadLetteredAt: now });
    this.counts.deadLettered++;
    this.log.error('message moved to the dead-letter queue', {
      queue: this.queueName,
      messageId: message.messageId,
      receiveCount: message.receiveCount,
    });
  }

  /** Deletes by receipt handle: a stale handle (the message was received again meanwhile) deletes nothing. */
  private delete(messageId: string, receiptHandle: string | undefined): void {
    const message = this.messages.find((candidate) => candidate.messageId === messageId && candidate.receiptHandle === receiptHandle);
    if (!message) return;
    this.messages = this.messages.filter((candidate) => candidate !== message);
    this.counts.deleted++;
    this.recentlyDeleted.push(message);
    if (this.recentlyDeleted.length > RECENTLY_DELETED_KEPT) this.recentlyDeleted.shift();
  }

  private record(message: StoredMessage): SQSRecord {
    return {
      messageId: message.messageId,
      receiptHandle: message.receiptHandle ?? '',
      body: message.body,
      attributes: {
        ApproximateReceiveCount: String(message.receiveCount),
        SentTimestamp: String(message.sentTimestamp),
        SenderId: LOCAL_ACCOUNT_ID,
        ApproximateFirstReceiveTimestamp: String(message.firstReceiveTimestamp ?? message.sentTimestamp),
      },
      messageAttributes: message.messageAttributes,
      md5OfBody: message.md5OfBody,
      eventSource: 'aws:sqs',
      eventSourceARN: this.queueArn,
      awsRegion: LOCAL_REGION,
    };
  }
}
