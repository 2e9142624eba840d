/**
 * A trial site's webhook endpoint, locally: it checks each delivery's signature like a site would (401 if it does
 * not verify), drops a repeated event id, records what it accepted, and can be told to fail or stall the next
 * deliveries so the retry path can be exercised. It logs one line per delivery, with ids only.
 *
 * Delivery is at-least-once: a sender that dies after the site accepted an event and before recording it sends the
 * event again after a restart, with the same `eventId`. Like a real site, this endpoint remembers the event ids it
 * accepted (in `seenEventsFile`, across restarts) and answers a repeat with 200 without accepting it twice.
 */
import { open, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import * as z from 'zod/mini';
import { verifyWebhook, WEBHOOK_HEADERS } from '#adapters/webhook/signature.js';
import type { SiteWebhooks } from '#adapters/webhook/signed-webhook-notifier.js';
import { consoleLog, type LocalLog } from './local-log.js';
import { listen } from './listen.js';

export interface SiteDelivery {
  readonly eventId: string;
  readonly siteId: string;
  readonly referralId: string;
  readonly verdict: 'eligible' | 'potential' | 'ineligible';
  /** ISO 8601, when the receiver accepted it. */
  readonly receivedAt: string;
}

export interface WebhookReceiverStats {
  readonly accepted: number;
  readonly duplicates: number;
  /** Bad signature, stale timestamp, unknown site or malformed body. */
  readonly rejected: number;
  /** Failed on purpose by failNext(). */
  readonly failed: number;
}

export interface WebhookReceiverOptions {
  /** Each site's HMAC secret. */
  readonly secrets: Readonly<Record<string, string>>;
  readonly port?: number;
  readonly host?: string;
  readonly toleranceSeconds?: number;
  readonly nowSeconds?: () => number;
  readonly logger?: LocalLog;
  /** Where accepted event ids are kept across restarts (one per line, mode 0600); in memory only when absent. */
  readonly seenEventsFile?: string;
}

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** The webhook URL of one site. */
  urlFor(siteId: string): string;
  /** The notifier's configuration for every site this receiver knows. */
  siteWebhooks(): SiteWebhooks;
  deliveries(): readonly SiteDelivery[];
  stats(): WebhookReceiverStats;
  /** Answer the next `count` signed deliveries with `status` (default 503) instead of accepting them. */
  failNext(count: number, status?: number): void;
  /** Never answer the next `count` deliveries (until close): the sender's timeout must give up. */
  stallNext(count: number): void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024;
const WEBHOOK_PATH = /^\/sites\/([A-Za-z0-9._~-]{1,64})\/webhook$/;

const Delivery = z.looseObject({
  eventId: z.string().check(z.minLength(1), z.maxLength(200)),
  siteId: z.string().check(z.minLength(1)),
  referralId: z.string().check(z.minLength(1)),
  verdict: z.enum(['eligible', 'potential', 'ineligible']),
});

function reply(response: ServerResponse, status: number, body: Record<string, unknown>): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
  response.end(text);
}

function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

async function readSeenEvents(path: string): Promise<string[]> {
  try {
    return (await readFile(path, 'utf8')).split('\n').filter((line) => line.length > 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

function header(request: IncomingMessage, name: string): string {
  const value = request.headers[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

export async function startWebhookReceiver(options: WebhookReceiverOptions): Promise<WebhookReceiver> {
  const log = options.logger ?? consoleLog;
  const nowSeconds = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  const accepted: SiteDelivery[] = [];
  const seen = new Set<string>(options.seenEventsFile === undefined ? [] : await readSeenEvents(options.seenEventsFile));
  // Opened once, appending (each write lands at the end, whole): an open and a close per delivery would be two
  // more trips through the thread pool for every notification the local stack sends.
  const seenEvents = options.seenEventsFile === undefined ? undefined : await open(options.seenEventsFile, 'a', 0o600);
  const counts = { accepted: 0, duplicates: 0, rejected: 0, failed: 0 };
  const failures: number[] = [];
  let stalls = 0;
  const stalled = new Set<ServerResponse>();

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const siteId = WEBHOOK_PATH.exec(request.url ?? '')?.[1];
    if (request.method !== 'POST' || siteId === undefined) {
      request.resume();
      reply(response, 404, { error: 'not a webhook' });
      return;
    }
    const body = await readBody(request);
    const secret = Object.hasOwn(options.secrets, siteId) ? options.secrets[siteId] : undefined;
    if (body === undefined) {
      counts.rejected++;
      reply(response, 413, { error: 'body too large' });
      return;
    }
    const verification =
      secret === undefined
        ? ({ ok: false, reason: 'unknown-site' } as const)
        : verifyWebhook({
            secret,
            timestamp: header(request, WEBHOOK_HEADERS.timestamp),
            body,
            signature: header(request, WEBHOOK_HEADERS.signature),
            nowSeconds: nowSeconds(),
            ...(options.toleranceSeconds === undefined ? {} : { toleranceSeconds: options.toleranceSeconds }),
          });
    if (!verification.ok) {
      counts.rejected++;
      log.warn('webhook delivery refused', { siteId, reason: verification.reason });
      reply(response, 401, { error: verification.reason });
      return;
    }
    let parsed: z.infer<typeof Delivery>;
    try {
      const result = Delivery.safeParse(JSON.parse(body));
      if (!result.success || result.data.siteId !== siteId || result.data.eventId !== header(request, WEBHOOK_HEADERS.eventId)) {
        throw new Error('malformed delivery');
      }
      parsed = result.data;
    } catch {
      counts.rejected++;
      log.warn('webhook delivery refused', { siteId, reason: 'malformed-body' });
      reply(response, 400, { error: 'malformed delivery' });
      return;
    }
    if (stalls > 0) {
      stalls--;
      stalled.add(response);
      response.once('close', () => stalled.delete(response));
      return;
    }
    const failStatus = failures.shift();
    if (failStatus !== undefined) {
      counts.failed++;
      log.warn('webhook delivery failed on purpose', { siteId, eventId: parsed.eventId, status: failStatus });
      reply(response, failStatus, { error: 'failing on purpose' });
      return;
    }
    if (seen.has(parsed.eventId)) {
      counts.duplicates++;
      reply(response, 200, { status: 'duplicate' });
      return;
    }
    seen.add(parsed.eventId);
    // Remembered before the 200: an event acknowledged is an event the site has.
    if (seenEvents !== undefined) await seenEvents.appendFile(`${parsed.eventId}\n`);
    counts.accepted++;
    accepted.push({
      eventId: parsed.eventId,
      siteId,
      referralId: parsed.referralId,
      verdict: parsed.verdict,
      receivedAt: new Date().toISOString(),
    });
    log.info(`site ${siteId} notified: referral ${parsed.referralId} is ${parsed.verdict} (pre-screen)`, {
      siteId,
      referralId: parsed.referralId,
      eventId: parsed.eventId,
      verdict: parsed.verdict,
    });
    reply(response, 200, { status: 'accepted' });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) reply(response, 500, { error: 'receiver failed' });
      else response.destroy();
    });
  });
  const host = options.host ?? '127.0.0.1';
  const port = await listen(server, options.port ?? 0, host).catch(async (error: unknown) => {
    await seenEvents?.close();
    throw error;
  });
  const url = `http://${host}:${port}`;
  const urlFor = (siteId: string) => `${url}/sites/${encodeURIComponent(siteId)}/webhook`;

  return {
    url,
    urlFor,
    siteWebhooks: () => Object.fromEntries(Object.entries(options.secrets).map(([siteId, secret]) => [siteId, { url: urlFor(siteId), secret }])),
    deliveries: () => [...accepted],
    stats: () => ({ ...counts }),
    failNext(count, status = 503) {
      if (status < 300 || status > 599) throw new RangeError('a failure status must be 3xx, 4xx or 5xx');
      for (let i = 0; i < count; i++) failures.push(status);
    },
    stallNext(count) {
      stalls += count;
    },
    close: async () => {
      try {
        await new Promise<void>((resolve, reject) => {
          for (const response of stalled) response.destroy();
          server.close((error) => (error ? reject(error) : resolve()));
          server.closeAllConnections();
        });
      } finally {
        await seenEvents?.close();
      }
    },
  };
}
