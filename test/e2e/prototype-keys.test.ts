/**
 * Caller strings that name Object.prototype members (`constructor`, `__proto__`, `toString`) are refused like any
 * other unknown value, end to end: a unit, a query parameter.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '#local/local-stack.js';
import { apiClient } from '#test/support/api-client.js';

let stack: LocalStack;
let physician: string;
const call = apiClient(() => stack.apiUrl);

beforeAll(async () => {
  stack = await startLocalStack({ inMemory: true, port: 0, rescreenIntervalMs: false, quiet: true });
  physician = await stack.mintToken({ role: 'physician', sub: 'dr-proto' });
});

afterAll(async () => {
  await stack?.stop();
});

it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('refuses the unit "%s" with a 422 naming the field', async (unit) => {
  const reply = await call('POST', '/referrals', physician, {
    trialId: 'NCT05212584',
    prescreeningConsent: { attested: true },
    profile: { labs: { hemoglobin: { value: 92, unit, date: '2026-11-20' } } },
  });
  expect(reply.status).toBe(422);
  expect((reply.body.errors as { field: string }[]).map((e) => e.field)).toContain('profile.labs.hemoglobin.unit');
});

it('refuses a __proto__ query parameter as unknown instead of dropping it', async () => {
  const reply = await call('GET', '/referrals?__proto__=1', physician);
  expect(reply.status).toBe(400);
  expect((reply.body.errors as { field: string }[]).map((e) => e.field)).toContain('query.__proto__');
});
