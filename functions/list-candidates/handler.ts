/** Lambda entry point: wires the deployed adapters once per container, at init. */
import { referralStoreFromEnvironment } from '../../shared/composition/aws.js';
import { createLogger } from '../../shared/observability/logger.js';
import { listCandidatesLambda } from './list-candidates.js';

export const handler = listCandidatesLambda({ store: referralStoreFromEnvironment(), logger: createLogger('list-candidates') });
