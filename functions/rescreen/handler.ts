/** Lambda entry point: wires the deployed adapters once per container, at init. */
import { Metrics } from '@aws-lambda-powertools/metrics';
import { systemClock } from '#adapters/runtime/system.js';
import { referralStoreFromEnvironment } from '#composition/aws.js';
import { publisherFromEnvironment } from '#composition/aws-queue.js';
import { createLogger, SERVICE_NAME, useCaseEvents } from '#adapters/logger.js';
import { METRICS_NAMESPACE } from '#observability/metrics.js';
import { rescreenLambda } from './rescreen.js';

const logger = createLogger('rescreen');
const store = referralStoreFromEnvironment();

export const handler = rescreenLambda({
  store,
  metrics: new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME }),
  publisher: publisherFromEnvironment(),
  clock: systemClock,
  events: useCaseEvents(logger),
  logger,
});
