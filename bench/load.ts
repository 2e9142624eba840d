/**
 * Load on the local stack with autocannon: requests/s, p50 and p99 for `POST /referrals` and the coordinators'
 * inbox, beside the same local API server answering a constant from a trivial handler (same routing, same JWT
 * verification) and a bare node:http server. The ratio is what our handlers, the store and dynalite cost.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { startLocalApi } from '#local/http-server.js';
import { createLocalAuthorizer } from '#local/local-authorizer.js';
import { ephemeralIdentity } from '#local/local-identity.js';
import { silentLog } from '#local/local-log.js';
import { startLocalStack } from '#local/local-stack.js';
import { ROUTES } from '#http/routes.js';
import { eligibleProfile } from '#test/support/profiles.js';
import { renderTable } from './render-table.js';

export interface LoadBenchOptions {
  readonly durationSeconds?: number;
  readonly connections?: number;
  readonly seededCandidates?: number;
}

export interface LoadBenchRow {
  readonly target: string;
  readonly server: string;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly non2xx: number;
  /** The constant-handler baseline's requests/s divided by this row's. */
  readonly overhead: number;
}

const SITE = 'hebei-yanda-ludaopei';
const OURS = 'trial-match (local stack)';

function referralBody(): string {
  const today = new Date().toISOString().slice(0, 10);
  return JSON.stringify({ trialId: 'NCT05212584', prescreeningConsent: { attested: true }, profile: eligibleProfile(today) });
}

async function measure(url: string, request: { method: string; path: string; headers: Record<string, string>; body?: string }, options: Required<LoadBenchOptions>) {
  const result = await autocannon({ url, connections: options.connections, duration: options.durationSeconds, requests: [request] });
  return { requestsPerSecond: result.requests.average, p50Ms: result.latency.p50, p99Ms: result.latency.p99, non2xx: result.non2xx + result.errors };
}

export async function runLoadBench(options: LoadBenchOptions = {}): Promise<LoadBenchRow[]> {
  const settings = { durationSeconds: 10, connections: 10, seededCandidates: 200, ...options };
  const rows: LoadBenchRow[] = [];

  // The constant answers first, on the same local API machinery (routing, API Gateway events, JWT checks).
  const identity = await ephemeralIdentity();
  const constant = async () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' });
  const handlers = Object.fromEntries(ROUTES.map((route) => [route.handler, constant])) as Record<(typeof ROUTES)[number]['handler'], typeof constant>;
  const baselineApi = await startLocalApi({
    routes: ROUTES,
    handlers,
    authorizer: createLocalAuthorizer({ issuer: identity.issuer, audience: identity.audience, jwks: identity.jwks }),
    port: 0,
    host: '127.0.0.1',
    logger: silentLog,
  });
  const raw = createServer((_request, response) => {
    _request.resume();
    _request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
  const rawUrl = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;

  const stack = await startLocalStack({ inMemory: true, port: 0, rescreenIntervalMs: false, quiet: true });
  try {
    const physician = await stack.mintToken({ role: 'physician', sub: 'dr-load' });
    const coordinator = await stack.mintToken({ role: 'coordinator', sub: 'coord-load', siteId: SITE });
    const baselinePhysician = await identity.mintToken({ role: 'physician', sub: 'dr-load' });
    const baselineCoordinator = await identity.mintToken({ role: 'coordinator', sub: 'coord-load', siteId: SITE });
    for (let i = 0; i < settings.seededCandidates; i++) {
      await fetch(`${stack.apiUrl}/referrals`, {
        method: 'POST',
        headers: { authorization: `Bearer ${physician}`, 'content-type': 'application/json' },
        body: referralBody(),
      });
    }
    await stack.drainQueue();

    // The inbox first, while it holds just the seeded candidates (the POST run adds thousands). Its first page at
    // the default size, as the coordinators' screen asks for it; a page's cost grows with its size (full items).
    const targets = [
      { target: 'GET /sites/{siteId}/candidates', method: 'GET', path: `/sites/${SITE}/candidates`, ours: coordinator, theirs: baselineCoordinator },
      { target: 'POST /referrals', method: 'POST', path: '/referrals', ours: physician, theirs: baselinePhysician, body: referralBody() },
    ];
    for (const t of targets) {
      const request = (token: string) => ({
        method: t.method,
        path: t.path,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(t.body === undefined ? {} : { body: t.body }),
      });
      const baseline = await measure(baselineApi.url, request(t.theirs), settings);
      const bare = await measure(rawUrl, request(t.theirs), settings);
      const ours = await measure(stack.apiUrl, request(t.ours), settings);
      // The queue keeps up between runs, as the consumer would in AWS.
      await stack.drainQueue();
      rows.push({ target: t.target, server: OURS, ...ours, overhead: baseline.requestsPerSecond / ours.requestsPerSecond });
      rows.push({ target: t.target, server: 'same local API, constant handler', ...baseline, overhead: 1 });
      rows.push({ target: t.target, server: 'bare node:http, constant', ...bare, overhead: baseline.requestsPerSecond / bare.requestsPerSecond });
    }
  } finally {
    await stack.stop();
    await baselineApi.close();
    await new Promise<void>((resolve) => raw.close(() => resolve()));
  }
  return rows;
}

export function formatLoadTable(rows: readonly LoadBenchRow[], options: LoadBenchOptions = {}): string {
  const table = renderTable(
    ['target', 'server', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'baseline ÷ this'],
    rows.map((r) => [
      r.target,
      r.server,
      r.requestsPerSecond.toFixed(0),
      r.p50Ms.toFixed(1),
      r.p99Ms.toFixed(1),
      String(r.non2xx),
      `${r.overhead.toFixed(2)}x`,
    ]),
  );
  const ours = rows.filter((r) => r.server === OURS);
  const overhead = ours.map((r) => `${r.target} ${r.overhead.toFixed(1)}x`).join(', ');
  return [
    table,
    `overhead of our code (constant-handler req/s ÷ ours): ${overhead}`,
    `autocannon, ${options.connections ?? 10} connections, ${options.durationSeconds ?? 10} s per row; the local stack runs dynalite, the handlers and the queue consumer in this one process.`,
  ].join('\n');
}
