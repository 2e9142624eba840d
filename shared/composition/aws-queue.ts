import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsNotificationPublisher } from '../adapters/sqs/sqs-publisher.js';
import { untraced, type ClientInstrumentation } from '../observability/tracer.js';
import { requiredEnvironment } from './aws.js';

export function publisherFromEnvironment(instrument: ClientInstrumentation = untraced): SqsNotificationPublisher {
  return new SqsNotificationPublisher(instrument(new SQSClient({})), requiredEnvironment('QUEUE_URL'));
}
