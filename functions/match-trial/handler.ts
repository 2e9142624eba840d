/** Lambda entry point: wires the deployed adapters once per container, at init. */
import { systemClock } from '#adapters/runtime/system.js';
import { referralStoreFromEnvironment } from '#composition/aws.js';
import { createLogger } from '#adapters/logger.js';
import { matchTrialLambda } from './match-trial.js';

export const handler = matchTrialLambda({ store: referralStoreFromEnvironment(), clock: systemClock, logger: createLogger('match-trial') });
