/**
 * The dead-letter redrive (the AWS China regions have no SQS redrive), through the real SDK client against a small
 * in-memory SQS behind the AWS JSON protocol: only AWS itself is replaced.
 */
import { createHash, randomUUID } from 'node:crypto';
import { SQSClient } from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, it } from 'vitest';
import { redriveDeadLetters } from '#infra/ops/redrive-dead-letters.js';
import { startFakeAwsJsonEndpoint, type AwsJsonCall, type FakeAwsJsonEndpoint } from '#test/support/fake-aws-json-endpoint.js';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

interface StoredMessage {
  readonly id: string;
  readonly body: string;
  receipt?: string;
}

/** Just enough SQS: receive (hiding what it hands out), send in batches, delete by receipt handle. */
class InMemorySqs {
  readonly queues = new Map<string, StoredMessage[]>();
  /** Bodies the target refuses, to exercise a partial batch. */
  readonly refuse = new Set<string>();

  respond = ({ target, body }: AwsJsonCall) => {
    const url = String(body['QueueUrl']);
    const queue = this.queues.get(url) ?? [];
    this.queues.set(url, queue);
    switch (target) {
      case 'AmazonSQS.ReceiveMessage': {
        const visible = queue.filter((message) => message.receipt === undefined).slice(0, Number(body['MaxNumberOfMessages']));
        for (const message of visible) message.receipt = randomUUID();
        return {
          body: {
            Messages: visible.map((message) => ({
              MessageId: message.id,
              ReceiptHandle: message.receipt,
              Body: message.body,
              MD5OfBody: md5(message.body),
            })),
          },
        };
      }
      case 'AmazonSQS.SendMessageBatch': {
        const entries = body['Entries'] as { Id: string; MessageBody: string }[];
        const accepted = entries.filter((entry) => !this.refuse.has(entry.MessageBody));
        for (const entry of accepted) queue.push({ id: randomUUID(), body: entry.MessageBody });
        return {
          body: {
            Successful: accepted.map((entry) => ({ Id: entry.Id, MessageId: randomUUID(), MD5OfMessageBody: md5(entry.MessageBody) })),
            Failed: entries
              .filter((entry) => this.refuse.has(entry.MessageBody))
              .map((entry) => ({ Id: entry.Id, SenderFault: false, Code: 'InternalError' })),
          },
        };
      }
      case 'AmazonSQS.DeleteMessageBatch': {
        const entries = body['Entries'] as { Id: string; ReceiptHandle: string }[];
        for (const entry of entries) {
          const index = queue.findIndex((message) => message.receipt === entry.ReceiptHandle);
          if (index >= 0) queue.splice(index, 1);
        }
        return { body: { Successful: entries.map((entry) => ({ Id: entry.Id })), Failed: [] } };
      }
      default:
        return { status: 400, body: { __type: 'UnsupportedOperation', message: target } };
    }
  };
}

let endpoint: FakeAwsJsonEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

async function setUp(bodies: readonly string[]) {
  const sqs = new InMemorySqs();
  endpoint = await startFakeAwsJsonEndpoint(sqs.respond);
  const dlq = `${endpoint.url}/123456789012/notifications-dlq`;
  const source = `${endpoint.url}/123456789012/notifications`;
  sqs.queues.set(dlq, bodies.map((body) => ({ id: randomUUID(), body })));
  sqs.queues.set(source, []);
  const client = new SQSClient({
    endpoint: endpoint.url,
    region: 'cn-north-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  return { sqs, client, dlq, source };
}

const notification = (n: number) => JSON.stringify({ type: 'candidate.changed', referralId: `ref-${n}`, seq: 1 });

describe('redriving a dead-letter queue', () => {
  it('moves every message back to its queue, body unchanged, and empties the dead-letter queue', async () => {
    const bodies = Array.from({ length: 23 }, (_, n) => notification(n));
    const { sqs, client, dlq, source } = await setUp(bodies);
    const report = await redriveDeadLetters(client, dlq, source);
    expect(report).toEqual({ moved: 23, refused: 0, notDeleted: 0 });
    expect(sqs.queues.get(dlq)).toEqual([]);
    expect(sqs.queues.get(source)?.map((message) => message.body).sort()).toEqual([...bodies].sort());
  });

  it('leaves what the target refused in the dead-letter queue, and deletes only what was copied', async () => {
    const bodies = [notification(1), notification(2), notification(3)];
    const { sqs, client, dlq, source } = await setUp(bodies);
    sqs.refuse.add(notification(2));
    const report = await redriveDeadLetters(client, dlq, source);
    expect(report).toEqual({ moved: 2, refused: 1, notDeleted: 0 });
    expect(sqs.queues.get(dlq)?.map((message) => message.body)).toEqual([notification(2)]);
    expect(sqs.queues.get(source)?.map((message) => message.body)).toEqual([notification(1), notification(3)]);
  });

  it('stops at --max, and refuses to redrive a queue into itself', async () => {
    const { sqs, client, dlq, source } = await setUp(Array.from({ length: 15 }, (_, n) => notification(n)));
    expect(await redriveDeadLetters(client, dlq, source, { maxMessages: 12 })).toEqual({ moved: 12, refused: 0, notDeleted: 0 });
    expect(sqs.queues.get(dlq)).toHaveLength(3);
    await expect(redriveDeadLetters(client, dlq, dlq)).rejects.toThrow(/same queue/);
  });
});
