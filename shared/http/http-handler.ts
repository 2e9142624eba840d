/**
 * The edge of every HTTP Lambda: authenticate from the authorizer's claims, check the route's roles, run the
 * handler, and turn every failure into problem+json. Bad input is a 4xx; a throttled or unreachable store is a
 * 503 with Retry-After (the request changed nothing, retrying is safe); only a bug is a 500.
 */
import { isTransientAwsError } from '#adapters/aws-errors.js';
import type { Logger } from '@aws-lambda-powertools/logger';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { principalFromClaims, type Principal, type Role } from '#auth/principal.js';
import { InvalidCursorError } from '#ports/referral-store.js';
import { DomainProblemError } from '#use-cases/problems.js';
import { httpProblemOf } from './domain-problems.js';
import { ProblemError, problemResponse, problems } from './problem.js';
import { representationTag, weakMatch } from './entity-tags.js';
import { readIfNoneMatch } from './request.js';
import { hardened } from './security-headers.js';
import { sourceFramesOf } from '#observability/source-frames.js';

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type HttpResult = APIGatewayProxyStructuredResultV2;
export type HttpLambda = (event: HttpEvent, context: Context) => Promise<HttpResult>;

function requirePrincipal(event: HttpEvent, roles: readonly Role[]): Principal {
  const principal = principalFromClaims(event.requestContext.authorizer?.jwt?.claims);
  if (!principal) throw new ProblemError(problems.unauthorized('a valid bearer token is required'));
  if (!roles.some((role) => principal.roles.includes(role))) {
    throw new ProblemError(problems.forbidden(`this route is for the role${roles.length > 1 ? 's' : ''} ${roles.join(', ')}`));
  }
  return principal;
}

export interface HttpRequest {
  readonly event: HttpEvent;
  readonly principal: Principal;
}

function errorResponse(error: unknown, logger: Logger): HttpResult {
  if (error instanceof ProblemError) return problemResponse(error.problem);
  const refusal = error instanceof DomainProblemError ? httpProblemOf(error.problem) : undefined;
  if (refusal) return problemResponse(refusal);
  if (error instanceof InvalidCursorError) {
    return problemResponse(problems.badRequest('invalid cursor', [{ field: 'query.cursor', message: 'not a cursor this API issued' }]));
  }
  const name = error instanceof Error ? error.name : 'unknown';
  if (isTransientAwsError(error)) {
    logger.warn('transient dependency failure', { error: name });
    return problemResponse(problems.unavailable('a dependency is briefly unavailable; nothing was changed, retry'));
  }
  // Where the bug is, without what it said: the frames, not the message, which may quote the request (health data).
  logger.error('unhandled error', { error: name, stack: sourceFramesOf(error) });
  return problemResponse({ status: 500, type: 'internal', title: 'Internal error', detail: 'the error was logged' });
}

/**
 * What every reply gets at the edge: the security headers, and for GET and HEAD an ETag (a hash of the body, unless
 * the handler named one), a 304 when If-None-Match names it, and for HEAD the headers of GET without the body.
 */
function finished(event: HttpEvent, result: HttpResult): HttpResult {
  const method = event.requestContext?.http?.method;
  const reply = hardened(result);
  if (method !== 'GET' && method !== 'HEAD') return reply;
  const headers: Record<string, string | number | boolean> = { ...reply.headers };
  if (reply.statusCode === 200 && typeof reply.body === 'string') {
    const etag = typeof headers['etag'] === 'string' ? headers['etag'] : representationTag(reply.body);
    headers['etag'] = etag;
    const condition = readIfNoneMatch(event);
    if (condition && weakMatch(condition, etag)) {
      const { 'content-type': _type, 'content-length': _length, ...kept } = headers;
      return { statusCode: 304, headers: kept };
    }
  }
  if (method === 'HEAD' && typeof reply.body === 'string') {
    // The length GET would send, and no body (RFC 9110 §9.3.2).
    return { ...reply, headers: { ...headers, 'content-length': String(Buffer.byteLength(reply.body, 'utf8')) }, body: '' };
  }
  return { ...reply, headers };
}

/** A route for authenticated users with one of `roles`. */
export function authenticatedRoute(
  logger: Logger,
  roles: readonly Role[],
  handle: (request: HttpRequest) => Promise<HttpResult>,
): HttpLambda {
  return async (event, context) => {
    logger.addContext(context);
    try {
      return finished(event, await handle({ event, principal: requirePrincipal(event, roles) }));
    } catch (error) {
      return finished(event, errorResponse(error, logger));
    }
  };
}

/** A route anyone may call (the trial's public description, the OpenAPI document). */
export function publicRoute(logger: Logger, handle: (event: HttpEvent) => Promise<HttpResult>): HttpLambda {
  return async (event, context) => {
    logger.addContext(context);
    try {
      return finished(event, await handle(event));
    } catch (error) {
      return finished(event, errorResponse(error, logger));
    }
  };
}
