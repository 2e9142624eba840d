/**
 * An embedded DynamoDB-compatible server (dynalite) for the local stack and the integration tests: the real AWS SDK
 * talks to it over HTTP, so the adapter under test is the one that runs on AWS.
 *
 * The local stack runs it in a worker thread of its own. On AWS the database's work (validating, storing, indexing
 * and encoding items) happens on DynamoDB's machines, not on the function's CPU; in the same thread as the handlers
 * dynalite takes about a third of the event loop under load, and every request waits behind it. Its own thread puts
 * that work beside the handlers, as AWS does (a local-only fidelity gain: it changes nothing on AWS).
 */
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import dynalite from 'dynalite';

export interface EmbeddedDynalite {
  /** `http://127.0.0.1:<port>`, for the SDK's `endpoint`. */
  readonly endpoint: string;
  close(): Promise<void>;
}

export interface EmbeddedDynaliteOptions {
  /** Keep the data in this directory (LevelDB) across restarts; in memory when absent. */
  readonly path?: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** Run it in a worker thread of its own instead of on this thread's event loop. */
  readonly ownThread?: boolean;
  /** Called if the worker thread fails after it started (the endpoint stops answering). */
  readonly onWorkerError?: (error: Error) => void;
}

/** dynalite's own settings: no artificial CREATING or DELETING delay (callers still wait for the state, just not long). */
const dynaliteOptions = (path: string | undefined) => ({ ...(path === undefined ? {} : { path }), createTableMs: 0, deleteTableMs: 0 });

/**
 * The worker: plain CommonJS evaluated as is (no TypeScript loader runs in a worker under vitest or tsx), given
 * dynalite's resolved path. It answers `{ port }` once listening, `{ error }` if it cannot, and `{ closed }` after
 * `close`, once dynalite has closed its database.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const dynalite = require(workerData.module);
const server = dynalite(workerData.options);
server.once('error', (error) => parentPort.postMessage({ error: error.message }));
server.listen(workerData.port, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', (message) => {
  if (message !== 'close') return;
  server.close((error) => parentPort.postMessage({ closed: true, error: error ? error.message : undefined }));
  server.closeIdleConnections();
});
`;

type WorkerReply = { readonly port: number } | { readonly error: string } | { readonly closed: true; readonly error?: string };

async function startInWorker(options: EmbeddedDynaliteOptions): Promise<EmbeddedDynalite> {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { module: createRequire(import.meta.url).resolve('dynalite'), options: dynaliteOptions(options.path), port: options.port ?? 0 },
  });
  const reply = () =>
    new Promise<WorkerReply>((resolve, reject) => {
      const fail = (error: Error) => reject(error);
      worker.once('error', fail);
      worker.once('message', (message: WorkerReply) => {
        worker.off('error', fail);
        resolve(message);
      });
    });
  const started = await reply().catch(async (error: unknown) => {
    await worker.terminate();
    throw error;
  });
  if (!('port' in started)) {
    await worker.terminate();
    throw new Error(`dynalite did not start: ${'error' in started ? started.error : 'no port'}`);
  }
  let closing = false;
  worker.on('error', (error) => {
    if (!closing) options.onWorkerError?.(error);
  });
  return {
    endpoint: `http://127.0.0.1:${started.port}`,
    close: async () => {
      closing = true;
      const closed = reply();
      worker.postMessage('close');
      const outcome = await closed.finally(() => worker.terminate());
      if ('error' in outcome && outcome.error !== undefined) throw new Error(`dynalite did not close cleanly: ${outcome.error}`);
    },
  };
}

export async function startEmbeddedDynalite(options: EmbeddedDynaliteOptions = {}): Promise<EmbeddedDynalite> {
  if (options.ownThread) return startInWorker(options);
  const server = dynalite(dynaliteOptions(options.path));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error?: Error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets from SDK clients would otherwise hold the close open.
        server.closeIdleConnections();
      }),
  };
}
