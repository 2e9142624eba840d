/** Lambda entry point: wires the deployed adapters once per container, at init. */
import { awsClientInstrumentation } from '../../shared/observability/tracer.js';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { systemClock } from '../../shared/adapters/runtime/system.js';
import { referralStoreFromEnvironment } from '../../shared/composition/aws.js';
import { publisherFromEnvironment } from '../../shared/composition/aws-queue.js';
import { createLogger, useCaseEvents } from '../../shared/observability/logger.js';
import { rescreenLambda } from './rescreen.js';

const instrument = await awsClientInstrumentation();

const logger = createLogger('rescreen');
const store = referralStoreFromEnvironment(instrument);

export const handler = rescreenLambda({
  store,
  metrics: new Metrics({ namespace: 'TrialMatch', serviceName: 'trial-match' }),
  publisher: publisherFromEnvironment(instrument),
  clock: systemClock,
  events: useCaseEvents(logger),
  logger,
});
