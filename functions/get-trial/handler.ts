/** Lambda entry point: wires the deployed adapters once per container, at init. */
import { awsClientInstrumentation } from '../../shared/observability/tracer.js';
import { referralStoreFromEnvironment } from '../../shared/composition/aws.js';
import { createLogger } from '../../shared/observability/logger.js';
import { getTrialLambda } from './get-trial.js';

const instrument = await awsClientInstrumentation();

export const handler = getTrialLambda({ store: referralStoreFromEnvironment(instrument), logger: createLogger('get-trial') });
