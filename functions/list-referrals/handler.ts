/** Lambda entry point: wires the deployed adapters once per container, at init. */
import { systemClock } from '../../shared/adapters/runtime/system.js';
import { auditTrailFromEnvironment, referralStoreFromEnvironment } from '../../shared/composition/aws.js';
import { createLogger } from '../../shared/observability/logger.js';
import { listReferralsLambda } from './list-referrals.js';

export const handler = listReferralsLambda({
  store: referralStoreFromEnvironment(),
  audit: auditTrailFromEnvironment(),
  clock: systemClock,
  logger: createLogger('list-referrals'),
});
