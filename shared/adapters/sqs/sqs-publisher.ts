/** Publishes candidate notifications to SQS, ten per batch call. Messages carry ids and the verdict only. */
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { NotificationPublisher } from '#ports/notifications.js';
import type { CandidateNotification } from '#referral/notification.js';

/** Some entries of a batch were refused; the caller leaves them to the outbox sweep. */
export class PartialPublishError extends Error {
  constructor(readonly failedReferralIds: readonly string[]) {
    super(`${failedReferralIds.length} notification(s) were not accepted by the queue`);
    this.name = 'PartialPublishError';
  }
}

export class SqsNotificationPublisher implements NotificationPublisher {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async publish(notifications: readonly CandidateNotification[]): Promise<void> {
    const failed: string[] = [];
    for (let start = 0; start < notifications.length; start += 10) {
      const batch = notifications.slice(start, start + 10);
      const reply = await this.client.send(
        new SendMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: batch.map((n, i) => ({
            Id: String(i),
            MessageBody: JSON.stringify(n),
            MessageAttributes: { type: { DataType: 'String', StringValue: n.type } },
          })),
        }),
      );
      for (const entry of reply.Failed ?? []) {
        const notification = batch[Number(entry.Id)];
        if (notification) failed.push(notification.referralId);
      }
    }
    if (failed.length > 0) throw new PartialPublishError(failed);
  }
}
