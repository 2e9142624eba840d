/**
 * The signed webhook notifier against the local site receiver, over real sockets: a delivery verifies and is
 * recorded, a bad signature is refused, a non-2xx or a site that never answers makes notify() throw.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalLog, LogAttributes } from '#local/local-log.js';
import { startWebhookReceiver, type WebhookReceiver } from '#local/webhook-receiver.js';
import { signWebhook, verifyWebhook } from '#adapters/webhook/signature.js';
import { SignedWebhookNotifier, UnknownSiteError, WebhookRejectedError } from '#adapters/webhook/signed-webhook-notifier.js';
import { verdictLabel } from '#i18n/render.js';
import type { SiteMessage } from '#ports/notifications.js';

const SITE = 'hebei-yanda-ludaopei';
const SECRET = 'local-site-secret';
const lines: { message: string; attributes: LogAttributes }[] = [];
const log: LocalLog = {
  info: (message, attributes) => lines.push({ message, attributes }),
  warn: (message, attributes) => lines.push({ message, attributes }),
  error: (message, attributes) => lines.push({ message, attributes }),
};

let receiver: WebhookReceiver;

function message(referralId: string, seq = 1, verdict: SiteMessage['verdict'] = 'eligible'): SiteMessage {
  return {
    eventId: `${referralId}:${seq}`,
    siteId: SITE,
    trialId: 'NCT05212584',
    referralId,
    verdict,
    verdictLabel: { en: verdictLabel(verdict, 'en'), 'zh-CN': verdictLabel(verdict, 'zh-CN') },
    inboxUrl: `http://127.0.0.1:3000/sites/${SITE}/candidates`,
    occurredAt: '2026-11-25T02:00:00.000Z',
  };
}

beforeAll(async () => {
  receiver = await startWebhookReceiver({ secrets: { [SITE]: SECRET, 'other-site': 'other-secret' }, logger: log });
});

afterAll(async () => {
  await receiver?.close();
});

describe('SignedWebhookNotifier → webhook receiver', () => {
  it('delivers a signed message that the site verifies, records and logs with ids only', async () => {
    const notifier = new SignedWebhookNotifier(receiver.siteWebhooks());
    await notifier.notify(message('ref-1'));
    expect(receiver.deliveries()).toEqual([
      { eventId: 'ref-1:1', siteId: SITE, referralId: 'ref-1', verdict: 'eligible', receivedAt: expect.any(String) },
    ]);
    const line = lines.find((entry) => entry.message.startsWith(`site ${SITE} notified`));
    expect(line?.message).toBe(`site ${SITE} notified: referral ref-1 is eligible (pre-screen)`);
    expect(line?.attributes).toEqual({ siteId: SITE, referralId: 'ref-1', eventId: 'ref-1:1', verdict: 'eligible' });
  });

  it('sends the headers a site needs to check the delivery itself', async () => {
    let seen: { headers: Record<string, string | string[] | undefined>; body: string } | undefined;
    const probe = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        seen = { headers: request.headers, body: Buffer.concat(chunks).toString('utf8') };
        response.writeHead(204).end();
      });
    });
    const url = await listen(probe);
    try {
      await new SignedWebhookNotifier({ [SITE]: { url, secret: SECRET } }, { nowSeconds: () => 1_795_588_476 }).notify(message('ref-h'));
    } finally {
      await close(probe);
    }
    expect(seen?.headers['content-type']).toBe('application/json');
    expect(seen?.headers['x-trial-match-event-id']).toBe('ref-h:1');
    expect(seen?.headers['x-trial-match-timestamp']).toBe('1795588476');
    expect(seen?.headers['x-trial-match-signature']).toBe(signWebhook(SECRET, 1_795_588_476, seen?.body ?? ''));
    expect(JSON.parse(seen?.body ?? '')).toEqual(message('ref-h'));
    expect(
      verifyWebhook({
        secret: SECRET,
        timestamp: String(seen?.headers['x-trial-match-timestamp']),
        body: seen?.body ?? '',
        signature: String(seen?.headers['x-trial-match-signature']),
        nowSeconds: 1_795_588_500,
      }).ok,
    ).toBe(true);
  });

  it('drops a repeated event id instead of recording it twice', async () => {
    const notifier = new SignedWebhookNotifier(receiver.siteWebhooks());
    await notifier.notify(message('ref-dup'));
    await notifier.notify(message('ref-dup'));
    await notifier.notify(message('ref-dup', 2, 'ineligible'));
    expect(receiver.deliveries().filter((d) => d.referralId === 'ref-dup').map((d) => d.verdict)).toEqual(['eligible', 'ineligible']);
    expect(receiver.stats().duplicates).toBeGreaterThanOrEqual(1);
  });

  it('is refused with 401 when signed with the wrong secret, and notify() throws', async () => {
    const forger = new SignedWebhookNotifier({ [SITE]: { url: receiver.urlFor(SITE), secret: 'guessed' } });
    const before = receiver.deliveries().length;
    const error = await forger.notify(message('ref-forged')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebhookRejectedError);
    expect((error as WebhookRejectedError).status).toBe(401);
    expect(receiver.deliveries()).toHaveLength(before);
  });

  it('is refused when the timestamp is stale', async () => {
    const late = new SignedWebhookNotifier(receiver.siteWebhooks(), { nowSeconds: () => Math.floor(Date.now() / 1000) - 3_600 });
    await expect(late.notify(message('ref-stale'))).rejects.toMatchObject({ status: 401 });
  });

  it('is refused when the body names another site than the URL', async () => {
    const crossed = new SignedWebhookNotifier({ [SITE]: { url: receiver.urlFor('other-site'), secret: 'other-secret' } });
    await expect(crossed.notify(message('ref-crossed'))).rejects.toMatchObject({ status: 400 });
  });

  it('throws on a non-2xx so the queue retries, then succeeds', async () => {
    const notifier = new SignedWebhookNotifier(receiver.siteWebhooks());
    receiver.failNext(2, 503);
    await expect(notifier.notify(message('ref-retry'))).rejects.toMatchObject({ name: 'WebhookRejectedError', status: 503 });
    await expect(notifier.notify(message('ref-retry'))).rejects.toMatchObject({ status: 503 });
    await notifier.notify(message('ref-retry'));
    expect(receiver.deliveries().filter((d) => d.referralId === 'ref-retry')).toHaveLength(1);
    expect(receiver.stats().failed).toBe(2);
  });

  it('throws when the site does not answer within the timeout', async () => {
    const notifier = new SignedWebhookNotifier(receiver.siteWebhooks(), { timeoutMs: 200 });
    receiver.stallNext(1);
    await expect(notifier.notify(message('ref-slow'))).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(receiver.deliveries().some((d) => d.referralId === 'ref-slow')).toBe(false);
  });

  it('does not follow a redirect: it is refused like any other non-2xx', async () => {
    let hits = 0;
    const redirecting = createServer((request, response) => {
      hits++;
      request.resume();
      response.writeHead(307, { location: receiver.urlFor(SITE) }).end();
    });
    const url = await listen(redirecting);
    try {
      await expect(new SignedWebhookNotifier({ [SITE]: { url, secret: SECRET } }).notify(message('ref-moved'))).rejects.toMatchObject({
        name: 'WebhookRejectedError',
        status: 307,
      });
    } finally {
      await close(redirecting);
    }
    expect(hits).toBe(1);
    expect(receiver.deliveries().some((d) => d.referralId === 'ref-moved')).toBe(false);
  });

  it('throws for a site without a webhook, and when nothing listens', async () => {
    await expect(new SignedWebhookNotifier({}).notify(message('ref-x'))).rejects.toThrow(UnknownSiteError);
    const closed = createServer();
    const url = await listen(closed);
    await close(closed);
    await expect(new SignedWebhookNotifier({ [SITE]: { url, secret: SECRET } }).notify(message('ref-x'))).rejects.toThrow();
  });
});

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

describe('the local site endpoint across restarts', () => {
  it('drops an event it accepted before the process died (at-least-once delivery, deduplicated by eventId)', async () => {
    const { mkdtemp, rm, stat } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'trial-match-receiver-'));
    const seenEventsFile = join(dir, 'site-webhook-events.jsonl');
    try {
      const first = await startWebhookReceiver({ secrets: { [SITE]: SECRET }, logger: log, seenEventsFile });
      await new SignedWebhookNotifier(first.siteWebhooks()).notify(message('ref-restart'));
      expect(first.stats()).toMatchObject({ accepted: 1, duplicates: 0 });
      await first.close();
      expect((await stat(seenEventsFile)).mode & 0o777).toBe(0o600);

      // The sender died after the site accepted, before it recorded that: after the restart it sends again.
      const second = await startWebhookReceiver({ secrets: { [SITE]: SECRET }, logger: log, seenEventsFile });
      try {
        await new SignedWebhookNotifier(second.siteWebhooks()).notify(message('ref-restart'));
        expect(second.stats()).toMatchObject({ accepted: 0, duplicates: 1 });
        expect(second.deliveries()).toEqual([]);
      } finally {
        await second.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
