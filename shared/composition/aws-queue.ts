import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsNotificationPublisher } from '#adapters/sqs/sqs-publisher.js';
import { ENVIRONMENT, requiredEnvironment } from './environment.js';

export function publisherFromEnvironment(): SqsNotificationPublisher {
  return new SqsNotificationPublisher(new SQSClient({}), requiredEnvironment(ENVIRONMENT.queueUrl));
}
