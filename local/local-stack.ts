/**
 * The whole service on one machine: dynalite (or LocalStack, with AWS_ENDPOINT_URL) spoken to over the wire by
 * the real AWS SDK, the table created from the same design CDK deploys, the real handlers behind a local API that
 * builds API Gateway v2 events from the shared route table, the queue consumer in-process with SQS semantics, the
 * rescreening schedule on an interval, and a local site endpoint that verifies the signed webhooks.
 */
import { documentClientFor } from '#adapters/dynamodb/document-client.js';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTable } from './create-table.js';
import { DynamoAuditTrail } from '#adapters/dynamodb/audit-trail.js';
import { DynamoReferralStore } from '#adapters/dynamodb/referral-store.js';
import { systemClock, uuidIds } from '#adapters/runtime/system.js';
import { SignedWebhookNotifier } from '#adapters/webhook/signed-webhook-notifier.js';
import { ROUTES } from '#http/routes.js';
import { SERVICE_NAME, useCaseEvents } from '#adapters/logger.js';
import type { NotificationPublisher } from '#ports/notifications.js';
import type { Clock } from '#ports/runtime.js';
import type { RescreenReport } from '#use-cases/rescreen.js';
import { startEmbeddedDynalite, type EmbeddedDynalite } from './dynalite.js';
import { startLocalApi } from './http-server.js';
import { InProcessQueue, type DrainReport } from './in-process-queue.js';
import { createLocalAuthorizer } from './local-authorizer.js';
import { ephemeralApiKey, localApiKey, localIssuedKeys } from './local-api-key.js';
import { buildLocalHandlers } from './local-handlers.js';
import { ephemeralIdentity, localIdentity, type MintTokenInput } from './local-identity.js';
import { consoleLog, silentLog, type LocalLog } from './local-log.js';
import { preparePrivateDataDir } from './private-data-dir.js';
import { repairIndexes } from './repair-indexes.js';
import { upgradeTable } from './upgrade-table.js';
import { LocalScheduler } from './scheduler.js';
import { startWebhookReceiver, type SiteDelivery, type WebhookReceiverStats } from './webhook-receiver.js';
import { DEFAULT_DATA_DIR } from './data-dir.js';
import { createLocalWebApp, type LocalWebAppOptions } from './web-app.js';

export const DEFAULT_PORT = 3000;
export { DEFAULT_DATA_DIR };
export const LOCAL_TABLE_NAME = 'trial-match-local';

export interface LocalStackOptions {
  /**
   * A throwaway database instead of one under `dataDir`. The token key still lives in `dataDir` when one is given
   * (as `npm start` does), so `npm run token` mints tokens this stack accepts in both modes; without a `dataDir` an
   * in-memory stack signs with a key of its own (tests).
   */
  readonly inMemory?: boolean;
  readonly dataDir?: string;
  /** The API's port; 0 picks a free one. */
  readonly port?: number;
  readonly clock?: Clock;
  /** How often the rescreening schedule fires; false: only on runRescreen(). */
  readonly rescreenIntervalMs?: number | false;
  /** No log lines from the local plumbing or the handlers. */
  readonly quiet?: boolean;
  /** Where the local plumbing (API, queue, schedule, site endpoint) logs; tests capture it. Overrides `quiet` for it. */
  readonly log?: LocalLog;
  /** A DynamoDB endpoint to use instead of embedded dynalite (LocalStack); defaults to AWS_ENDPOINT_URL. */
  readonly dynamodbEndpoint?: string;
  readonly tableName?: string;
  /** Lets fault-injection tests wrap the real clients (middleware on the DynamoDB client, a failing publisher). */
  readonly instrumentDynamoDb?: (client: DynamoDBClient) => void;
  readonly wrapPublisher?: (publisher: NotificationPublisher) => NotificationPublisher;
  /** False: the queue is only consumed by drainQueue(), so a request's own calls can be told apart (round trips). */
  readonly queuePolling?: boolean;
  /** The queue's visibility timeout; 0 makes failed messages visible again at once (tests). */
  readonly visibilityTimeoutMs?: number;
  /**
   * Serve the web app at `/` (built into memory at start, about half a second). `npm start` does; API tests need not.
   * `pollIntervalMs`: how often the coordinator's pages refresh.
   */
  readonly web?: boolean | Omit<LocalWebAppOptions, 'identity'>;
}

export interface LocalStack {
  readonly apiUrl: string;
  readonly webhookUrl: string;
  readonly tableName: string;
  /** The low-level client the store uses, for tests that read the table back. */
  readonly dynamodb: DynamoDBClient;
  readonly queue: InProcessQueue;
  mintToken(input: MintTokenInput): Promise<string>;
  /** The key the FHIR matching routes accept in x-api-key. */
  readonly apiKey: string;
  /** Delivers every visible queue message now. */
  drainQueue(options?: { readonly maxRounds?: number }): Promise<DrainReport>;
  /** Fires the rescreening schedule now. */
  runRescreen(): Promise<RescreenReport>;
  /** Puts the last delivered queue messages back: the duplicate delivery SQS may make. */
  redeliverLastMessages(count?: number): Promise<readonly string[]>;
  siteDeliveries(): readonly SiteDelivery[];
  /** The site endpoint's counts: `duplicates` are deliveries of an event id it had already accepted. */
  siteReceiverStats(): WebhookReceiverStats;
  /** Make the site's webhook answer 503 to the next `count` deliveries. */
  failNextSiteDeliveries(count: number): void;
  stop(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? (options.quiet ? silentLog : consoleLog);
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  const tableName = options.tableName ?? LOCAL_TABLE_NAME;
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const step of stops.splice(0).reverse()) await step();
  };

  try {
    // Storage: LocalStack when asked for, else embedded dynalite (in memory, or persisted under dataDir).
    const endpoint = options.dynamodbEndpoint ?? process.env['AWS_ENDPOINT_URL'];
    const persisted = endpoint === undefined && !options.inMemory;
    // Patients' data and the token key: private to this user before anything is written.
    if (persisted || options.dataDir !== undefined) await preparePrivateDataDir(dataDir);
    let dynalite: EmbeddedDynalite | undefined;
    if (endpoint === undefined) {
      dynalite = await startEmbeddedDynalite({
        ...(options.inMemory ? {} : { path: join(dataDir, 'dynalite') }),
        // Its own thread, as DynamoDB's work is not the functions' on AWS (dynalite.ts).
        ownThread: true,
        onWorkerError: (error) => log.error('the embedded database stopped', { error: error.name }),
      });
      stops.push(() => dynalite?.close() ?? Promise.resolve());
    }
    const dynamodb = new DynamoDBClient({
      endpoint: endpoint ?? dynalite?.endpoint,
      region: process.env['AWS_REGION'] ?? 'us-east-1',
      // dynalite accepts any credentials; LocalStack takes its own test ones from the environment if set.
      credentials: {
        accessKeyId: process.env['AWS_ACCESS_KEY_ID'] ?? 'local',
        secretAccessKey: process.env['AWS_SECRET_ACCESS_KEY'] ?? 'local',
      },
    });
    stops.push(async () => dynamodb.destroy());
    options.instrumentDynamoDb?.(dynamodb);
    await createTable(dynamodb, tableName);
    if (persisted) {
      const upgraded = await upgradeTable(dynamodb, tableName);
      if (upgraded.rebuilt) log.warn('rebuilt the local database with the current indexes', { items: upgraded.items });
      const repaired = await repairIndexes(dynamodb, tableName);
      if (repaired.orphans + repaired.rewritten > 0) log.warn('repaired the local database after an unclean stop', { ...repaired });
    }
    const document = documentClientFor(dynamodb);
    const store = new DynamoReferralStore({ client: document, tableName, clock });
    const audit = new DynamoAuditTrail(document, tableName);

    // The site's endpoint, with a fresh signing secret per run.
    const siteSecret = randomBytes(32).toString('base64url');
    const receiver = await startWebhookReceiver({
      secrets: { 'hebei-yanda-ludaopei': siteSecret },
      logger: log,
      // With the database kept across restarts, so is what the site has accepted (it dedupes by event id).
      ...(persisted ? { seenEventsFile: join(dataDir, 'site-webhook-events.jsonl') } : {}),
    });
    stops.push(() => receiver.close());

    const identity = options.inMemory && options.dataDir === undefined ? await ephemeralIdentity() : await localIdentity(dataDir);
    const apiKey = options.inMemory && options.dataDir === undefined ? ephemeralApiKey() : await localApiKey(dataDir);
    const authorizer = createLocalAuthorizer({
      issuer: identity.issuer,
      audience: identity.audience,
      jwks: identity.jwks,
      // Tokens live in real time, like API Gateway's authorizer; the injected clock is the domain's (screening dates).
    });

    // The queue needs its consumer and the consumer needs the handlers: the publisher forwards to the queue.
    const queueRef: { current?: InProcessQueue } = {};
    const queuePublisher: NotificationPublisher = {
      publish: async (notifications) => {
        if (!queueRef.current) throw new Error('the local queue is not running');
        await queueRef.current.publish(notifications);
      },
    };
    const publisher = options.wrapPublisher ? options.wrapPublisher(queuePublisher) : queuePublisher;

    const logLevel = options.quiet ? 'SILENT' : 'INFO';
    const loggerFor = (handler: string) => new Logger({ serviceName: SERVICE_NAME, logLevel, persistentKeys: { handler } });
    let apiUrl = '';
    const handlers = buildLocalHandlers(
      {
        store,
        audit,
        publisher,
        siteNotifier: new SignedWebhookNotifier(receiver.siteWebhooks()),
        clock,
        ids: uuidIds,
        events: useCaseEvents(loggerFor('use-cases')),
        get publicBaseUrl() {
          return apiUrl;
        },
      },
      loggerFor,
    );

    const runningQueue = new InProcessQueue(handlers.notifySite, {
      logger: log,
      ...(options.visibilityTimeoutMs === undefined ? {} : { visibilityTimeoutMs: options.visibilityTimeoutMs }),
    });
    queueRef.current = runningQueue;
    if (options.queuePolling !== false) runningQueue.start();
    stops.push(() => runningQueue.stop());

    const scheduler = new LocalScheduler(handlers.rescreen, {
      intervalMs: options.rescreenIntervalMs === false ? 60_000 : (options.rescreenIntervalMs ?? 60_000),
      logger: log,
      now: () => clock.now(),
    });
    if (options.rescreenIntervalMs !== false) scheduler.start();
    stops.push(() => scheduler.stop());

    const web = options.web ? await createLocalWebApp({ identity, ...(typeof options.web === 'object' ? options.web : {}) }) : undefined;

    const api = await startLocalApi({
      routes: ROUTES,
      handlers: handlers.http,
      authorizer,
      ...(web ? { localRoutes: web } : {}),
      apiKeys: localIssuedKeys(apiKey),
      port: options.port ?? DEFAULT_PORT,
      host: '127.0.0.1',
      logger: log,
    });
    apiUrl = api.url;
    stops.push(() => api.close());

    return {
      apiUrl: api.url,
      webhookUrl: receiver.urlFor('hebei-yanda-ludaopei'),
      tableName,
      dynamodb,
      queue: runningQueue,
      mintToken: (input) => identity.mintToken(input),
      apiKey,
      drainQueue: (options) => runningQueue.drain(options),
      runRescreen: () => scheduler.runNow(),
      redeliverLastMessages: async (count = 1) => runningQueue.redeliverRecent(count),
      siteDeliveries: () => receiver.deliveries(),
      siteReceiverStats: () => receiver.stats(),
      failNextSiteDeliveries: (count) => receiver.failNext(count),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
