/** Lambda entry point: wires the deployed adapters once per container, at init. */
import { auditTrailFromEnvironment } from '#composition/aws.js';
import { createLogger } from '#adapters/logger.js';
import { listAuditLambda } from './list-audit.js';

export const handler = listAuditLambda({ audit: auditTrailFromEnvironment(), logger: createLogger('list-audit') });
