/**
 * An embedded DynamoDB-compatible server (dynalite) for the local stack and the integration tests: the real AWS SDK
 * talks to it over HTTP, so the adapter under test is the one that runs on AWS.
 */
import type { AddressInfo } from 'node:net';
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
}

export async function startEmbeddedDynalite(options: EmbeddedDynaliteOptions = {}): Promise<EmbeddedDynalite> {
  // No artificial CREATING delay: createTable still waits for ACTIVE, it just does not have to wait long.
  const server = dynalite({ ...(options.path === undefined ? {} : { path: options.path }), createTableMs: 0 });
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
