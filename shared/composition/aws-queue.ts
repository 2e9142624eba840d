import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsNotificationPublisher } from '../adapters/sqs/sqs-publisher.js';
import { requiredEnvironment } from './aws.js';

export function publisherFromEnvironment(): SqsNotificationPublisher {
  return new SqsNotificationPublisher(new SQSClient({}), requiredEnvironment('QUEUE_URL'));
}
