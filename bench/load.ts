/**
 * Load on the local stack with autocannon: requests/s, p50 and p99 for `POST /referrals` and the coordinators'
 * inbox, beside the same local API server answering a constant from a trivial handler (same routing, same JWT
 * verification) and a bare node:http server. The ratio is what our handlers, the store and dynalite cost.
 *
 * Each server runs in a process of its own (bench/load-server.ts), the local stack as `npm start` runs it (dynalite
 * on disk, in its own thread; the queue consumer and the schedule running; log lines written), and autocannon runs
 * here, so the load generator does not share the server's event loop. The servers are measured in turn, round after
 * round, so a noisy neighbour on a shared machine touches all of them; the median round is reported with the range
 * and the load average.
 *
 * BENCH_LOAD_CPU_PROF=<dir> writes a V8 CPU profile of the local stack's process to <dir> (open it in Chrome's
 * DevTools, or any .cpuprofile viewer).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { localIdentity } from '#local/local-identity.js';
import { eligibleProfile } from '#test/support/profiles.js';
import type { FromLoadServer, LoadServerKind, ToLoadServer } from './load-server.js';
import { renderTable } from './render-table.js';
import { median } from './rounds.js';

export interface LoadBenchOptions {
  readonly durationSeconds?: number;
  readonly connections?: number;
  readonly seededCandidates?: number;
  /** How many times each row is measured (servers in turn); the median is reported. */
  readonly rounds?: number;
}

/** One autocannon run. */
export interface LoadRun {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly non2xx: number;
  /** CPU time the server's process (all its threads) spent per request answered: steadier than req/s on a shared machine. */
  readonly cpuMsPerRequest: number;
  /** The main thread's part of it (API, handlers, queue consumer); NaN where the OS does not tell threads apart. */
  readonly mainThreadCpuMsPerRequest: number;
  /** The 1-minute load average when the run ended. */
  readonly loadAverage: number;
}

export interface LoadBenchRow {
  readonly target: string;
  readonly server: string;
  /** Medians of the runs. */
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly cpuMsPerRequest: number;
  readonly mainThreadCpuMsPerRequest: number;
  /** Summed over the runs. */
  readonly non2xx: number;
  /** The constant-handler baseline's requests/s divided by this row's (medians). */
  readonly overhead: number;
  readonly runs: readonly LoadRun[];
}

const SITE = 'hebei-yanda-ludaopei';
export const OURS = 'trial-match (local stack)';
/**
 * The same stack with its queue consumer held for the run (and drained after): on AWS notify-site is another
 * function, on CPU of its own; here each POST's notification (a read and a write of the referral, the signed
 * webhook, the site's check) runs beside the API. A diagnostic row that separates the route's cost from the
 * consumer's; the target is judged on the stack as `npm start` runs it.
 */
export const OURS_CONSUMER_HELD = 'trial-match, queue consumer held';
const BASELINE = 'same local API, constant handler';
const SERVERS: readonly LoadServerKind[] = ['stack', 'constant', 'bare'];

interface Variant {
  readonly name: string;
  readonly kind: LoadServerKind;
  readonly holdQueue?: boolean;
}

const variantsFor = (target: string): readonly Variant[] => [
  { name: OURS, kind: 'stack' },
  ...(target === SUBMIT ? [{ name: OURS_CONSUMER_HELD, kind: 'stack' as const, holdQueue: true }] : []),
  { name: BASELINE, kind: 'constant' },
  { name: 'bare node:http, constant', kind: 'bare' },
];

/** The issue's targets (issue 11, section 3), printed beside the figures; never asserted. */
export const LOAD_TARGETS = { inboxRequestsPerSecond: 200, submitP99Ms: 100 } as const;
const INBOX = 'GET /sites/{siteId}/candidates';
/** An unmeasured run per server and route before the measured rounds. */
const WARM_UP_SECONDS = 2;
const SUBMIT = 'POST /referrals';

function referralBody(): string {
  const today = new Date().toISOString().slice(0, 10);
  return JSON.stringify({ trialId: 'NCT05212584', prescreeningConsent: { attested: true }, profile: eligibleProfile(today) });
}

interface RunningServer {
  readonly kind: LoadServerKind;
  readonly url: string;
  readonly dataDir: string;
  drain(): Promise<void>;
  /** Holds the queue consumer (messages wait) or lets it poll again. */
  holdQueue(held: boolean): Promise<void>;
  /** CPU time of the server's process so far, and of its main thread where known, in microseconds. */
  cpuMicros(): Promise<{ process: number; mainThread?: number }>;
  stop(): Promise<void>;
}

const SERVER_ENTRY = fileURLToPath(new URL('./load-server.ts', import.meta.url));

async function startServer(kind: LoadServerKind): Promise<RunningServer> {
  const dataDir = await mkdtemp(join(tmpdir(), `trial-match-load-${kind}-`));
  const profileDir = kind === 'stack' ? process.env['BENCH_LOAD_CPU_PROF'] : undefined;
  const child: ChildProcess = fork(SERVER_ENTRY, [kind, dataDir], {
    execArgv: ['--import', 'tsx', ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])],
    // The stack's log lines go where `npm start`'s would, minus the terminal: written, not read.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const next = () =>
    new Promise<FromLoadServer>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`load server ${kind} exited (${code})`));
      child.once('exit', onExit);
      child.once('message', (message: FromLoadServer) => {
        child.off('exit', onExit);
        resolve(message);
      });
    });
  let ready: FromLoadServer;
  try {
    ready = await next();
    if (!('url' in ready)) throw new Error(`load server ${kind} did not say where it listens`);
  } catch (error) {
    // It did not start: nothing will stop it or remove its data directory later.
    if (child.exitCode === null) child.kill();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const send = (message: ToLoadServer) => child.send(message);
  return {
    kind,
    url: ready.url,
    dataDir,
    drain: async () => {
      const answer = next();
      send('drain');
      await answer;
    },
    holdQueue: async (held) => {
      const answer = next();
      send(held ? 'hold-queue' : 'release-queue');
      await answer;
    },
    cpuMicros: async () => {
      const answer = next();
      send('cpu');
      const reply = await answer;
      if (!('cpuMicros' in reply)) throw new Error(`load server ${kind} did not report its CPU time`);
      return { process: reply.cpuMicros, ...(reply.mainThreadMicros === undefined ? {} : { mainThread: reply.mainThreadMicros }) };
    },
    stop: async () => {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      send('stop');
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function measure(
  server: RunningServer,
  request: { method: string; path: string; headers: Record<string, string>; body?: string },
  settings: Required<LoadBenchOptions>,
): Promise<LoadRun> {
  const cpuBefore = await server.cpuMicros();
  const result = await autocannon({ url: server.url, connections: settings.connections, duration: settings.durationSeconds, requests: [request] });
  const cpuAfter = await server.cpuMicros();
  const perRequest = (micros: number) => micros / 1000 / Math.max(1, result.requests.total);
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx + result.errors,
    cpuMsPerRequest: perRequest(cpuAfter.process - cpuBefore.process),
    mainThreadCpuMsPerRequest:
      cpuAfter.mainThread === undefined || cpuBefore.mainThread === undefined ? Number.NaN : perRequest(cpuAfter.mainThread - cpuBefore.mainThread),
    loadAverage: loadavg()[0] ?? Number.NaN,
  };
}

export async function runLoadBench(options: LoadBenchOptions = {}): Promise<LoadBenchRow[]> {
  const settings: Required<LoadBenchOptions> = { durationSeconds: 10, connections: 10, seededCandidates: 200, rounds: 3, ...options };
  const servers: RunningServer[] = [];
  try {
    for (const kind of SERVERS) servers.push(await startServer(kind));
    const tokens = new Map<LoadServerKind, { physician: string; coordinator: string }>();
    for (const server of servers) {
      // The bare server checks nothing; any token will do.
      const identity = await localIdentity(server.dataDir);
      tokens.set(server.kind, {
        physician: await identity.mintToken({ role: 'physician', sub: 'dr-load' }),
        coordinator: await identity.mintToken({ role: 'coordinator', sub: 'coord-load', siteId: SITE }),
      });
    }
    const stack = servers[0];
    const stackTokens = tokens.get('stack');
    if (!stack || !stackTokens) throw new Error('the local stack did not start');
    for (let i = 0; i < settings.seededCandidates; i++) {
      const response = await fetch(`${stack.url}/referrals`, {
        method: 'POST',
        headers: { authorization: `Bearer ${stackTokens.physician}`, 'content-type': 'application/json' },
        body: referralBody(),
      });
      if (response.status !== 201) throw new Error(`seeding answered ${response.status}`);
      await response.arrayBuffer();
    }
    // The site has been told of every seeded candidate, so the inbox lists them all.
    await stack.drain();

    // The inbox first, while it holds just the seeded candidates (the POST runs add thousands). Its first page at
    // the API's default size (25), as the figures this bench has always reported.
    const body = referralBody();
    const targets = [
      { target: INBOX, method: 'GET', path: `/sites/${SITE}/candidates`, token: 'coordinator' as const },
      { target: SUBMIT, method: 'POST', path: '/referrals', token: 'physician' as const, body },
    ];
    const requestFor = (t: (typeof targets)[number], server: RunningServer) => ({
      method: t.method,
      path: t.path,
      headers: { authorization: `Bearer ${tokens.get(server.kind)?.[t.token] ?? ''}`, 'content-type': 'application/json' },
      ...(t.body === undefined ? {} : { body: t.body }),
    });
    const rows: LoadBenchRow[] = [];
    for (const t of targets) {
      const variants = variantsFor(t.target);
      const runs = new Map<string, LoadRun[]>(variants.map(({ name }) => [name, []]));
      // Unmeasured first: each server's code for this route is compiled and its caches warm before the rounds.
      for (const server of servers) {
        await autocannon({
          url: server.url,
          connections: settings.connections,
          duration: Math.min(WARM_UP_SECONDS, settings.durationSeconds),
          requests: [requestFor(t, server)],
        });
        await server.drain();
      }
      for (let round = 0; round < settings.rounds; round++) {
        for (const variant of variants) {
          const server = servers.find((candidate) => candidate.kind === variant.kind);
          if (!server) throw new Error(`no ${variant.kind} server`);
          if (variant.holdQueue) await server.holdQueue(true);
          const run = await measure(server, requestFor(t, server), settings);
          runs.get(variant.name)?.push(run);
          if (variant.holdQueue) await server.holdQueue(false);
          // The queue keeps up between runs, as the consumer would in AWS.
          await server.drain();
        }
      }
      const summarised = variants.map(({ name }) => summarise(t.target, name, runs.get(name) ?? []));
      const baseline = summarised.find((row) => row.server === BASELINE)?.requestsPerSecond ?? Number.NaN;
      rows.push(...summarised.map((row) => ({ ...row, overhead: baseline / row.requestsPerSecond })));
    }
    return rows;
  } finally {
    for (const server of servers.reverse()) await server.stop();
  }
}

function summarise(target: string, server: string, runs: readonly LoadRun[]): LoadBenchRow {
  return {
    target,
    server,
    requestsPerSecond: median(runs.map((run) => run.requestsPerSecond)),
    p50Ms: median(runs.map((run) => run.p50Ms)),
    p99Ms: median(runs.map((run) => run.p99Ms)),
    cpuMsPerRequest: median(runs.map((run) => run.cpuMsPerRequest)),
    mainThreadCpuMsPerRequest: median(runs.map((run) => run.mainThreadCpuMsPerRequest)),
    non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
    overhead: Number.NaN,
    runs,
  };
}

const range = (values: readonly number[], digits = 0): string =>
  values.length < 2 ? '' : `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;

export function formatLoadTable(rows: readonly LoadBenchRow[], options: LoadBenchOptions = {}): string {
  const table = renderTable(
    ['target', 'server', 'req/s', '(range)', 'p50 ms', 'p99 ms', '(range)', 'CPU ms/req', '(main thread)', 'non-2xx', 'load avg', 'baseline ÷ this'],
    rows.map((r) => [
      r.target,
      r.server,
      r.requestsPerSecond.toFixed(0),
      range(r.runs.map((run) => run.requestsPerSecond)),
      r.p50Ms.toFixed(1),
      r.p99Ms.toFixed(1),
      range(r.runs.map((run) => run.p99Ms)),
      r.cpuMsPerRequest.toFixed(2),
      Number.isNaN(r.mainThreadCpuMsPerRequest) ? '' : r.mainThreadCpuMsPerRequest.toFixed(2),
      String(r.non2xx),
      range(r.runs.map((run) => run.loadAverage), 1) || (r.runs[0]?.loadAverage.toFixed(1) ?? ''),
      `${r.overhead.toFixed(2)}x`,
    ]),
  );
  const ours = rows.filter((r) => r.server === OURS);
  const overhead = ours.map((r) => `${r.target} ${r.overhead.toFixed(1)}x`).join(', ');
  const inbox = ours.find((r) => r.target === INBOX);
  const submit = ours.find((r) => r.target === SUBMIT);
  const held = rows.find((r) => r.target === SUBMIT && r.server === OURS_CONSUMER_HELD);
  const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
  const targets = [
    inbox ? `inbox ≥ ${LOAD_TARGETS.inboxRequestsPerSecond} req/s: ${inbox.requestsPerSecond.toFixed(1)} req/s, ${verdict(inbox.requestsPerSecond >= LOAD_TARGETS.inboxRequestsPerSecond)}` : undefined,
    submit
      ? `POST /referrals p99 ≤ ${LOAD_TARGETS.submitP99Ms} ms: ${submit.p99Ms.toFixed(0)} ms, ${verdict(submit.p99Ms <= LOAD_TARGETS.submitP99Ms)}${
          held ? ` (with the queue consumer held: ${held.p99Ms.toFixed(0)} ms)` : ''
        }`
      : undefined,
  ].filter((line) => line !== undefined);
  const rounds = options.rounds ?? rows[0]?.runs.length ?? 1;
  return [
    table,
    `overhead of our code (constant-handler req/s ÷ ours): ${overhead}`,
    `targets (medians): ${targets.join('; ')}`,
    `autocannon, ${options.connections ?? 10} connections, ${options.durationSeconds ?? 10} s per run after a ${WARM_UP_SECONDS} s warm-up, ${rounds} run(s) per row, servers in turn; each server in its own process (the local stack as \`npm start\` runs it: dynalite on disk in its own thread, queue consumer and schedule in-process); CPU ms/req: the server process's CPU time (all threads) per request answered, and its main thread's part (API, handlers, queue consumer; the rest is dynalite's thread, V8's garbage collection and compilation helpers, and LevelDB's I/O threads); load avg: the 1-minute load average at the end of the runs.`,
  ].join('\n');
}
