/** The SQS publisher's contract with SQS, through the real SDK client against a local AWS-JSON endpoint. */
import { createHash } from 'node:crypto';
import { SQSClient } from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, it } from 'vitest';
import { PartialPublishError, SqsNotificationPublisher } from '#adapters/sqs/sqs-publisher.js';
import type { CandidateNotification } from '#referral/notification.js';
import { startFakeAwsJsonEndpoint, type FakeAwsJsonEndpoint } from '#test/support/fake-aws-json-endpoint.js';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

const notification = (n: number): CandidateNotification => ({
  type: 'candidate.changed',
  referralId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  trialId: 'NCT05212584',
  siteId: 'hebei-yanda-ludaopei',
  seq: 1,
  verdict: 'eligible',
  score: 100,
  criteriaVersion: 1,
  occurredAt: '2026-11-25T02:00:00.000Z',
});

interface Entry {
  Id: string;
  MessageBody: string;
}

let endpoint: FakeAwsJsonEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

const publisherFor = (url: string) =>
  new SqsNotificationPublisher(
    new SQSClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 }),
    `${url}/123456789012/trial-match-notifications`,
  );

describe('SqsNotificationPublisher', () => {
  it('sends batches of at most ten, each message the notification JSON and nothing else', async () => {
    endpoint = await startFakeAwsJsonEndpoint(({ body }) => ({
      body: { Successful: (body['Entries'] as Entry[]).map((e) => ({ Id: e.Id, MessageId: `m-${e.Id}`, MD5OfMessageBody: md5(e.MessageBody) })), Failed: [] },
    }));
    const notifications = Array.from({ length: 23 }, (_, i) => notification(i));
    await publisherFor(endpoint.url).publish(notifications);

    expect(endpoint.calls.map((c) => c.target)).toEqual(Array(3).fill('AmazonSQS.SendMessageBatch'));
    const sent = endpoint.calls.flatMap((c) => c.body['Entries'] as Entry[]);
    expect(endpoint.calls.map((c) => (c.body['Entries'] as Entry[]).length)).toEqual([10, 10, 3]);
    expect(sent.map((e) => JSON.parse(e.MessageBody) as unknown)).toEqual(notifications);
    expect(endpoint.calls[0]?.body['QueueUrl']).toContain('trial-match-notifications');
  });

  it('reports the referrals whose entries SQS refused, after sending every batch', async () => {
    endpoint = await startFakeAwsJsonEndpoint(({ body }) => {
      const entries = body['Entries'] as Entry[];
      return {
        body: {
          Successful: entries.filter((e) => e.Id !== '1').map((e) => ({ Id: e.Id, MessageId: `m-${e.Id}`, MD5OfMessageBody: md5(e.MessageBody) })),
          Failed: entries.filter((e) => e.Id === '1').map((e) => ({ Id: e.Id, SenderFault: false, Code: 'InternalError' })),
        },
      };
    });
    const notifications = Array.from({ length: 12 }, (_, i) => notification(i));
    const failure = await publisherFor(endpoint.url).publish(notifications).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PartialPublishError);
    expect((failure as PartialPublishError).failedReferralIds).toEqual([notifications[1]?.referralId, notifications[11]?.referralId]);
    expect(endpoint.calls).toHaveLength(2);
  });

  it('lets a service error through, for the caller to leave the notification to the outbox sweep', async () => {
    endpoint = await startFakeAwsJsonEndpoint(() => ({ status: 500, body: { __type: 'InternalError', message: 'boom' } }));
    await expect(publisherFor(endpoint.url).publish([notification(1)])).rejects.toThrow();
  });
});
