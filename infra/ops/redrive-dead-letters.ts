/**
 * Moves the messages of a dead-letter queue back to the queue they came from, once the cause is fixed. In the aws
 * partition `aws sqs start-message-move-task` does the same; the AWS China regions do not offer SQS redrive, so the
 * runbook uses this there (and may anywhere). Each message is deleted from the dead-letter queue only after SQS
 * accepted its copy: a crash in between leaves a duplicate, never a loss (the consumer is idempotent per event id).
 * Bodies are copied, never printed: they carry referral ids only, but an operator's terminal is not a log.
 */
import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';

export interface RedriveOptions {
  /** Stop after this many messages (default: until the dead-letter queue is empty). */
  readonly maxMessages?: number;
  /** How long a received message stays hidden while it is being copied. */
  readonly visibilityTimeoutSeconds?: number;
  /** Empty receives in a row that mean "empty" (SQS may answer empty while messages exist). */
  readonly emptyReceivesToStop?: number;
}

export interface RedriveReport {
  /** Copied to the source queue. */
  readonly moved: number;
  /** Refused by the source queue: they stay in the dead-letter queue and reappear after the visibility timeout. */
  readonly refused: number;
  /** Copied, but the original could not be deleted: a later redrive copies it again (a duplicate, not a loss). */
  readonly notDeleted: number;
}

export async function redriveDeadLetters(
  sqs: SQSClient,
  deadLetterQueueUrl: string,
  sourceQueueUrl: string,
  options: RedriveOptions = {},
): Promise<RedriveReport> {
  if (deadLetterQueueUrl === sourceQueueUrl) throw new Error('the dead-letter queue and the target are the same queue');
  const maxMessages = options.maxMessages ?? Number.POSITIVE_INFINITY;
  const emptyReceivesToStop = options.emptyReceivesToStop ?? 2;
  let moved = 0;
  let refused = 0;
  let notDeleted = 0;
  let emptyReceives = 0;
  while (moved + refused < maxMessages && emptyReceives < emptyReceivesToStop) {
    const { Messages: messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: deadLetterQueueUrl,
        MaxNumberOfMessages: Math.min(10, maxMessages - moved - refused),
        WaitTimeSeconds: 1,
        VisibilityTimeout: options.visibilityTimeoutSeconds ?? 60,
        MessageAttributeNames: ['All'],
      }),
    );
    if (messages.length === 0) {
      emptyReceives += 1;
      continue;
    }
    emptyReceives = 0;
    const batch = messages.map((message, index) => ({ id: String(index), message }));
    const sent = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: sourceQueueUrl,
        Entries: batch.map(({ id, message }) => ({
          Id: id,
          MessageBody: bodyOf(message),
          ...(message.MessageAttributes === undefined ? {} : { MessageAttributes: message.MessageAttributes }),
        })),
      }),
    );
    const accepted = new Set((sent.Successful ?? []).map((entry) => entry.Id));
    const toDelete = batch.filter(({ id }) => accepted.has(id));
    moved += toDelete.length;
    refused += batch.length - toDelete.length;
    if (toDelete.length > 0) {
      const deleted = await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: deadLetterQueueUrl,
          Entries: toDelete.map(({ id, message }) => ({ Id: id, ReceiptHandle: receiptOf(message) })),
        }),
      );
      // Sent but still in the dead-letter queue: a duplicate later, which the consumer absorbs (event ids).
      notDeleted += (deleted.Failed ?? []).length;
    }
  }
  return { moved, refused, notDeleted };
}

function bodyOf(message: Message): string {
  if (message.Body === undefined) throw new Error(`dead letter ${message.MessageId ?? '?'} has no body`);
  return message.Body;
}

function receiptOf(message: Message): string {
  if (message.ReceiptHandle === undefined) throw new Error(`dead letter ${message.MessageId ?? '?'} has no receipt handle`);
  return message.ReceiptHandle;
}
