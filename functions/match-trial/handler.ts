/** Lambda entry point: wires the deployed adapters once per container, at init. */
import { systemClock } from '../../shared/adapters/runtime/system.js';
import { referralStoreFromEnvironment } from '../../shared/composition/aws.js';
import { createLogger } from '../../shared/observability/logger.js';
import { matchTrialLambda } from './match-trial.js';

export const handler = matchTrialLambda({ store: referralStoreFromEnvironment(), clock: systemClock, logger: createLogger('match-trial') });
