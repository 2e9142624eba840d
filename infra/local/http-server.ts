/**
 * The local stand-in for API Gateway's HTTP API: routes from the shared route table, the JWT authorizer on every
 * route with roles, the payload 2.0 event and a Lambda context for the handler, and the handler's result written
 * back. It adds nothing the handlers could come to rely on that AWS would not give them.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import type { RouteDefinition } from '../../shared/http/routes.js';
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

function problemReply(status: number, title: string, detail: string, headers: Record<string, string> = {}): HttpReply {
  const body = { type: `https://trial-match.dev/problems/${problemType(status)}`, title, status, detail };
  return {
    statusCode: status,
    headers: { 'content-type': 'application/problem+json', ...headers },
    cookies: [],
    body: Buffer.from(JSON.stringify(body), 'utf8'),
  };
}

function problemType(status: number): string {
  switch (status) {
    case 401:
      return 'unauthorized';
    case 404:
      return 'not-found';
    case 405:
      return 'method-not-allowed';
    case 413:
      return 'payload-too-large';
    default:
      return 'internal';
  }
}

type BodyRead = { readonly kind: 'complete'; readonly body: Buffer } | { readonly kind: 'too-large'; readonly drained: boolean };

/** Reads the body, counting as it streams: past the limit it keeps nothing, and stops reading past the drain cap. */
function readBody(request: IncomingMessage, limit: number): Promise<BodyRead> {
  return new Promise((resolve, reject) => {
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
    request.on('error', reject);
  });
}

function writeReply(response: ServerResponse, reply: HttpReply, requestId: string, close: boolean): void {
  const headers: Record<string, string | string[]> = { ...reply.headers, 'apigw-requestid': requestId };
  const cookies = [...reply.cookies, ...(reply.headers['set-cookie'] ? [reply.headers['set-cookie']] : [])];
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  headers['content-length'] = String(reply.body.length);
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

  async function answer(request: IncomingMessage, requestId: string): Promise<{ reply: HttpReply; routeKey: string; close: boolean }> {
    const method = request.method ?? 'GET';
    const target = request.url ?? '/';
    const queryAt = target.indexOf('?');
    const rawPath = queryAt === -1 ? target : target.slice(0, queryAt);
    const rawQueryString = queryAt === -1 ? '' : target.slice(queryAt + 1);

    const local = options.localRoutes?.match(method, rawPath);
    if (local) {
      const read = await readBody(request, limit);
      const routeKey = `${method} ${rawPath}`;
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
    if (read.kind === 'too-large') {
      return {
        reply: problemReply(413, 'The request body is too large', `the body must not exceed ${limit} bytes`),
        routeKey,
        close: !read.drained,
      };
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

  const server = createServer((request, response) => {
    const started = performance.now();
    const requestId = newApiRequestId();
    answer(request, requestId)
      .catch((error: unknown) => {
        log.error('local API failed', { requestId, ...errorAttributes(error) });
        return { reply: problemReply(500, 'Internal error', 'the local API failed'), routeKey: '-', close: true };
      })
      .then(({ reply, routeKey, close }) => {
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
  });

  const host = options.host ?? '127.0.0.1';
  const port = await listen(server, options.port ?? 0, host);
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
