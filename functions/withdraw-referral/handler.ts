/** Lambda entry point: wires the deployed adapters once per container, at init. */
import { awsClientInstrumentation } from '../../shared/observability/tracer.js';
import { referralStoreFromEnvironment } from '../../shared/composition/aws.js';
import { systemClock } from '../../shared/adapters/runtime/system.js';
import { createLogger } from '../../shared/observability/logger.js';
import { withdrawReferralLambda } from './withdraw-referral.js';

const instrument = await awsClientInstrumentation();

export const handler = withdrawReferralLambda({ store: referralStoreFromEnvironment(instrument), clock: systemClock, logger: createLogger('withdraw-referral') });
