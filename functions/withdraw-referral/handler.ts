/** Lambda entry point: wires the deployed adapters once per container, at init. */
import { systemClock } from '#adapters/runtime/system.js';
import { auditTrailFromEnvironment, referralStoreFromEnvironment } from '#composition/aws.js';
import { createLogger, useCaseEvents } from '#adapters/logger.js';
import { withdrawReferralLambda } from './withdraw-referral.js';

const logger = createLogger('withdraw-referral');

export const handler = withdrawReferralLambda({ store: referralStoreFromEnvironment(), audit: auditTrailFromEnvironment(), clock: systemClock, events: useCaseEvents(logger), logger });
