/** Lambda entry point: wires the deployed adapters once per container, at init. */
import { systemClock } from '#adapters/runtime/system.js';
import { auditTrailFromEnvironment, referralStoreFromEnvironment } from '#composition/aws.js';
import { createLogger } from '#adapters/logger.js';
import { getCandidateLambda } from './get-candidate.js';

export const handler = getCandidateLambda({
  store: referralStoreFromEnvironment(),
  audit: auditTrailFromEnvironment(),
  clock: systemClock,
  logger: createLogger('get-candidate'),
});
