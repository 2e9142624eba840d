/** Lambda entry point: wires the deployed adapters once per container, at init. */
import { systemClock } from '#adapters/runtime/system.js';
import { auditTrailFromEnvironment, referralStoreFromEnvironment } from '#composition/aws.js';
import { publisherFromEnvironment } from '#composition/aws-queue.js';
import { createLogger, useCaseEvents } from '#adapters/logger.js';
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
