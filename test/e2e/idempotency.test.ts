/**
 * Idempotent submission: a retry is recognised by what it means, not by how its JSON happens to be written (RFC 8785
 * canonical JSON), and a body that has no canonical form is refused up front.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '#local/local-stack.js';
import { apiClient } from '#test/support/api-client.js';
import { eligibleProfile } from '#test/support/profiles.js';

let stack: LocalStack;
let physician: string;
const call = apiClient(() => stack.apiUrl);
const today = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  stack = await startLocalStack({ inMemory: true, port: 0, rescreenIntervalMs: false, quiet: true });
  physician = await stack.mintToken({ role: 'physician', sub: 'dr-idem' });
});

afterAll(async () => {
  await stack?.stop();
});

/** The same JSON value with every object's keys in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).reverse().map(([key, inner]) => [key, reversedKeys(inner)]));
  }
  return value;
}

it('replays a retry whose JSON lists the same members in another order', async () => {
  const body = { trialId: 'NCT05212584', prescreeningConsent: { attested: true }, profile: eligibleProfile(today()) };
  const key = 'canonical-order-0001';
  const first = await call('POST', '/referrals', physician, JSON.stringify(body), { 'idempotency-key': key });
  const reordered = JSON.stringify(reversedKeys(body));
  expect(reordered).not.toBe(JSON.stringify(body));
  const retry = await call('POST', '/referrals', physician, `\n ${reordered.replace(/,/g, ', ')} \n`, { 'idempotency-key': key });
  expect(first.status).toBe(201);
  expect(retry.status, retry.text).toBe(201);
  expect(retry.headers.get('idempotent-replayed')).toBe('true');
  expect(retry.body.id).toBe(first.body.id);
});

it('still refuses the same key with a different request', async () => {
  const body = { trialId: 'NCT05212584', prescreeningConsent: { attested: true }, profile: eligibleProfile(today()) };
  const key = 'canonical-diff-0001';
  expect((await call('POST', '/referrals', physician, body, { 'idempotency-key': key })).status).toBe(201);
  const changed = { ...body, profile: { ...body.profile, ecog: { score: 2, date: today() } } };
  const reused = await call('POST', '/referrals', physician, changed, { 'idempotency-key': key });
  expect(reused.status).toBe(422);
});

it('refuses a body with a lone surrogate (not I-JSON, no canonical form) with a 400 naming where', async () => {
  const text = `{"trialId":"NCT05212584","prescreeningConsent":{"attested":true},"profile":{"diagnosis":{"type":"T-ALL","coding":[{"system":"s","code":"c","display":"\\ud800"}]}}}`;
  const reply = await call('POST', '/referrals', physician, text, { 'idempotency-key': 'lone-surrogate-0001' });
  expect(reply.status).toBe(400);
  expect((reply.body.errors as { field: string }[]).map((e) => e.field)).toContain('profile.diagnosis.coding.0.display');
});
