/** Lambda entry point: wires the deployed adapters once per container, at init. */
import { systemClock } from '../../shared/adapters/runtime/system.js';
import { auditTrailFromEnvironment, referralStoreFromEnvironment } from '../../shared/composition/aws.js';
import { createLogger } from '../../shared/observability/logger.js';
import { listCandidatesLambda } from './list-candidates.js';

export const handler = listCandidatesLambda({
  store: referralStoreFromEnvironment(),
  audit: auditTrailFromEnvironment(),
  clock: systemClock,
  logger: createLogger('list-candidates'),
});
