/** Lambda entry point: wires the deployed adapters once per container, at init. */
import { systemClock } from '../../shared/adapters/runtime/system.js';
import { auditTrailFromEnvironment, referralStoreFromEnvironment } from '../../shared/composition/aws.js';
import { createLogger } from '../../shared/observability/logger.js';
import { getReferralLambda } from './get-referral.js';

export const handler = getReferralLambda({
  store: referralStoreFromEnvironment(),
  audit: auditTrailFromEnvironment(),
  clock: systemClock,
  logger: createLogger('get-referral'),
});
