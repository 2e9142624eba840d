/** Lambda entry point: wires the deployed adapters once per container, at init. */
import { referralStoreFromEnvironment } from '#composition/aws.js';
import { systemClock } from '#adapters/runtime/system.js';
import { createLogger } from '#adapters/logger.js';
import { updateTrialLambda } from './update-trial.js';

export const handler = updateTrialLambda({ store: referralStoreFromEnvironment(), clock: systemClock, logger: createLogger('update-trial') });
