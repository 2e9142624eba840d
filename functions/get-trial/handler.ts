/** Lambda entry point: wires the deployed adapters once per container, at init. */
import { referralStoreFromEnvironment } from '#composition/aws.js';
import { createLogger } from '#adapters/logger.js';
import { getTrialLambda } from './get-trial.js';

export const handler = getTrialLambda({ store: referralStoreFromEnvironment(), logger: createLogger('get-trial') });
