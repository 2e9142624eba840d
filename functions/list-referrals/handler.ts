/** Lambda entry point: wires the deployed adapters once per container, at init. */
import { referralStoreFromEnvironment } from '../../shared/composition/aws.js';
import { createLogger } from '../../shared/observability/logger.js';
import { listReferralsLambda } from './list-referrals.js';

export const handler = listReferralsLambda({ store: referralStoreFromEnvironment(), logger: createLogger('list-referrals') });
