/** Lambda entry point: wires the deployed adapters once per container, at init. */
import { referralStoreFromEnvironment } from '../../shared/composition/aws.js';
import { systemClock } from '../../shared/adapters/runtime/system.js';
import { createLogger } from '../../shared/observability/logger.js';
import { withdrawReferralLambda } from './withdraw-referral.js';

export const handler = withdrawReferralLambda({ store: referralStoreFromEnvironment(), clock: systemClock, logger: createLogger('withdraw-referral') });
