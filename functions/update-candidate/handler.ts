/** Lambda entry point: wires the deployed adapters once per container, at init. */
import { referralStoreFromEnvironment } from '../../shared/composition/aws.js';
import { systemClock } from '../../shared/adapters/runtime/system.js';
import { createLogger } from '../../shared/observability/logger.js';
import { updateCandidateLambda } from './update-candidate.js';

export const handler = updateCandidateLambda({ store: referralStoreFromEnvironment(), clock: systemClock, logger: createLogger('update-candidate') });
