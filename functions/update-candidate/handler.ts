/** Lambda entry point: wires the deployed adapters once per container, at init. */
import { systemClock, uuidIds } from '#adapters/runtime/system.js';
import { auditTrailFromEnvironment, referralStoreFromEnvironment } from '#composition/aws.js';
import { createLogger, useCaseEvents } from '#adapters/logger.js';
import { updateCandidateLambda } from './update-candidate.js';

const logger = createLogger('update-candidate');

export const handler = updateCandidateLambda({
  store: referralStoreFromEnvironment(),
  audit: auditTrailFromEnvironment(),
  clock: systemClock,
  ids: uuidIds,
  events: useCaseEvents(logger),
  logger,
});
