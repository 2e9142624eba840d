/** Lambda entry point: wires the deployed adapters once per container, at init. */
import { awsClientInstrumentation } from '../../shared/observability/tracer.js';
import { systemClock, uuidIds } from '../../shared/adapters/runtime/system.js';
import { referralStoreFromEnvironment } from '../../shared/composition/aws.js';
import { publisherFromEnvironment } from '../../shared/composition/aws-queue.js';
import { createLogger, useCaseEvents } from '../../shared/observability/logger.js';
import { submitReferralLambda } from './submit-referral.js';

const instrument = await awsClientInstrumentation();

const logger = createLogger('submit-referral');
const store = referralStoreFromEnvironment(instrument);

export const handler = submitReferralLambda({
  store,
  idempotency: store,
  ids: uuidIds,
  publisher: publisherFromEnvironment(instrument),
  clock: systemClock,
  events: useCaseEvents(logger),
  logger,
});
