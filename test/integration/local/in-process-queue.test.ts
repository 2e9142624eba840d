/**
 * The in-process queue against small SQS handlers: batching, partial batch failures, visibility, the dead-letter
 * list and drain. Time is a counter the test moves, so nothing waits on the wall clock.
 */
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { InProcessQueue, QueueNotDrainedError, type SqsLambda } from '#local/in-process-queue.js';
import type { LocalLog, LogAttributes } from '#local/local-log.js';
import type { CandidateNotification } from '#referral/notification.js';

function notification(referralId: string, seq = 1): CandidateNotification {
  return {
    type: 'candidate.changed',
    referralId,
    trialId: 'NCT05212584',
    siteId: 'hebei-yanda-ludaopei',
    seq,
    verdict: 'eligible',
    score: 1,
    criteriaVersion: 1,
    occurredAt: '2026-11-25T02:00:00.000Z',
  };
}

class TestTime {
  ms = 1_000_000;
  readonly now = () => this.ms;
}

function recordingLog(): LocalLog & { lines: { message: string; attributes: LogAttributes }[] } {
  const lines: { message: string; attributes: LogAttributes }[] = [];
  const push = (message: string, attributes: LogAttributes) => lines.push({ message, attributes });
  return { lines, info: push, warn: push, error: push };
}

/** A consumer that records every batch and fails the referrals it is told to, a given number of times. */
function consumer(failures: Record<string, number> = {}) {
  const batches: SQSRecord[][] = [];
  const remaining = { ...failures };
  const handler: SqsLambda = async (event: SQSEvent): Promise<SQSBatchResponse> => {
    batches.push(event.Records);
    const batchItemFailures = event.Records.filter((record) => {
      const { referralId } = JSON.parse(record.body) as CandidateNotification;
      if ((remaining[referralId] ?? 0) > 0) {
        remaining[referralId] = (remaining[referralId] ?? 0) - 1;
        return true;
      }
      return false;
    }).map((record) => ({ itemIdentifier: record.messageId }));
    return { batchItemFailures };
  };
  const delivered = () => batches.flat().map((record) => (JSON.parse(record.body) as CandidateNotification).referralId);
  return { handler, batches, delivered };
}

describe('InProcessQueue', () => {
  it('delivers what was published in SQS-shaped batches of at most batchSize', async () => {
    const time = new TestTime();
    const { handler, batches, delivered } = consumer();
    const queue = new InProcessQueue(handler, { batchSize: 10, now: time.now, logger: recordingLog(), queueName: 'q' });
    await queue.publish(Array.from({ length: 23 }, (_, i) => notification(`r${i}`)));
    time.ms += 5;
    const report = await queue.drain();
    expect(batches.map((batch) => batch.length)).toEqual([10, 10, 3]);
    expect(delivered()).toEqual(Array.from({ length: 23 }, (_, i) => `r${i}`));
    expect(report).toEqual({ rounds: 3, delivered: 23, stillInvisible: 0 });
    expect(queue.stats()).toEqual({ sent: 23, received: 23, deleted: 23, deadLettered: 0, inFlight: 0, visible: 0 });

    const record = batches[0]?.[0] as SQSRecord;
    expect(JSON.parse(record.body)).toEqual(notification('r0'));
    expect(record).toMatchObject({
      eventSource: 'aws:sqs',
      eventSourceARN: expect.stringMatching(/^arn:aws:sqs:[^:]+:\d{12}:q$/),
      messageId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      receiptHandle: expect.any(String),
      md5OfBody: expect.stringMatching(/^[0-9a-f]{32}$/),
      messageAttributes: { type: { dataType: 'String', stringValue: 'candidate.changed' } },
    });
    expect(record.attributes).toMatchObject({
      ApproximateReceiveCount: '1',
      SentTimestamp: '1000000',
      ApproximateFirstReceiveTimestamp: '1000005',
    });
  });

  it('retries only the failed items of a batch, after the visibility timeout', async () => {
    const time = new TestTime();
    const { handler, batches, delivered } = consumer({ r1: 1 });
    const queue = new InProcessQueue(handler, { visibilityTimeoutMs: 30_000, now: time.now, logger: recordingLog() });
    await queue.publish([notification('r0'), notification('r1'), notification('r2')]);

    expect(await queue.drain()).toEqual({ rounds: 1, delivered: 3, stillInvisible: 1 });
    expect(queue.stats()).toMatchObject({ deleted: 2, inFlight: 1, visible: 0 });

    time.ms += 29_999;
    expect((await queue.drain()).delivered).toBe(0);

    time.ms += 1;
    expect(await queue.drain()).toEqual({ rounds: 1, delivered: 1, stillInvisible: 0 });
    expect(delivered()).toEqual(['r0', 'r1', 'r2', 'r1']);
    expect(batches[1]?.[0]?.attributes.ApproximateReceiveCount).toBe('2');
    expect(batches[1]?.[0]?.receiptHandle).not.toBe(batches[0]?.[1]?.receiptHandle);
    expect(queue.stats()).toEqual({ sent: 3, received: 4, deleted: 3, deadLettered: 0, inFlight: 0, visible: 0 });
  });

  it('retries the whole batch when the handler throws', async () => {
    let calls = 0;
    const seen: string[][] = [];
    const queue = new InProcessQueue(
      async (event) => {
        seen.push(event.Records.map((record) => record.messageId));
        if (++calls === 1) throw new Error('site unreachable');
        return { batchItemFailures: [] };
      },
      { visibilityTimeoutMs: 0, logger: recordingLog() },
    );
    await queue.publish([notification('a'), notification('b')]);
    const report = await queue.drain();
    expect(report.rounds).toBe(2);
    expect(seen[1]).toEqual(seen[0]);
    expect(queue.stats()).toMatchObject({ received: 4, deleted: 2, inFlight: 0 });
  });

  it('treats an unknown item identifier as a failure of the whole batch, as Lambda does', async () => {
    let calls = 0;
    const queue = new InProcessQueue(
      async () => ({ batchItemFailures: calls++ === 0 ? [{ itemIdentifier: 'nonsense' }] : [] }),
      { visibilityTimeoutMs: 0, logger: recordingLog() },
    );
    await queue.publish([notification('a'), notification('b')]);
    await queue.drain();
    expect(queue.stats()).toMatchObject({ received: 4, deleted: 2 });
  });

  it('moves a message that keeps failing to the dead-letter list after maxReceiveCount receives', async () => {
    const log = recordingLog();
    const { handler, delivered } = consumer({ poison: 99 });
    const queue = new InProcessQueue(handler, { visibilityTimeoutMs: 0, maxReceiveCount: 3, logger: log });
    await queue.publish([notification('poison'), notification('fine')]);
    await queue.drain();
    expect(delivered().filter((id) => id === 'poison')).toHaveLength(3);
    expect(queue.stats()).toEqual({ sent: 2, received: 4, deleted: 1, deadLettered: 1, inFlight: 0, visible: 0 });
    const [dead] = queue.deadLetters();
    expect(dead).toMatchObject({ receiveCount: 3 });
    expect((JSON.parse(dead?.body ?? '{}') as CandidateNotification).referralId).toBe('poison');
    const line = log.lines.find((entry) => entry.message.includes('dead-letter'));
    expect(line?.attributes).toEqual({ queue: 'trial-match-notifications', messageId: dead?.messageId, receiveCount: 3 });
  });

  it('redelivers recently deleted messages as the duplicates SQS may send', async () => {
    const { handler, batches } = consumer();
    const queue = new InProcessQueue(handler, { logger: recordingLog() });
    await queue.publish([notification('a'), notification('b')]);
    await queue.drain();
    const again = queue.redeliverRecent(1);
    await queue.drain();
    expect(batches[1]?.map((record) => record.messageId)).toEqual(again);
    expect(again).toEqual([batches[0]?.[1]?.messageId]);
    expect(batches[1]?.[0]?.attributes.ApproximateReceiveCount).toBe('2');
  });

  it('gives up draining a queue that never empties', async () => {
    let queue: InProcessQueue | undefined = undefined;
    queue = new InProcessQueue(
      async (event) => {
        await queue?.publish(event.Records.map(() => notification('again')));
        return { batchItemFailures: [] };
      },
      { logger: recordingLog() },
    );
    await queue.publish([notification('again')]);
    await expect(queue.drain({ maxRounds: 5 })).rejects.toThrow(QueueNotDrainedError);
  });

  it('processes in the background once started, one batch at a time, and drain waits for it', async () => {
    let active = 0;
    let maxActive = 0;
    const handled: string[] = [];
    const queue = new InProcessQueue(
      async (event) => {
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise((resolve) => setImmediate(resolve));
        handled.push(...event.Records.map((record) => record.messageId));
        active--;
        return { batchItemFailures: [] };
      },
      { batchSize: 2, pollIntervalMs: 1, logger: recordingLog() },
    );
    queue.start();
    await queue.publish(Array.from({ length: 7 }, (_, i) => notification(`r${i}`)));
    await queue.drain();
    await queue.stop();
    expect(handled).toHaveLength(7);
    expect(new Set(handled).size).toBe(7);
    expect(maxActive).toBe(1);
    expect(queue.stats()).toMatchObject({ sent: 7, deleted: 7, inFlight: 0, visible: 0 });
  });
});
