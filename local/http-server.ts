/**
 * The local stand-in for API Gateway's HTTP API: routes from the shared route table, the JWT authorizer on every
 * route with roles, the payload 2.0 event and a Lambda context for the handler, and the handler's result written
 * back. It adds nothing the handlers could come to rely on that AWS would not give them.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { performance } from 'node:perf_hooks';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { API_KEY_HEADER, type RouteDefinition } from '#http/routes.js';
import { checkApiKey, type IssuedKey } from '#auth/api-keys.js';
import { NO_STORE, SECURITY_HEADERS } from '#http/security-headers.js';
import { apiGatewayEvent, newApiRequestId, replyFromResult, type HttpReply, type VerifiedToken } from './api-gateway-event.js';
import { createLambdaContext } from './lambda-context.js';
import type { LocalAuthorizer } from './local-authorizer.js';
import { consoleLog, errorAttributes, type LocalLog } from './local-log.js';
import { createRouteMatcher } from './route-matcher.js';
import { listen } from './listen.js';
import type { LocalWebHandler } from './web-app.js';

/** A Lambda handler behind the HTTP API (payload 2.0, JWT authorizer). */
export type LocalHttpHandler = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) => Promise<APIGatewayProxyResultV2>;

/** API Gateway's limit on a request body. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** Past this much unread body the client is cut off instead of drained, so a 413 cannot be used to keep us busy. */
const MAX_DRAIN_BYTES = 4 * MAX_BODY_BYTES;

export interface LocalApiOptions<R extends RouteDefinition> {
  readonly routes: readonly R[];
  readonly handlers: Readonly<Record<R['handler'], LocalHttpHandler>>;
  readonly authorizer: LocalAuthorizer;
  /** Keys accepted on routes marked `apiKey` (the FHIR matching routes), in the x-api-key header. */
  readonly apiKeys?: readonly IssuedKey[];
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  readonly logger?: LocalLog;
  readonly maxBodyBytes?: number;
  /** The Lambda timeout each handler's context counts down from. */
  readonly functionTimeoutMs?: number;
  /** Requests served before the route table: the web app's files and its local-only sign-in routes. */
  readonly localRoutes?: { match(method: string, path: string): LocalWebHandler | undefined };
}

export interface LocalApi {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** The headers of a reply the local API writes itself, as the handlers' replies carry them. */
const OWN_REPLY_HEADERS = { 'content-type': 'application/problem+json', 'cache-control': NO_STORE, ...SECURITY_HEADERS };

function problemBody(status: number, title: string, detail: string): Buffer {
  return Buffer.from(JSON.stringify({ type: `https://trial-match.dev/problems/${problemType(status)}`, title, status, detail }), 'utf8');
}

function problemReply(status: number, title: string, detail: string, headers: Record<string, string> = {}): HttpReply {
  return { statusCode: status, headers: { ...OWN_REPLY_HEADERS, ...headers }, cookies: [], body: problemBody(status, title, detail) };
}

function problemType(status: number): string {
  switch (status) {
    case 400:
      return 'bad-request';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not-found';
    case 405:
      return 'method-not-allowed';
    case 408:
      return 'request-timeout';
    case 413:
      return 'payload-too-large';
    case 431:
      return 'request-header-fields-too-large';
    default:
      return 'internal';
  }
}

/**
 * What Node's parser refused before any route saw the request: headers over the limit (431), broken framing (400:
 * a bad Content-Length, Content-Length with Transfer-Encoding, a bad chunk, not HTTP at all), a request too slow
 * to arrive (408). Answered as problem+json on the raw socket, then the connection is closed.
 */
function refusedBeforeRouting(error: NodeJS.ErrnoException): { status: number; title: string; detail: string } {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, title: 'Request header fields too large', detail: 'the request headers exceed the server limit' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, title: 'Request timeout', detail: 'the request did not arrive in time' };
    default:
      return { status: 400, title: 'The request is malformed', detail: 'the request is not well-formed HTTP/1.1' };
  }
}

const REASONS: Readonly<Record<number, string>> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

type BodyRead =
  | { readonly kind: 'complete'; readonly body: Buffer }
  | { readonly kind: 'too-large'; readonly drained: boolean }
  | { readonly kind: 'abandoned' };

/**
 * Reads the body, counting as it streams: past the limit it keeps nothing, and stops reading past the drain cap. A
 * client that goes away before the end of its body has abandoned the request: nobody is left to answer, and it is
 * not a server error.
 */
function readBody(request: IncomingMessage, limit: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > MAX_DRAIN_BYTES) {
      resolve({ kind: 'too-large', drained: false });
      return;
    }
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        if (size > MAX_DRAIN_BYTES) {
          request.pause();
          resolve({ kind: 'too-large', drained: false });
        }
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? { kind: 'too-large', drained: true } : { kind: 'complete', body: Buffer.concat(chunks) }));
    // 'error' (ECONNRESET, "aborted") or a close without 'end': the client hung up mid-body.
    request.on('error', () => resolve({ kind: 'abandoned' }));
    request.on('close', () => {
      if (!request.complete) resolve({ kind: 'abandoned' });
    });
  });
}

function writeReply(response: ServerResponse, reply: HttpReply, requestId: string, close: boolean): void {
  const headers: Record<string, string | string[]> = { ...reply.headers, 'apigw-requestid': requestId };
  const cookies = [...reply.cookies, ...(reply.headers['set-cookie'] ? [reply.headers['set-cookie']] : [])];
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  // A HEAD reply carries the length GET would send (the handler says so); Node sends no body for HEAD anyway.
  const headLength = response.req.method === 'HEAD' && reply.body.length === 0 ? reply.headers['content-length'] : undefined;
  headers['content-length'] = headLength ?? String(reply.body.length);
  if (close) headers['connection'] = 'close';
  response.writeHead(reply.statusCode, headers);
  response.end(reply.body);
}

export async function startLocalApi<R extends RouteDefinition>(options: LocalApiOptions<R>): Promise<LocalApi> {
  const match = createRouteMatcher(options.routes);
  const log = options.logger ?? consoleLog;
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const handlers: Readonly<Record<string, LocalHttpHandler>> = options.handlers;
  for (const route of options.routes) {
    if (typeof handlers[route.handler] !== 'function') throw new Error(`no handler given for ${route.handler}`);
  }

  type Answer = { reply: HttpReply; routeKey: string; close: boolean } | { abandoned: true; routeKey: string };

  async function answer(request: IncomingMessage, requestId: string): Promise<Answer> {
    const method = request.method ?? 'GET';
    const target = request.url ?? '/';
    const queryAt = target.indexOf('?');
    const rawPath = queryAt === -1 ? target : target.slice(0, queryAt);
    const rawQueryString = queryAt === -1 ? '' : target.slice(queryAt + 1);

    const local = options.localRoutes?.match(method, rawPath);
    if (local) {
      const read = await readBody(request, limit);
      const routeKey = `${method} ${rawPath}`;
      if (read.kind === 'abandoned') return { abandoned: true, routeKey };
      if (read.kind === 'too-large') {
        return { reply: problemReply(413, 'The request body is too large', `the body must not exceed ${limit} bytes`), routeKey, close: !read.drained };
      }
      return { reply: await local({ method, path: rawPath, headers: request.headers, body: read.body }), routeKey, close: false };
    }

    const matched = match(method, rawPath);
    if (matched.kind === 'not-found') {
      return { reply: problemReply(404, 'Not found', 'no route matches this path'), routeKey: '-', close: false };
    }
    if (matched.kind === 'method-not-allowed') {
      const allow = matched.allow.join(', ');
      return {
        reply: problemReply(405, 'Method not allowed', `this path answers ${allow}`, { allow }),
        routeKey: '-',
        close: false,
      };
    }
    const { route, routeKey, pathParameters } = matched;

    const read = await readBody(request, limit);
    if (read.kind === 'abandoned') return { abandoned: true, routeKey };
    if (read.kind === 'too-large') {
      return {
        reply: problemReply(413, 'The request body is too large', `the body must not exceed ${limit} bytes`),
        routeKey,
        close: !read.drained,
      };
    }

    if (route.apiKey) {
      // As API Gateway's REQUEST authorizer: no identity source is a 401 without calling it, a refused key a 403.
      const decision = checkApiKey(request.headers[API_KEY_HEADER] as string | undefined, options.apiKeys ?? []);
      if (decision.outcome !== 'allow') {
        return {
          reply:
            decision.outcome === 'missing'
              ? problemReply(401, 'An API key is required', `send the API key in the ${API_KEY_HEADER} header`)
              : problemReply(403, 'Not allowed', 'the API key is not valid'),
          routeKey,
          close: false,
        };
      }
    }

    let token: VerifiedToken | undefined;
    if (route.roles.length > 0) {
      const decision = await options.authorizer.authorize(request.headers.authorization);
      if (!decision.ok) {
        return {
          reply: problemReply(401, 'Authentication is required', decision.reason, {
            'www-authenticate': 'Bearer error="invalid_token"',
          }),
          routeKey,
          close: false,
        };
      }
      token = { claims: decision.claims, scopes: decision.scopes };
    }

    const event = apiGatewayEvent({
      method,
      rawPath,
      rawQueryString,
      headers: request.headersDistinct as Record<string, string[]>,
      body: read.body,
      sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
      localPort: request.socket.localPort ?? 0,
      protocol: `HTTP/${request.httpVersion}`,
      routeKey,
      pathParameters,
      ...(token ? { token } : {}),
      requestId,
      receivedAt: new Date(),
    });
    const handler = handlers[route.handler] as LocalHttpHandler;
    const context = createLambdaContext({
      functionName: route.handler,
      ...(options.functionTimeoutMs === undefined ? {} : { timeoutMs: options.functionTimeoutMs }),
    });
    try {
      return { reply: replyFromResult(await handler(event, context)), routeKey, close: false };
    } catch (error) {
      // In AWS a failed invocation is a 500 from API Gateway too; the handlers are meant never to let this happen.
      log.error('handler failed', { routeKey, requestId, ...errorAttributes(error) });
      return {
        reply: problemReply(500, 'Internal error', 'the handler failed; the error was logged'),
        routeKey,
        close: false,
      };
    }
  }

  /** Requests whose handler is still running: close() waits for them, so the store is never shut under a write. */
  const inFlight = new Set<Promise<unknown>>();
  const server = createServer((request, response) => {
    const started = performance.now();
    const requestId = newApiRequestId();
    const handling = answer(request, requestId)
      .catch((error: unknown) => {
        log.error('local API failed', { requestId, ...errorAttributes(error) });
        return { reply: problemReply(500, 'Internal error', 'the local API failed'), routeKey: '-', close: true };
      })
      .then((answered) => {
        if ('abandoned' in answered) {
          // Nobody to answer: the client went away before sending its whole body. Not a server error.
          log.info('request abandoned by the client', {
            method: request.method ?? '',
            routeKey: answered.routeKey,
            ms: Math.round(performance.now() - started),
          });
          response.destroy();
          return;
        }
        const { reply, routeKey, close } = answered;
        let status = reply.statusCode;
        try {
          writeReply(response, reply, requestId, close);
        } catch (error) {
          // A header the handler set that HTTP cannot carry: API Gateway would also answer 500.
          log.error('unwritable response', { routeKey, requestId, ...errorAttributes(error) });
          status = 500;
          if (!response.headersSent) writeReply(response, problemReply(500, 'Internal error', 'the response was malformed'), requestId, close);
          else response.destroy();
        }
        if (close) response.once('finish', () => request.socket.destroy());
        log.info('request', {
          method: request.method ?? '',
          routeKey,
          status,
          ms: Math.round(performance.now() - started),
        });
      })
      .catch((error: unknown) => {
        log.error('local API failed', { requestId, ...errorAttributes(error) });
        response.destroy();
      });
    inFlight.add(handling);
    void handling.finally(() => inFlight.delete(handling));
  });

  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // A client that reset the connection cannot be answered; anything else gets a problem on the raw socket.
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const { status, title, detail } = refusedBeforeRouting(error);
    const body = problemBody(status, title, detail);
    const headers = { ...OWN_REPLY_HEADERS, 'content-length': String(body.length), connection: 'close' };
    const head = [`HTTP/1.1 ${status} ${REASONS[status] ?? 'Bad Request'}`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
    socket.end(Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), body]));
    log.warn('request refused before routing', { status, reason: error.code ?? 'unknown' });
  });

  const host = options.host ?? '127.0.0.1';
  const port = await listen(server, options.port ?? 0, host);
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: async () => {
      const closed = new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      // A handler may still be writing for a client that is gone: let it finish before anything behind it stops.
      await Promise.allSettled([...inFlight]);
      await closed;
    },
  };
}
