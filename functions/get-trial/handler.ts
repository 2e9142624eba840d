/** Lambda entry point: wires the deployed adapters once per container, at init. */
import { referralStoreFromEnvironment } from '../../shared/composition/aws.js';
import { createLogger } from '../../shared/observability/logger.js';
import { getTrialLambda } from './get-trial.js';

export const handler = getTrialLambda({ store: referralStoreFromEnvironment(), logger: createLogger('get-trial') });
