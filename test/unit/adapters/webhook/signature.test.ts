import { createHmac } from 'node:crypto';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from '#adapters/webhook/signature.js';

const secret = 'whsec-local-test';
const body = JSON.stringify({ eventId: 'r1:1', siteId: 'hebei-yanda-ludaopei', referralId: 'r1', verdict: 'eligible' });
const timestamp = 1_795_588_476;

describe('signWebhook', () => {
  it('is v1= and the hex HMAC-SHA256 of "<timestamp>.<body>"', () => {
    const expected = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
    expect(signWebhook(secret, timestamp, body)).toBe(`v1=${expected}`);
  });
});

describe('verifyWebhook', () => {
  const signature = signWebhook(secret, timestamp, body);

  it('accepts what was signed, within the tolerance either side', () => {
    expect(verifyWebhook({ secret, timestamp, body, signature, nowSeconds: timestamp })).toEqual({ ok: true });
    expect(verifyWebhook({ secret, timestamp: String(timestamp), body, signature, nowSeconds: timestamp + 300 })).toEqual({ ok: true });
    expect(verifyWebhook({ secret, timestamp, body, signature, nowSeconds: timestamp - 300 })).toEqual({ ok: true });
  });

  it('rejects a tampered body', () => {
    const tampered = body.replace('eligible', 'ineligible');
    expect(verifyWebhook({ secret, timestamp, body: tampered, signature, nowSeconds: timestamp })).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('rejects a timestamp moved to look fresh', () => {
    expect(verifyWebhook({ secret, timestamp: timestamp + 1, body, signature, nowSeconds: timestamp })).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('rejects the wrong secret', () => {
    expect(verifyWebhook({ secret: 'another-secret', timestamp, body, signature, nowSeconds: timestamp })).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('rejects a stale or future timestamp', () => {
    expect(verifyWebhook({ secret, timestamp, body, signature, nowSeconds: timestamp + 301 })).toEqual({ ok: false, reason: 'stale-timestamp' });
    expect(verifyWebhook({ secret, timestamp, body, signature, nowSeconds: timestamp - 301 })).toEqual({ ok: false, reason: 'stale-timestamp' });
    expect(verifyWebhook({ secret, timestamp, body, signature, nowSeconds: timestamp + 60, toleranceSeconds: 30 })).toEqual({
      ok: false,
      reason: 'stale-timestamp',
    });
  });

  it('rejects malformed headers without throwing', () => {
    for (const bad of ['', 'abc', '1.5', '-1', '1e9']) {
      expect(verifyWebhook({ secret, timestamp: bad, body, signature, nowSeconds: timestamp })).toEqual({ ok: false, reason: 'malformed-timestamp' });
    }
    for (const bad of ['', 'v1=', 'v0=' + signature.slice(3), signature.slice(0, -2), signature.toUpperCase(), `${signature}00`]) {
      expect(verifyWebhook({ secret, timestamp, body, signature: bad, nowSeconds: timestamp })).toEqual({ ok: false, reason: 'malformed-signature' });
    }
  });

  test.prop([fc.string(), fc.string({ minLength: 1 }), fc.nat({ max: 4_000_000_000 })])(
    'verifies any body it signed, and no other',
    (anyBody, anySecret, at) => {
      const signed = signWebhook(anySecret, at, anyBody);
      expect(verifyWebhook({ secret: anySecret, timestamp: at, body: anyBody, signature: signed, nowSeconds: at }).ok).toBe(true);
      expect(verifyWebhook({ secret: anySecret, timestamp: at, body: `${anyBody} `, signature: signed, nowSeconds: at }).ok).toBe(false);
    },
  );
});
