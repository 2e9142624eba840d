/** Lambda entry point: wires the deployed adapters once per container, at init. */
import { systemClock } from '../../shared/adapters/runtime/system.js';
import { auditTrailFromEnvironment, referralStoreFromEnvironment } from '../../shared/composition/aws.js';
import { publisherFromEnvironment } from '../../shared/composition/aws-queue.js';
import { createLogger, useCaseEvents } from '../../shared/observability/logger.js';
import { updateReferralLambda } from './update-referral.js';

const logger = createLogger('update-referral');
const store = referralStoreFromEnvironment();

export const handler = updateReferralLambda({
  store,
  audit: auditTrailFromEnvironment(),
  publisher: publisherFromEnvironment(),
  clock: systemClock,
  events: useCaseEvents(logger),
  logger,
});
