/** Lambda entry point: wires the deployed adapters once per container, at init. */
import { Metrics } from '@aws-lambda-powertools/metrics';
import { systemClock } from '../../shared/adapters/runtime/system.js';
import { referralStoreFromEnvironment } from '../../shared/composition/aws.js';
import { publisherFromEnvironment } from '../../shared/composition/aws-queue.js';
import { createLogger, SERVICE_NAME, useCaseEvents } from '../../shared/observability/logger.js';
import { METRICS_NAMESPACE } from '../../shared/observability/metrics.js';
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
