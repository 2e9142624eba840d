/**
 * One server of the load bench, in a process of its own, as `npm start` runs: the bench's autocannon stays out of
 * its event loop. Started by bench/load.ts over IPC (`fork`), never by hand.
 *
 *   stack     the local stack with `npm start`'s defaults: dynalite on disk under the data directory, the queue
 *             consumer polling, the rescreening schedule every 60 s, log lines on stdout
 *   constant  the same local API (routing, API Gateway events, JWT checks) in front of handlers that answer a constant
 *   bare      node:http answering the same constant
 *
 * Messages: the child sends `{ url }` once listening; the parent may send `drain` (answered `{ drained }`), `cpu`
 * (answered `{ cpuMicros }`), `hold-queue` / `release-queue` (answered `{ queue }`) and `stop`.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startLocalApi } from '#local/http-server.js';
import { createLocalAuthorizer } from '#local/local-authorizer.js';
import { localIdentity } from '#local/local-identity.js';
import { silentLog } from '#local/local-log.js';
import { startLocalStack } from '#local/local-stack.js';
import { ROUTES } from '#http/routes.js';

export const LOAD_SERVER_KINDS = ['stack', 'constant', 'bare'] as const;
export type LoadServerKind = (typeof LOAD_SERVER_KINDS)[number];

export type ToLoadServer = 'drain' | 'cpu' | 'hold-queue' | 'release-queue' | 'stop';
/**
 * `cpuMicros`: user + system CPU time of the whole process (every thread, dynalite's included) so far;
 * `mainThreadMicros`: the main thread's share (the API, the handlers, the queue consumer), where the OS tells it.
 */
export type FromLoadServer =
  | { readonly url: string }
  | { readonly drained: number }
  | { readonly cpuMicros: number; readonly mainThreadMicros?: number }
  | { readonly queue: 'held' | 'released' };

const CONSTANT_BODY = '{"ok":true}';

/** Clock ticks per second of /proc's CPU times (USER_HZ): 100 on every Linux Node.js supports. */
const USER_HZ = 100;

/**
 * The main thread's CPU time so far (user + system), from Linux's /proc; undefined elsewhere. Its thread id is the
 * process id. The rest of the process is dynalite's thread, V8's helpers (garbage collection, compilation) and the
 * I/O pool (LevelDB's reads and writes).
 */
function mainThreadMicros(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / USER_HZ;
  } catch {
    return undefined;
  }
}

interface RunningServer {
  readonly url: string;
  drain(): Promise<number>;
  /** Stops the queue consumer polling (messages wait), or lets it poll again; no queue: nothing to do. */
  holdQueue(held: boolean): Promise<void>;
  stop(): Promise<void>;
}

async function start(kind: LoadServerKind, dataDir: string): Promise<RunningServer> {
  const noQueue = async () => undefined;
  if (kind === 'stack') {
    // What `npm start -- --data-dir <dir> --port 0` starts (local/main.ts), logs included.
    const stack = await startLocalStack({ dataDir, port: 0, rescreenIntervalMs: 60_000 });
    return {
      url: stack.apiUrl,
      // A held run leaves thousands of messages (ten a round): drain them all, however many rounds that takes.
      drain: async () => (await stack.drainQueue({ maxRounds: Number.POSITIVE_INFINITY })).delivered,
      holdQueue: async (held) => (held ? stack.queue.stop() : stack.queue.start()),
      stop: () => stack.stop(),
    };
  }
  if (kind === 'constant') {
    const identity = await localIdentity(dataDir);
    const constant = async () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: CONSTANT_BODY });
    const handlers = Object.fromEntries(ROUTES.map((route) => [route.handler, constant])) as Record<(typeof ROUTES)[number]['handler'], typeof constant>;
    const api = await startLocalApi({
      routes: ROUTES,
      handlers,
      authorizer: createLocalAuthorizer({ issuer: identity.issuer, audience: identity.audience, jwks: identity.jwks }),
      port: 0,
      host: '127.0.0.1',
      logger: silentLog,
    });
    return { url: api.url, drain: async () => 0, holdQueue: noQueue, stop: () => api.close() };
  }
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(CONSTANT_BODY);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    drain: async () => 0,
    holdQueue: noQueue,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

const [kind, dataDir] = process.argv.slice(2);
if (!process.send || !LOAD_SERVER_KINDS.includes(kind as LoadServerKind) || dataDir === undefined) {
  console.error('bench/load-server.ts is started by bench/load.ts (fork with IPC): <stack|constant|bare> <data dir>');
  process.exit(2);
}
const send = (message: FromLoadServer) => process.send?.(message);
const server = await start(kind as LoadServerKind, dataDir);
process.on('message', (message: ToLoadServer) => {
  if (message === 'drain') {
    void server.drain().then((drained) => send({ drained }));
  } else if (message === 'hold-queue' || message === 'release-queue') {
    const held = message === 'hold-queue';
    void server.holdQueue(held).then(() => send({ queue: held ? 'held' : 'released' }));
  } else if (message === 'cpu') {
    const { user, system } = process.cpuUsage();
    const main = mainThreadMicros();
    send({ cpuMicros: user + system, ...(main === undefined ? {} : { mainThreadMicros: main }) });
  } else if (message === 'stop') {
    // process.exit writes the --cpu-prof profile, if one is being taken.
    void server.stop().finally(() => process.exit(0));
  }
});
send({ url: server.url });
