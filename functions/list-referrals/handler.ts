/** Lambda entry point: wires the deployed adapters once per container, at init. */
import { awsClientInstrumentation } from '../../shared/observability/tracer.js';
import { referralStoreFromEnvironment } from '../../shared/composition/aws.js';
import { createLogger } from '../../shared/observability/logger.js';
import { listReferralsLambda } from './list-referrals.js';

const instrument = await awsClientInstrumentation();

export const handler = listReferralsLambda({ store: referralStoreFromEnvironment(instrument), logger: createLogger('list-referrals') });
