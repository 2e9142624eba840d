/**
 * Tells a trial site about a candidate by POSTing the SiteMessage (ids and the verdict, no patient data) to the
 * site's webhook, signed with the site's secret. Anything but a 2xx throws, so the queue message is retried.
 */
import type { SiteMessage, SiteNotifier } from '#ports/notifications.js';
import { signWebhook, WEBHOOK_HEADERS } from './signature.js';

export interface SiteWebhook {
  readonly url: string;
  readonly secret: string;
}

export type SiteWebhooks = Readonly<Record<string, SiteWebhook>>;

export interface SignedWebhookNotifierOptions {
  /** How long to wait for the site, in ms; well under the consumer's visibility timeout. */
  readonly timeoutMs?: number;
  /** Unix seconds now; injectable for tests. */
  readonly nowSeconds?: () => number;
}

export const DEFAULT_WEBHOOK_TIMEOUT_MS = 5_000;

/** The site answered, but not with a 2xx. */
export class WebhookRejectedError extends Error {
  constructor(
    readonly siteId: string,
    readonly status: number,
  ) {
    super(`site ${siteId} answered the webhook with HTTP ${status}`);
    this.name = 'WebhookRejectedError';
  }
}

/** No webhook is configured for the site: retrying will not help until one is. */
export class UnknownSiteError extends Error {
  constructor(readonly siteId: string) {
    super(`no webhook is configured for site ${siteId}`);
    this.name = 'UnknownSiteError';
  }
}

export class SignedWebhookNotifier implements SiteNotifier {
  private readonly timeoutMs: number;
  private readonly nowSeconds: () => number;

  constructor(
    private readonly sites: SiteWebhooks,
    options: SignedWebhookNotifierOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
    this.nowSeconds = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  }

  async notify(message: SiteMessage): Promise<void> {
    const site = Object.hasOwn(this.sites, message.siteId) ? this.sites[message.siteId] : undefined;
    if (!site) throw new UnknownSiteError(message.siteId);
    const body = JSON.stringify(message);
    const timestamp = this.nowSeconds();
    const response = await fetch(site.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [WEBHOOK_HEADERS.eventId]: message.eventId,
        [WEBHOOK_HEADERS.timestamp]: String(timestamp),
        [WEBHOOK_HEADERS.signature]: signWebhook(site.secret, timestamp, body),
      },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    // Drain the body so the keep-alive socket is released; the content does not matter.
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) throw new WebhookRejectedError(message.siteId, response.status);
  }
}
