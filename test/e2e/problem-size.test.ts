/**
 * A problem lists the first few bad fields and says how many there were: a 63 KB body of unknown keys must not buy
 * a reply ten times its size, nor a 60 KB key name be echoed back whole.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '#local/local-stack.js';
import { MAX_LISTED_ERRORS } from '#http/problem.js';
import { apiClient } from '#test/support/api-client.js';

let stack: LocalStack;
let physician: string;
const call = apiClient(() => stack.apiUrl);

beforeAll(async () => {
  stack = await startLocalStack({ inMemory: true, port: 0, rescreenIntervalMs: false, quiet: true });
  physician = await stack.mintToken({ role: 'physician', sub: 'dr-size' });
});

afterAll(async () => {
  await stack?.stop();
});

it('answers 63 KB of unknown keys with the first errors and a count, in a reply far smaller than the request', async () => {
  const unknown: Record<string, number> = {};
  let count = 0;
  while (JSON.stringify(unknown).length < 63 * 1024) unknown[`unknownField${String(count++).padStart(5, '0')}`] = 1;
  const body = JSON.stringify({ trialId: 'NCT05212584', prescreeningConsent: { attested: true }, profile: unknown });
  const reply = await call('POST', '/referrals', physician, body);
  expect(reply.status).toBe(422);
  const errors = reply.body.errors as { field: string }[];
  expect(errors).toHaveLength(MAX_LISTED_ERRORS);
  expect(errors[0]?.field).toBe('profile.unknownField00000');
  expect(reply.body.errorCount).toBe(count);
  expect(String(reply.body.detail)).toContain(String(count));
  expect(reply.text.length).toBeLessThan(8 * 1024);
});

it('does not echo a huge key name back whole', async () => {
  const name = 'k'.repeat(60_000);
  const reply = await call('POST', '/referrals', physician, { trialId: 'NCT05212584', prescreeningConsent: { attested: true }, profile: { [name]: 1 } });
  expect(reply.status).toBe(422);
  expect(reply.text.length).toBeLessThan(4 * 1024);
  expect((reply.body.errors as { field: string }[])[0]?.field.startsWith('profile.kkkk')).toBe(true);
});
