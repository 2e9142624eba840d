/**
 * Translating between HTTP and Lambda the way API Gateway's HTTP API (payload format 2.0) does: the request into the
 * event a handler receives, and the handler's result into the HTTP response.
 */
import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2 } from 'aws-lambda';
import { LOCAL_ACCOUNT_ID } from './lambda-context.js';

export const LOCAL_API_ID = 'local';

export interface VerifiedToken {
  readonly claims: Record<string, string>;
  readonly scopes: string[] | null;
}

export interface IncomingRequest {
  readonly method: string;
  /** The path as received, still percent-encoded. */
  readonly rawPath: string;
  /** Everything after '?', as received ('' when there is none). */
  readonly rawQueryString: string;
  /** Header name (any case) to every value it was sent with. */
  readonly headers: Readonly<Record<string, readonly string[]>>;
  readonly body: Buffer;
  readonly sourceIp: string;
  readonly localPort: number;
  readonly protocol: string;
  readonly routeKey: string;
  readonly pathParameters: Readonly<Record<string, string>>;
  /** Present only on routes behind the authorizer; public routes' events carry no authorizer at all. */
  readonly token?: VerifiedToken;
  readonly requestId: string;
  readonly receivedAt: Date;
}

/** An API Gateway request id: 10 random bytes, base64 (e.g. `JKJaXmPLvHcESHA=`). */
export function newApiRequestId(): string {
  return randomBytes(10).toString('base64');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const pad = (n: number) => String(n).padStart(2, '0');

/** `requestContext.time`: `12/Mar/2020:19:03:58 +0000`. */
export function requestTime(date: Date): string {
  return `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(
    date.getUTCMinutes(),
  )}:${pad(date.getUTCSeconds())} +0000`;
}

function traceId(date: Date): string {
  return `Root=1-${Math.floor(date.getTime() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
}

/** Query parameters decoded, a repeated name's values joined by ',' (as API Gateway does); undefined if none. */
export function queryParameters(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString === '') return undefined;
  // A Map, then own properties: `joined['__proto__'] = v` on a plain object would drop the parameter silently.
  const joined = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    const earlier = joined.get(name);
    joined.set(name, earlier === undefined ? value : `${earlier},${value}`);
  }
  return Object.fromEntries(joined);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The body as API Gateway passes it: text as is, anything that is not valid UTF-8 as base64. */
export function eventBody(body: Buffer): { body?: string; isBase64Encoded: boolean } {
  if (body.length === 0) return { isBase64Encoded: false };
  try {
    return { body: strictUtf8.decode(body), isBase64Encoded: false };
  } catch {
    return { body: body.toString('base64'), isBase64Encoded: true };
  }
}

export function apiGatewayEvent(request: IncomingRequest): APIGatewayProxyEventV2WithJWTAuthorizer {
  // Collected in a Map: a header named `__proto__` is a header, not the object's prototype.
  const collected = new Map<string, string>();
  let cookies: string[] | undefined;
  for (const [name, values] of Object.entries(request.headers)) {
    const lower = name.toLowerCase();
    if (lower === 'cookie') {
      // Payload 2.0 moves cookies out of the headers into their own list.
      cookies = values.flatMap((value) => value.split(';')).map((cookie) => cookie.trim()).filter(Boolean);
      continue;
    }
    const earlier = collected.get(lower);
    collected.set(lower, earlier === undefined ? values.join(',') : `${earlier},${values.join(',')}`);
  }
  const headers: Record<string, string> = Object.fromEntries(collected);
  headers['x-forwarded-for'] = request.sourceIp;
  headers['x-forwarded-port'] = String(request.localPort);
  headers['x-forwarded-proto'] = 'http';
  headers['x-amzn-trace-id'] = traceId(request.receivedAt);

  const host = headers['host'] ?? `127.0.0.1:${request.localPort}`;
  const query = queryParameters(request.rawQueryString);
  const hasParameters = Object.keys(request.pathParameters).length > 0;
  const requestContext = {
    accountId: LOCAL_ACCOUNT_ID,
    apiId: LOCAL_API_ID,
    domainName: host,
    domainPrefix: host.split(/[.:]/)[0] ?? host,
    http: {
      method: request.method,
      path: request.rawPath,
      protocol: request.protocol,
      sourceIp: request.sourceIp,
      userAgent: headers['user-agent'] ?? '',
    },
    requestId: request.requestId,
    routeKey: request.routeKey,
    stage: '$default',
    time: requestTime(request.receivedAt),
    timeEpoch: request.receivedAt.getTime(),
    ...(request.token
      ? { authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: request.token.claims, scopes: request.token.scopes } } }
      : {}),
  };
  const event = {
    version: '2.0',
    routeKey: request.routeKey,
    rawPath: request.rawPath,
    rawQueryString: request.rawQueryString,
    ...(cookies && cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(query ? { queryStringParameters: query } : {}),
    ...(hasParameters ? { pathParameters: { ...request.pathParameters } } : {}),
    requestContext,
    ...eventBody(request.body),
  };
  // A public route's event has no `authorizer`, exactly as in AWS; the type makes it required, the handlers do not.
  return event as APIGatewayProxyEventV2WithJWTAuthorizer;
}

export interface HttpReply {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly cookies: readonly string[];
  readonly body: Buffer;
}

/** The handler returned something API Gateway cannot turn into a response (it answers 500). */
export class MalformedLambdaResultError extends Error {
  override name = 'MalformedLambdaResultError';
}

function isStructured(result: unknown): result is Exclude<APIGatewayProxyResultV2, string> {
  return typeof result === 'object' && result !== null && 'statusCode' in result;
}

/**
 * The HTTP response for a handler's result. A result with a `statusCode` is taken as the structured form; anything
 * else is, as in AWS, a 200 `application/json` whose body is the result (a string as is, the rest as JSON).
 */
export function replyFromResult(result: unknown): HttpReply {
  if (!isStructured(result)) {
    const body = typeof result === 'string' ? result : (JSON.stringify(result) ?? 'null');
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, cookies: [], body: Buffer.from(body, 'utf8') };
  }
  const { statusCode } = result;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    throw new MalformedLambdaResultError('statusCode must be an integer HTTP status');
  }
  if (result.body !== undefined && typeof result.body !== 'string') throw new MalformedLambdaResultError('body must be a string');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name.toLowerCase()] = String(value);
  const text = result.body ?? '';
  return {
    statusCode,
    headers,
    cookies: result.cookies ?? [],
    body: result.isBase64Encoded ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8'),
  };
}
