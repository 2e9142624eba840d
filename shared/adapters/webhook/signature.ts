/**
 * The webhook signature, shared by the sender and any receiver: `v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`.
 * The timestamp is inside the signed text so an old delivery cannot be replayed with a fresh timestamp; a receiver
 * still drops a repeated event id itself (the signature only proves origin and freshness).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_VERSION = 'v1';
export const DEFAULT_TOLERANCE_SECONDS = 300;

export const WEBHOOK_HEADERS = {
  eventId: 'x-trial-match-event-id',
  timestamp: 'x-trial-match-timestamp',
  signature: 'x-trial-match-signature',
} as const;

function hmacHex(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/** The signature header value for `body` sent at `timestamp` (unix seconds). */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `${SIGNATURE_VERSION}=${hmacHex(secret, timestamp, body)}`;
}

export type WebhookVerification =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'malformed-timestamp' | 'stale-timestamp' | 'malformed-signature' | 'bad-signature' };

export interface VerifyWebhookInput {
  readonly secret: string;
  /** The timestamp header as received (a string) or already parsed. */
  readonly timestamp: string | number;
  readonly body: string;
  /** The signature header as received. */
  readonly signature: string;
  readonly nowSeconds: number;
  readonly toleranceSeconds?: number;
}

const TIMESTAMP = /^\d{1,12}$/;
const SIGNATURE = /^v1=([0-9a-f]{64})$/;

export function verifyWebhook(input: VerifyWebhookInput): WebhookVerification {
  const timestampText = String(input.timestamp);
  if (!TIMESTAMP.test(timestampText)) return { ok: false, reason: 'malformed-timestamp' };
  const timestamp = Number(timestampText);
  const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (Math.abs(input.nowSeconds - timestamp) > tolerance) return { ok: false, reason: 'stale-timestamp' };

  const match = SIGNATURE.exec(input.signature.trim());
  const received = match?.[1];
  if (received === undefined) return { ok: false, reason: 'malformed-signature' };
  const expected = Buffer.from(hmacHex(input.secret, timestamp, input.body), 'hex');
  // Both are 32 bytes here (the regex fixed the length), so timingSafeEqual cannot throw on a length mismatch.
  return timingSafeEqual(expected, Buffer.from(received, 'hex')) ? { ok: true } : { ok: false, reason: 'bad-signature' };
}
