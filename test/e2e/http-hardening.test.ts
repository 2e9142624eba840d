/**
 * What every reply carries whatever answered it (a handler, the authorizer, the router, or Node's own parser), and
 * what a client that breaks HTTP gets: security headers everywhere, `Cache-Control: no-store` on every error and
 * every reply that can carry patient data, problem+json for requests refused before routing (431, bad framing),
 * and no 500 logged when a client hangs up in the middle of its body.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalLog, LogAttributes } from '#local/local-log.js';
import { startLocalStack, type LocalStack } from '#local/local-stack.js';
import { apiClient, type ApiReply } from '#test/support/api-client.js';
import { eligibleProfile } from '#test/support/profiles.js';

let stack: LocalStack;
let physician: string;
let coordinator: string;
const call = apiClient(() => stack.apiUrl);
const logged: { level: string; message: string; attributes: LogAttributes }[] = [];
const log: LocalLog = {
  info: (message, attributes) => logged.push({ level: 'info', message, attributes }),
  warn: (message, attributes) => logged.push({ level: 'warn', message, attributes }),
  error: (message, attributes) => logged.push({ level: 'error', message, attributes }),
};
const today = () => new Date().toISOString().slice(0, 10);
const SITE = 'hebei-yanda-ludaopei';

beforeAll(async () => {
  stack = await startLocalStack({ inMemory: true, port: 0, rescreenIntervalMs: false, quiet: true, log });
  physician = await stack.mintToken({ role: 'physician', sub: 'dr-headers' });
  coordinator = await stack.mintToken({ role: 'coordinator', sub: 'coord-headers', siteId: SITE });
});

afterAll(async () => {
  await stack?.stop();
});

/** Sends raw bytes and returns the raw reply (until the server closes or `waitMs` passes). */
function rawExchange(bytes: string | Buffer, waitMs = 2_000): Promise<string> {
  const url = new URL(stack.apiUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    let reply = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(reply);
    }, waitMs);
    socket.on('data', (chunk) => (reply += chunk.toString('utf8')));
    socket.on('end', () => {
      clearTimeout(timer);
      resolve(reply);
    });
    socket.on('error', reject);
    socket.write(bytes);
  });
}

function parseRaw(raw: string): { status: number; headers: Map<string, string>; body: string } {
  const [head = '', body = ''] = raw.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = new Map(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}

describe('headers on every reply', () => {
  const expectHardened = (reply: ApiReply, where: string) => {
    expect(reply.headers.get('x-content-type-options'), where).toBe('nosniff');
    expect(reply.headers.get('content-security-policy'), where).toContain("frame-ancestors 'none'");
    if (reply.status >= 400) expect(reply.headers.get('cache-control'), where).toContain('no-store');
  };

  it('from the handlers: successes, patient data, errors', async () => {
    const created = await call('POST', '/referrals', physician, { trialId: 'NCT05212584', prescreeningConsent: { attested: true }, profile: eligibleProfile(today()) });
    const id = String(created.body.id);
    await stack.drainQueue();
    const replies: [string, ApiReply][] = [
      ['POST 201', created],
      ['GET referral', await call('GET', `/referrals/${id}`, physician)],
      ['GET referrals', await call('GET', '/referrals', physician)],
      ['GET inbox', await call('GET', `/sites/${SITE}/candidates`, coordinator)],
      ['GET trial', await call('GET', '/trials/NCT05212584')],
      ['GET openapi', await call('GET', '/openapi.json')],
      ['422', await call('POST', '/referrals', physician, { trialId: 'NCT05212584' })],
      ['404 handler', await call('GET', '/referrals/00000000-0000-4000-8000-000000000000', physician)],
      ['403', await call('GET', '/referrals', coordinator)],
      ['DELETE 204', await call('DELETE', `/referrals/${id}`, physician)],
      ['410', await call('GET', `/referrals/${id}`, physician)],
    ];
    for (const [where, reply] of replies) expectHardened(reply, where);
    for (const [where, reply] of replies.slice(0, 4)) expect(reply.headers.get('cache-control'), where).toBe('no-store');
  });

  it('from the local API itself: no token, no route, wrong method, too large', async () => {
    const replies: [string, ApiReply][] = [
      ['401', await call('GET', '/referrals')],
      ['404 route', await call('GET', '/nowhere')],
      ['405', await call('PUT', '/referrals')],
      ['413', await call('POST', '/referrals', physician, 'x'.repeat(11 * 1024 * 1024))],
    ];
    for (const [where, reply] of replies) {
      expectHardened(reply, where);
      expect(reply.headers.get('content-type'), where).toContain('application/problem+json');
    }
  });
});

describe('requests Node refuses before routing', () => {
  it('answers headers over the limit with 431 problem+json', async () => {
    const raw = await rawExchange(`GET /trials/NCT05212584 HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`);
    const reply = parseRaw(raw);
    expect(reply.status, raw.slice(0, 200)).toBe(431);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(JSON.parse(reply.body)).toMatchObject({ status: 431, type: expect.stringContaining('header') });
  });

  it.each([
    ['a Content-Length that is not a number', 'POST /referrals HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n'],
    ['Content-Length and Transfer-Encoding together', 'POST /referrals HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n'],
    ['a broken chunk', 'POST /referrals HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n'],
    ['a request line that is not HTTP', 'HELLO\r\n\r\n'],
  ])('answers %s with 400 problem+json', async (_what, bytes) => {
    const raw = await rawExchange(bytes);
    const reply = parseRaw(raw);
    expect(reply.status, raw.slice(0, 200)).toBe(400);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.parse(reply.body)).toMatchObject({ status: 400 });
  });
});

describe('a client that hangs up', () => {
  it('mid-body is logged as abandoned, not as a 500', async () => {
    logged.length = 0;
    const url = new URL(stack.apiUrl);
    await new Promise<void>((resolve) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write(`POST /referrals HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${physician}\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"trialId":`);
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 100);
      });
    });
    for (let i = 0; i < 40 && logged.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.filter((entry) => entry.level === 'error')).toEqual([]);
    expect(logged.some((entry) => entry.attributes['status'] === 500)).toBe(false);
    expect(logged.some((entry) => /abandon|closed/i.test(entry.message))).toBe(true);
  });
});
