/** Lambda entry point: wires the deployed adapters once per container, at init. */
import { systemClock, uuidIds } from '#adapters/runtime/system.js';
import { auditTrailFromEnvironment, referralStoreFromEnvironment } from '#composition/aws.js';
import { publisherFromEnvironment } from '#composition/aws-queue.js';
import { createLogger, useCaseEvents } from '#adapters/logger.js';
import { submitReferralLambda } from './submit-referral.js';

const logger = createLogger('submit-referral');
const store = referralStoreFromEnvironment();

export const handler = submitReferralLambda({
  store,
  audit: auditTrailFromEnvironment(),
  ids: uuidIds,
  publisher: publisherFromEnvironment(),
  clock: systemClock,
  events: useCaseEvents(logger),
  logger,
});
