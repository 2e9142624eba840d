/**
 * A referral without the minimum data the trial names (`minimumDataToNotify`: the diagnosis and the birth date)
 * is stored and screened, but waits as *incomplete*: the site is not told of it, so an empty profile cannot flood
 * the inbox. Once the physician sends the missing data, it is a candidate like any other and the site hears of it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '#local/local-stack.js';
import { NCT05212584 } from '#trial/nct05212584.js';
import { apiClient } from '#test/support/api-client.js';

const SITE = 'hebei-yanda-ludaopei';
let stack: LocalStack;
let physician: string;
let coordinator: string;
const call = apiClient(() => stack.apiUrl);

beforeAll(async () => {
  stack = await startLocalStack({ inMemory: true, port: 0, rescreenIntervalMs: false, quiet: true });
  physician = await stack.mintToken({ role: 'physician', sub: 'dr-minimum' });
  coordinator = await stack.mintToken({ role: 'coordinator', sub: 'coord-minimum', siteId: SITE });
});

afterAll(async () => {
  await stack?.stop();
});

const refer = (profile: unknown) => call('POST', '/referrals', physician, { trialId: 'NCT05212584', prescreeningConsent: { attested: true }, profile });

async function inInbox(id: string): Promise<boolean> {
  const inbox = await call('GET', `/sites/${SITE}/candidates?limit=100`, coordinator);
  return (inbox.body.items as { referralId: string }[]).some((item) => item.referralId === id);
}

it('names the minimum as a trial parameter', async () => {
  expect(NCT05212584.parameters['minimumDataToNotify']?.value).toBe('diagnosis.type, demographics.birthDate');
  const trial = await call('GET', '/trials/NCT05212584');
  expect((trial.body.parameters as Record<string, { value: unknown }>)['minimumDataToNotify']?.value).toBe('diagnosis.type, demographics.birthDate');
});

it.each([
  ['an empty profile', {}, ['diagnosis.type', 'demographics.birthDate']],
  ['a diagnosis without a birth date', { diagnosis: { type: 'T-ALL' } }, ['demographics.birthDate']],
  ['a birth date without a diagnosis', { demographics: { birthDate: '1990-01-01' } }, ['diagnosis.type']],
])('keeps %s from the site, as incomplete', async (_what, profile, missing) => {
  const before = stack.siteDeliveries().length;
  const created = await refer(profile);
  expect(created.status).toBe(201);
  expect(created.body.status).toBe('incomplete');
  expect((created.body.incomplete as { missing: string[] }).missing).toEqual(missing);
  const id = String(created.body.id);
  await stack.drainQueue();
  await stack.runRescreen();
  await stack.drainQueue();
  expect(stack.siteDeliveries().length).toBe(before);
  expect(await inInbox(id)).toBe(false);
  const read = await call('GET', `/referrals/${id}`, physician);
  expect(read.body.status).toBe('incomplete');
  const inChinese = await call('GET', `/referrals/${id}`, physician, undefined, { 'accept-language': 'zh-CN' });
  expect((inChinese.body.incomplete as { notice: string }).notice).toMatch(/^在提供.+之前，研究中心不会收到此转诊的通知/);
  expect((read.body.incomplete as { notice: string }).notice).toMatch(/^The site is not told of this referral until it carries the /);
});

it('tells the site once the physician sends the minimum', async () => {
  const created = await refer({});
  const id = String(created.body.id);
  const read = await call('GET', `/referrals/${id}`, physician);
  const patched = await call('PATCH', `/referrals/${id}`, physician, { diagnosis: { type: 'T-ALL' }, demographics: { birthDate: '1990-01-01' } }, {
    'content-type': 'application/merge-patch+json',
    'if-match': read.headers.get('etag') ?? '',
  });
  expect(patched.status).toBe(200);
  expect(patched.body.status).toBe('active');
  await stack.drainQueue();
  expect(stack.siteDeliveries().filter((delivery) => delivery.referralId === id)).toHaveLength(1);
  expect(await inInbox(id)).toBe(true);
});
