/** Lambda entry point: wires the deployed adapters once per container, at init. */
import { referralStoreFromEnvironment } from '../../shared/composition/aws.js';
import { createLogger } from '../../shared/observability/logger.js';
import { getReferralLambda } from './get-referral.js';

export const handler = getReferralLambda({ store: referralStoreFromEnvironment(), logger: createLogger('get-referral') });
