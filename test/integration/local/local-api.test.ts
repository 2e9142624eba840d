/**
 * The local API over real HTTP: route matching, the API Gateway payload 2.0 event the handlers receive, the JWT
 * authorizer's checks, and the errors API Gateway would answer without calling a handler.
 */
import { request as httpRequest } from 'node:http';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApi, type LocalApi, type LocalHttpHandler } from '#local/http-server.js';
import { createLocalAuthorizer } from '#local/local-authorizer.js';
import { ephemeralIdentity, type LocalIdentity } from '#local/local-identity.js';
import type { LocalLog, LogAttributes } from '#local/local-log.js';
import { ROUTES, type HttpHandlerName, type RouteDefinition } from '#http/routes.js';

interface Seen {
  readonly handler: HttpHandlerName;
  readonly event: APIGatewayProxyEventV2WithJWTAuthorizer;
  readonly context: Pick<Context, 'functionName' | 'awsRequestId'> & { remaining: number };
}

const seen: Seen[] = [];
const lines: { level: string; message: string; attributes: LogAttributes }[] = [];
const log: LocalLog = {
  info: (message, attributes) => lines.push({ level: 'info', message, attributes }),
  warn: (message, attributes) => lines.push({ level: 'warn', message, attributes }),
  error: (message, attributes) => lines.push({ level: 'error', message, attributes }),
};

function recording(handler: HttpHandlerName): LocalHttpHandler {
  return async (event, context) => {
    seen.push({
      handler,
      event,
      context: { functionName: context.functionName, awsRequestId: context.awsRequestId, remaining: context.getRemainingTimeInMillis() },
    });
    return { statusCode: 200, headers: { 'content-type': 'application/json', 'x-handler': handler }, body: JSON.stringify({ handler }) };
  };
}

const handlers = Object.fromEntries(ROUTES.map((route) => [route.handler, recording(route.handler)])) as Record<HttpHandlerName, LocalHttpHandler>;
// A few handlers with particular results.
handlers['get-openapi'] = async () => ({
  statusCode: 200,
  headers: { 'content-type': 'application/octet-stream' },
  body: Buffer.from([0xff, 0x00, 0xfe]).toString('base64'),
  isBase64Encoded: true,
  cookies: ['a=1; Path=/', 'b=2; HttpOnly'],
});
handlers['update-trial'] = async () => {
  throw new Error('patient Jane Doe born 1987-03-14 broke it');
};
handlers['list-candidates'] = async () => '{"plain":"result"}';

let api: LocalApi;
let identity: LocalIdentity;
let forger: LocalIdentity;
let physician: string;
let coordinator: string;

beforeAll(async () => {
  identity = await ephemeralIdentity();
  forger = await ephemeralIdentity();
  api = await startLocalApi({ routes: ROUTES, handlers, authorizer: createLocalAuthorizer(identity), port: 0, host: '127.0.0.1', logger: log });
  physician = await identity.mintToken({ role: 'physician', sub: 'dr-li' });
  coordinator = await identity.mintToken({ role: 'coordinator', sub: 'coord-wang', siteId: 'hebei-yanda-ludaopei' });
});

afterAll(async () => {
  await api?.close();
});

function lastSeen(): Seen {
  const last = seen.at(-1);
  if (!last) throw new Error('no handler was called');
  return last;
}

async function call(method: string, path: string, init: { token?: string; body?: string | Uint8Array; headers?: Record<string, string> } = {}) {
  const before = seen.length;
  const response = await fetch(`${api.url}${path}`, {
    method,
    headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...init.headers },
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { response, bytes, text: bytes.toString('utf8'), called: seen.length > before };
}

/** A raw request, so the path reaches the server exactly as written (fetch would normalise dot segments). */
function rawGet(path: string, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${api.url}${path}`, { method: 'GET', headers: { authorization: `Bearer ${token}` } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('routing', () => {
  it('calls the handler of the matching route with the decoded path parameters', async () => {
    const { response, called } = await call('GET', '/referrals/ref%20one', { token: physician });
    expect(response.status).toBe(200);
    expect(called).toBe(true);
    expect(response.headers.get('x-handler')).toBe('get-referral');
    expect(lastSeen().event.pathParameters).toEqual({ referralId: 'ref one' });
    expect(lastSeen().event.routeKey).toBe('GET /referrals/{referralId}');
    expect(lastSeen().event.rawPath).toBe('/referrals/ref%20one');
  });

  it('matches two parameters, one segment each', async () => {
    await call('PATCH', '/sites/hebei-yanda-ludaopei/candidates/r-9', { token: coordinator, body: '{}', headers: { 'content-type': 'application/json' } });
    expect(lastSeen().handler).toBe('update-candidate');
    expect(lastSeen().event.pathParameters).toEqual({ siteId: 'hebei-yanda-ludaopei', referralId: 'r-9' });
  });

  it('answers an unknown path with a 404 problem', async () => {
    for (const path of ['/nothing', '/referrals/a/b', '/referrals/', '//referrals', '/sites/x/candidates/y/z']) {
      const { response, text, called } = await call('GET', path, { token: physician });
      expect(response.status, path).toBe(404);
      expect(called).toBe(false);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(JSON.parse(text)).toMatchObject({ status: 404, title: expect.any(String), type: expect.any(String), detail: expect.any(String) });
    }
  });

  it('answers a known path with the wrong method with 405 and Allow', async () => {
    const { response, text, called } = await call('PUT', '/referrals/r1', { token: physician });
    expect(response.status).toBe(405);
    expect(called).toBe(false);
    expect(response.headers.get('allow')).toBe('DELETE, GET, HEAD, PATCH');
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(JSON.parse(text)).toMatchObject({ status: 405 });
    expect((await call('DELETE', '/openapi.json')).response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('never lets an encoded id escape its segment', async () => {
    for (const path of [
      '/referrals/..%2F..%2Fetc',
      '/referrals/%2E%2E',
      '/referrals/..',
      '/referrals/.',
      '/referrals/a%2Fb',
      '/referrals/a%5Cb',
      '/referrals/%00',
      '/referrals/%E0%A4%A',
      '/sites/..%2Freferrals/candidates',
    ]) {
      const before = seen.length;
      const { status, body } = await rawGet(path, physician);
      expect(status, path).toBe(404);
      expect(seen.length, path).toBe(before);
      expect(JSON.parse(body)).toMatchObject({ status: 404 });
    }
  });
});

describe('the event a handler receives', () => {
  it('is a faithful API Gateway HTTP API payload 2.0 event', async () => {
    const body = JSON.stringify({ trialId: 'NCT05212584' });
    await call('POST', '/referrals?b=2&a=1&a=3&e=%C3%A9', {
      token: physician,
      body,
      headers: { 'content-type': 'application/json', 'X-Custom': 'One', cookie: 'session=abc; theme=dark', 'user-agent': 'vitest' },
    });
    const { event, context, handler } = lastSeen();
    expect(handler).toBe('submit-referral');
    expect(event.version).toBe('2.0');
    expect(event.routeKey).toBe('POST /referrals');
    expect(event.rawPath).toBe('/referrals');
    expect(event.rawQueryString).toBe('b=2&a=1&a=3&e=%C3%A9');
    expect(event.queryStringParameters).toEqual({ a: '1,3', b: '2', e: 'é' });
    expect(event.pathParameters).toBeUndefined();
    expect(event.cookies).toEqual(['session=abc', 'theme=dark']);
    expect(event.headers['cookie']).toBeUndefined();
    expect(event.headers['x-custom']).toBe('One');
    expect(event.headers['content-type']).toBe('application/json');
    expect(event.headers['x-forwarded-proto']).toBe('http');
    expect(event.body).toBe(body);
    expect(event.isBase64Encoded).toBe(false);
    const rc = event.requestContext;
    expect(rc.http).toEqual({ method: 'POST', path: '/referrals', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' });
    expect(rc.stage).toBe('$default');
    expect(rc.routeKey).toBe('POST /referrals');
    expect(rc.requestId).toMatch(/^[A-Za-z0-9+/]{14}==?$/);
    expect(rc.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(typeof rc.timeEpoch).toBe('number');
    expect(rc.accountId).toMatch(/^\d{12}$/);
    expect(rc.domainName).toBe(new URL(api.url).host);
    expect(context.functionName).toBe('submit-referral');
    expect(context.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(context.remaining).toBeGreaterThan(0);
  });

  it('carries the verified claims in the shape API Gateway passes them', async () => {
    await call('PATCH', '/sites/hebei-yanda-ludaopei/candidates/r1', { token: coordinator, body: '{}' });
    const { jwt } = lastSeen().event.requestContext.authorizer;
    expect(jwt.claims).toMatchObject({
      sub: 'coord-wang',
      'cognito:groups': '[coordinator]',
      'custom:site_id': 'hebei-yanda-ludaopei',
      iss: identity.issuer,
      aud: identity.audience,
      token_use: 'id',
    });
    for (const value of Object.values(jwt.claims)) expect(typeof value).toBe('string');
    expect(jwt.claims['exp']).toMatch(/^\d+$/);
    expect(jwt.scopes).toBeNull();
  });

  it('passes no authorizer to a public route, even with a token', async () => {
    await call('GET', '/trials/NCT05212584', { token: physician });
    expect(lastSeen().handler).toBe('get-trial');
    expect('authorizer' in lastSeen().event.requestContext).toBe(false);
    expect(lastSeen().event.headers['authorization']).toBe(`Bearer ${physician}`);
  });

  it('base64-encodes a body that is not UTF-8', async () => {
    const bytes = new Uint8Array([0x7b, 0xff, 0xfe, 0x00, 0x7d]);
    await call('POST', '/referrals', { token: physician, body: bytes, headers: { 'content-type': 'application/octet-stream' } });
    expect(lastSeen().event.isBase64Encoded).toBe(true);
    expect(Buffer.from(lastSeen().event.body ?? '', 'base64')).toEqual(Buffer.from(bytes));
  });

  it('omits the body when there is none', async () => {
    await call('GET', '/referrals', { token: physician });
    expect(lastSeen().event.body).toBeUndefined();
    expect(lastSeen().event.queryStringParameters).toBeUndefined();
  });
});

describe('the handler result', () => {
  it('is written back: status, headers, cookies and a base64 body decoded', async () => {
    const { response, bytes } = await call('GET', '/openapi.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; HttpOnly']);
    expect(response.headers.get('apigw-requestid')).toBeTruthy();
    expect([...bytes]).toEqual([0xff, 0x00, 0xfe]);
  });

  it('a bare string result is a 200 application/json', async () => {
    const { response, text } = await call('GET', '/sites/hebei-yanda-ludaopei/candidates', { token: coordinator });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(text)).toEqual({ plain: 'result' });
  });

  it('a handler that throws is a 500 problem, logged without the error message', async () => {
    const { response, text } = await call('PATCH', '/trials/NCT05212584', { token: coordinator, body: '{}' });
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(JSON.parse(text)).toMatchObject({ status: 500 });
    const logged = lines.filter((line) => line.level === 'error');
    expect(logged.some((line) => line.attributes['routeKey'] === 'PATCH /trials/{trialId}' && line.attributes['error'] === 'Error')).toBe(true);
    expect(JSON.stringify(lines)).not.toContain('Jane');
    expect(JSON.stringify(lines)).not.toContain('1987-03-14');
  });
});

describe('authentication', () => {
  it('requires a token on routes with roles', async () => {
    const { response, text, called } = await call('GET', '/referrals');
    expect(response.status).toBe(401);
    expect(called).toBe(false);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(JSON.parse(text)).toMatchObject({ status: 401, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  });

  it('refuses a token signed by another key', async () => {
    const forged = await forger.mintToken({ role: 'physician', sub: 'dr-li' });
    const { response, called } = await call('GET', '/referrals', { token: forged });
    expect(response.status).toBe(401);
    expect(called).toBe(false);
  });

  it('refuses an expired token', async () => {
    const expired = await identity.mintToken({ role: 'physician', sub: 'dr-li', issuedAt: new Date(Date.now() - 7_200_000), expiresIn: '1h' });
    const { response, text, called } = await call('GET', '/referrals', { token: expired });
    expect(response.status).toBe(401);
    expect(called).toBe(false);
    expect(JSON.parse(text).detail).toContain('expired');
  });

  it('decides a token it has seen as a fresh verification would: it still expires, and its claims are fresh copies', async () => {
    let now = new Date();
    const authorizer = createLocalAuthorizer({ ...identity, currentDate: () => now });
    const token = await identity.mintToken({ role: 'physician', sub: 'dr-li', issuedAt: now, expiresIn: '1h' });
    const first = await authorizer.authorize(`Bearer ${token}`);
    if (!first.ok) throw new Error(first.reason);
    first.claims['sub'] = 'changed by a handler';
    expect(await authorizer.authorize(`Bearer ${token}`)).toMatchObject({ ok: true, claims: { sub: 'dr-li' } });
    // Within the clock tolerance past exp it still passes; beyond it, refused as expired, remembered or not.
    now = new Date(now.getTime() + 3_600_000 + 2_000);
    expect(await authorizer.authorize(`Bearer ${token}`)).toMatchObject({ ok: true });
    now = new Date(now.getTime() + 10_000);
    expect(await authorizer.authorize(`Bearer ${token}`)).toEqual({ ok: false, reason: 'the token has expired' });
    // Not yet valid before its iat (beyond the tolerance), though it verified later.
    now = new Date(now.getTime() - 3_600_000 - 30_000);
    expect(await authorizer.authorize(`Bearer ${token}`)).toEqual({ ok: false, reason: "the token's iat claim is not acceptable" });
  });

  it('refuses a token for another audience or issuer', async () => {
    const otherApi = createLocalAuthorizer({ ...identity, audience: 'another-app-client' });
    expect(await otherApi.authorize(`Bearer ${physician}`)).toMatchObject({ ok: false });
    const otherIssuer = createLocalAuthorizer({ ...identity, issuer: 'https://cognito-idp.example/pool' });
    expect(await otherIssuer.authorize(`Bearer ${physician}`)).toMatchObject({ ok: false });
  });

  it('refuses garbage, a tampered payload and an unsigned token', async () => {
    const [header, payload, signature] = physician.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const tampered = Buffer.from(JSON.stringify({ ...claims, sub: 'dr-wang' })).toString('base64url');
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    for (const token of ['not-a-token', `${header}.${tampered}.${signature}`, none]) {
      const { response, called } = await call('GET', '/referrals', { token });
      expect(response.status).toBe(401);
      expect(called).toBe(false);
    }
    const { response } = await call('GET', '/referrals', { headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` } });
    expect(response.status).toBe(401);
  });

  it('accepts a bare token, as API Gateway does', async () => {
    const { response, called } = await call('GET', '/referrals', { headers: { authorization: physician } });
    expect(response.status).toBe(200);
    expect(called).toBe(true);
  });
});

describe('limits and logs', () => {
  it('answers 413 to a body over 10 MB without calling the handler', async () => {
    const { response, text, called } = await call('POST', '/referrals', {
      token: physician,
      body: new Uint8Array(10 * 1024 * 1024 + 1).fill(0x61),
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(413);
    expect(called).toBe(false);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(JSON.parse(text)).toMatchObject({ status: 413 });
  });

  it('takes a body of exactly 10 MB', async () => {
    const { response, called } = await call('POST', '/referrals', {
      token: physician,
      body: new Uint8Array(10 * 1024 * 1024).fill(0x61),
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(200);
    expect(called).toBe(true);
  });

  it('logs one line per request: method, route, status, time, and never a token or a body', async () => {
    lines.length = 0;
    await call('POST', '/referrals', { token: physician, body: '{"birthDate":"1987-03-14"}' });
    const requests = lines.filter((line) => line.message === 'request');
    expect(requests).toHaveLength(1);
    expect(requests[0]?.attributes).toEqual({ method: 'POST', routeKey: 'POST /referrals', status: 200, ms: expect.any(Number) });
    const everything = JSON.stringify(lines);
    expect(everything).not.toContain(physician.split('.')[2]);
    expect(everything).not.toContain('1987-03-14');
  });
});

describe('startLocalApi', () => {
  it('refuses to start without a handler for every route', async () => {
    const { ['get-trial']: _missing, ...incomplete } = handlers;
    await expect(
      startLocalApi({ routes: ROUTES, handlers: incomplete as typeof handlers, authorizer: createLocalAuthorizer(identity), logger: log }),
    ).rejects.toThrow(/get-trial/);
  });
});

describe('a route table of its own', () => {
  const routes = [
    { method: 'GET', path: '/things/{thingId}', handler: 'any-thing', roles: [] },
    { method: 'GET', path: '/things/special', handler: 'special-thing', roles: [] },
    { method: 'GET', path: '/broken/status', handler: 'bad-status', roles: [] },
    { method: 'GET', path: '/broken/header', handler: 'bad-header', roles: [] },
  ] as const satisfies readonly RouteDefinition[];
  let own: LocalApi;

  beforeAll(async () => {
    own = await startLocalApi({
      routes,
      handlers: {
        'any-thing': async () => ({ statusCode: 200, body: 'any' }),
        'special-thing': async () => ({ statusCode: 200, body: 'special' }),
        'bad-status': async () => ({ statusCode: 1000, body: 'x' }),
        'bad-header': async () => ({ statusCode: 200, headers: { 'x-bad': 'line\nbreak' }, body: 'x' }),
      },
      authorizer: createLocalAuthorizer(identity),
      logger: log,
    });
  });

  afterAll(async () => {
    await own?.close();
  });

  it('prefers the literal route over the parameter, as API Gateway does', async () => {
    expect(await (await fetch(`${own.url}/things/special`)).text()).toBe('special');
    expect(await (await fetch(`${own.url}/things/other`)).text()).toBe('any');
  });

  it('answers 500 for a result API Gateway could not use', async () => {
    const badStatus = await fetch(`${own.url}/broken/status`);
    expect(badStatus.status).toBe(500);
    expect(badStatus.headers.get('content-type')).toBe('application/problem+json');
    const badHeader = await fetch(`${own.url}/broken/header`);
    expect(badHeader.status).toBe(500);
  });
});
