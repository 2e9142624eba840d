/**
 * Conditional requests per RFC 9110: the ETag is a strong validator of the representation (anything that changes
 * what GET returns changes it, a coordinator's move included); If-Match uses the strong comparison (a weak tag never
 * matches), accepts `*` and lists; If-None-Match answers 304; a PATCH that changes nothing makes no new version;
 * and every GET route answers HEAD.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '#local/local-stack.js';
import { ROUTES } from '#http/routes.js';
import { apiClient } from '#test/support/api-client.js';
import { eligibleProfile } from '#test/support/profiles.js';

const SITE = 'hebei-yanda-ludaopei';
let stack: LocalStack;
let physician: string;
let coordinator: string;
const call = apiClient(() => stack.apiUrl);
const today = () => new Date().toISOString().slice(0, 10);
const mergePatch = (ifMatch: string) => ({ 'content-type': 'application/merge-patch+json', 'if-match': ifMatch });

beforeAll(async () => {
  stack = await startLocalStack({ inMemory: true, port: 0, rescreenIntervalMs: false, quiet: true });
  // Deliveries happen when a test drains the queue, so nothing changes a representation behind a test's back.
  await stack.queue.stop();
  physician = await stack.mintToken({ role: 'physician', sub: 'dr-etag' });
  coordinator = await stack.mintToken({ role: 'coordinator', sub: 'coord-etag', siteId: SITE });
});

afterAll(async () => {
  await stack?.stop();
});

async function refer(): Promise<{ id: string; etag: string }> {
  const created = await call('POST', '/referrals', physician, { trialId: 'NCT05212584', prescreeningConsent: { attested: true }, profile: eligibleProfile(today()) });
  expect(created.status).toBe(201);
  return { id: String(created.body.id), etag: created.headers.get('etag') ?? '' };
}

describe('the ETag', () => {
  it('is strong, names the representation GET returns, and changes when a coordinator moves the candidate', async () => {
    const { id, etag: created } = await refer();
    const read = await call('GET', `/referrals/${id}`, physician);
    const etag = read.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(created, 'the 201 names the representation GET returns').toBe(etag);
    await stack.drainQueue();
    const delivered = (await call('GET', `/referrals/${id}`, physician)).headers.get('etag');
    expect(delivered, 'the site now has it: the representation says so').not.toBe(etag);
    expect((await call('PATCH', `/sites/${SITE}/candidates/${id}`, coordinator, { status: 'candidate' })).status).toBe(200);
    const moved = await call('GET', `/referrals/${id}`, physician);
    expect((moved.body.site as { candidateStatus: string }).candidateStatus).toBe('candidate');
    expect(moved.headers.get('etag')).not.toBe(delivered);
  });
});

describe('If-None-Match', () => {
  it('answers 304 for the current tag (weak comparison), 200 otherwise', async () => {
    const { id } = await refer();
    const read = await call('GET', `/referrals/${id}`, physician);
    const etag = read.headers.get('etag') ?? '';
    const notModified = await call('GET', `/referrals/${id}`, physician, undefined, { 'if-none-match': etag });
    expect(notModified.status).toBe(304);
    expect(notModified.text).toBe('');
    expect(notModified.headers.get('etag')).toBe(etag);
    expect(notModified.headers.get('cache-control')).toContain('no-store');
    expect((await call('GET', `/referrals/${id}`, physician, undefined, { 'if-none-match': `W/${etag}` })).status).toBe(304);
    expect((await call('GET', `/referrals/${id}`, physician, undefined, { 'if-none-match': `"nope", ${etag}` })).status).toBe(304);
    expect((await call('GET', `/referrals/${id}`, physician, undefined, { 'if-none-match': '*' })).status).toBe(304);
    expect((await call('GET', `/referrals/${id}`, physician, undefined, { 'if-none-match': '"nope"' })).status).toBe(200);
  });

  it('works on the public documents too', async () => {
    const trial = await call('GET', '/trials/NCT05212584');
    const etag = trial.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    expect((await call('GET', '/trials/NCT05212584', undefined, undefined, { 'if-none-match': etag })).status).toBe(304);
  });
});

describe('If-Match on PATCH', () => {
  it('refuses a weak tag and a stale one, accepts the current tag in a list, and *', async () => {
    const { id } = await refer();
    const etag = (await call('GET', `/referrals/${id}`, physician)).headers.get('etag') ?? '';
    const weak = await call('PATCH', `/referrals/${id}`, physician, { ecog: { score: 1, date: today() } }, mergePatch(`W/${etag}`));
    expect(weak.status).toBe(412);
    const stale = await call('PATCH', `/referrals/${id}`, physician, { ecog: { score: 1, date: today() } }, mergePatch('"stale"'));
    expect(stale.status).toBe(412);
    const listed = await call('PATCH', `/referrals/${id}`, physician, { ecog: { score: 1, date: today() } }, mergePatch(`"stale", ${etag}`));
    expect(listed.status, listed.text).toBe(200);
    const next = listed.headers.get('etag') ?? '';
    expect(next).not.toBe(etag);
    expect((await call('GET', `/referrals/${id}`, physician)).headers.get('etag')).toBe(next);
    const any = await call('PATCH', `/referrals/${id}`, physician, { ecog: { score: 0, date: today() } }, mergePatch('*'));
    expect(any.status).toBe(200);
    expect((await call('PATCH', `/referrals/${id}`, physician, { ecog: { score: 0, date: today() } }, mergePatch('garbage'))).status).toBe(400);
  });

  it('makes no new version for a PATCH that changes nothing', async () => {
    const { id } = await refer();
    const read = await call('GET', `/referrals/${id}`, physician);
    const etag = read.headers.get('etag') ?? '';
    const ecog = (read.body.profile as { ecog: unknown }).ecog;
    const same = await call('PATCH', `/referrals/${id}`, physician, { ecog }, mergePatch(etag));
    expect(same.status).toBe(200);
    expect(same.body.version).toBe(read.body.version);
    expect(same.headers.get('etag')).toBe(etag);
    expect((same.body.history as unknown[]).length).toBe((read.body.history as unknown[]).length);
    expect((await call('GET', `/referrals/${id}`, physician)).headers.get('etag')).toBe(etag);
  });
});

describe('HEAD', () => {
  it('answers on every GET route like GET, without the body', async () => {
    const { id } = await refer();
    await stack.drainQueue();
    const pathFor = (template: string) =>
      template.replace('{referralId}', id).replace('{siteId}', SITE).replace('{trialId}', 'NCT05212584');
    const tokenFor = (roles: readonly string[]) => (roles.includes('coordinator') ? coordinator : roles.includes('physician') ? physician : undefined);
    const gets = ROUTES.filter((route) => route.method === 'GET');
    expect(gets.length).toBeGreaterThan(5);
    for (const route of gets) {
      const get = await call('GET', pathFor(route.path), tokenFor(route.roles));
      const head = await call('HEAD', pathFor(route.path), tokenFor(route.roles));
      expect(head.status, route.path).toBe(get.status);
      expect(head.text, route.path).toBe('');
      expect(head.headers.get('content-type'), route.path).toBe(get.headers.get('content-type'));
      if (route.path !== '/sites/{siteId}/audit') expect(head.headers.get('etag'), route.path).toBe(get.headers.get('etag'));
    }
  });
});
