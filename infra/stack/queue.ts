import { Duration } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { OperationalAlarms } from './alarms.js';
import { encryptedDeadLetterQueue } from './dead-letter-queue.js';

export interface NotificationQueueProps {
  readonly key: kms.IKey;
  readonly alarms: OperationalAlarms;
  /** The consumer's timeout: the visibility timeout must outlast every retry inside one invocation. */
  readonly consumerTimeout: Duration;
  /** How long the event source gathers a batch before invoking: messages are in flight meanwhile too. */
  readonly batchingWindow: Duration;
}

/**
 * AWS's rule for Lambda consumers: at least six times the function timeout plus the batching window, so a message
 * is not redelivered while a throttled or retrying invocation (or a batch still gathering) holds it.
 */
export function notificationVisibilityTimeout(consumerTimeout: Duration, batchingWindow: Duration): Duration {
  return Duration.seconds(consumerTimeout.toSeconds() * 6 + batchingWindow.toSeconds());
}

/**
 * Candidate notifications on their way to the site. A message that fails five deliveries moves to the
 * dead-letter queue and raises an alarm; the outbox sweep re-sends what is
 * still pending after it is fixed.
 */
export class NotificationQueue extends Construct {
  static readonly MAX_RECEIVE_COUNT = 5;
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: NotificationQueueProps) {
    super(scope, id);
    this.deadLetterQueue = encryptedDeadLetterQueue(this, 'DeadLetters', props.key);
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.key,
      // The data key is reused for 5 minutes instead of one KMS call per message batch.
      dataKeyReuse: Duration.minutes(5),
      enforceSSL: true,
      visibilityTimeout: notificationVisibilityTimeout(props.consumerTimeout, props.batchingWindow),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: NotificationQueue.MAX_RECEIVE_COUNT },
    });
    props.alarms.alarmOnDeadLetters('NotificationDeadLetters', this.deadLetterQueue, 'A candidate notification');
  }
}
