/** Lambda entry point: wires the deployed adapters once per container, at init. */
import { systemClock } from '#adapters/runtime/system.js';
import { auditTrailFromEnvironment, referralStoreFromEnvironment } from '#composition/aws.js';
import { createLogger } from '#adapters/logger.js';
import { listReferralsLambda } from './list-referrals.js';

export const handler = listReferralsLambda({
  store: referralStoreFromEnvironment(),
  audit: auditTrailFromEnvironment(),
  clock: systemClock,
  logger: createLogger('list-referrals'),
});
