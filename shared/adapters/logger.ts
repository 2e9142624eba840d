/**
 * Structured logs (Powertools Logger): JSON lines with the request id. What goes in: ids, routes, statuses,
 * counts, error names. What never goes in: bodies, profiles, birth dates, tokens, free text.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { UseCaseEvents } from '#ports/runtime.js';

export const SERVICE_NAME = 'trial-match';

export function createLogger(handlerName: string): Logger {
  return new Logger({ serviceName: SERVICE_NAME, persistentKeys: { handler: handlerName } });
}

export const useCaseEvents = (logger: Logger): UseCaseEvents => ({
  warn: (message, attributes) => logger.warn(message, attributes ?? {}),
});
