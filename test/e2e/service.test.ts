/**
 * The whole service on one machine, through HTTP: the local stack (dynalite over the wire, the real handlers behind
 * the local API, the in-process queue and the webhook receiver), with a controllable clock.
 */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '#local/local-stack.js';
import type { PatientProfile } from '#profile/schema.js';
import { apiClient } from '#test/support/api-client.js';
import { withDocumentOpened } from '#test/support/stored-items.js';
import { eligibleProfile } from '#test/support/profiles.js';
import { ManualClock } from '#test/support/manual-clock.js';

const SITE = 'hebei-yanda-ludaopei';
const TRIAL = 'NCT05212584';

let stack: LocalStack;
let clock: ManualClock;
let drLi: string;
let drWang: string;
let coordinator: string;
let otherCoordinator: string;

/** Every reply is also checked against the OpenAPI document (apiClient). */
const call = apiClient(() => stack.apiUrl);

const submit = (token: string, profile: PatientProfile, headers: Record<string, string> = {}) =>
  call('POST', '/referrals', token, { trialId: TRIAL, prescreeningConsent: { attested: true }, profile }, headers);

const today = () => clock.now().toISOString().slice(0, 10);

beforeAll(async () => {
  clock = new ManualClock(new Date('2026-11-25T02:00:00.000Z'));
  stack = await startLocalStack({ inMemory: true, port: 0, clock, rescreenIntervalMs: false, quiet: true });
  drLi = await stack.mintToken({ role: 'physician', sub: 'dr-li' });
  drWang = await stack.mintToken({ role: 'physician', sub: 'dr-wang' });
  coordinator = await stack.mintToken({ role: 'coordinator', sub: 'coord-zhang', siteId: SITE });
  otherCoordinator = await stack.mintToken({ role: 'coordinator', sub: 'coord-other', siteId: 'another-site' });
});

afterAll(async () => {
  await stack?.stop();
});

describe('a physician refers a candidate', () => {
  it('stores, screens, puts the candidate in the site inbox and notifies the site exactly once', async () => {
    const before = stack.siteDeliveries().length;
    const reply = await submit(drLi, eligibleProfile(today()));
    expect(reply.status).toBe(201);
    expect(reply.body.verdict).toBe('eligible');
    expect(reply.headers.get('location')).toBe(`/referrals/${String(reply.body.id)}`);
    expect(reply.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    const criteria = reply.body.criteria as { id: string }[];
    expect(criteria).toHaveLength(19);

    await stack.drainQueue();
    const inbox = await call('GET', `/sites/${SITE}/candidates`, coordinator);
    expect(inbox.status).toBe(200);
    const entry = (inbox.body.items as { referralId: string; status: string }[]).find((c) => c.referralId === reply.body.id);
    expect(entry?.status).toBe('potential-candidate');

    const deliveries = stack.siteDeliveries().slice(before);
    expect(deliveries.filter((d) => d.referralId === reply.body.id)).toHaveLength(1);

    // The outbox sweep and a redelivered queue message find nothing new to tell.
    clock.advanceMinutes(10);
    await stack.runRescreen();
    await stack.redeliverLastMessages();
    await stack.drainQueue();
    expect(stack.siteDeliveries().filter((d) => d.referralId === reply.body.id)).toHaveLength(1);
  });

  it('answers a retried submission with the first reply and creates nothing new', async () => {
    const profile = eligibleProfile(today());
    const key = 'retry-key-0001';
    const first = await submit(drLi, profile, { 'idempotency-key': key });
    const second = await submit(drLi, profile, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');

    const list = await call('GET', '/referrals?limit=100', drLi);
    expect((list.body.items as { id: string }[]).filter((r) => r.id === first.body.id)).toHaveLength(1);

    const reused = await submit(drLi, { ...profile, ecog: { score: 1, date: today() } }, { 'idempotency-key': key });
    expect(reused.status).toBe(422);
    expect(reused.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('the language of the reply', () => {
  it('answers in Chinese when asked, with the structure unchanged beside the text', async () => {
    const english = await submit(drLi, eligibleProfile(today()));
    const chinese = await submit(drLi, eligibleProfile(today()), { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' });
    expect(english.body.language).toBe('en');
    expect(chinese.body.language).toBe('zh-CN');
    expect(chinese.body.verdictLabel).toBe('预筛符合——最终入组资格由研究中心确认');
    const row = (body: Record<string, unknown>, id: string) => (body.criteria as { id: string; reasons: unknown; reason: string; translatedText?: string }[]).find((c) => c.id === id);
    expect(row(chinese.body, 'exc-hiv')).toMatchObject({ reason: 'HIV感染：无', translatedText: '人类免疫缺陷病毒（HIV）感染' });
    expect(row(english.body, 'exc-hiv')?.reason).toBe('HIV infection: absent');
    expect(row(chinese.body, 'exc-hiv')?.reasons).toEqual(row(english.body, 'exc-hiv')?.reasons);
    const read = await call('GET', `/referrals/${String(chinese.body.id)}`, drLi, undefined, { 'accept-language': 'zh-CN' });
    expect(read.headers.get('content-language')).toBe('zh-CN');
    expect((read.body.screening as { verdictLabel: string }).verdictLabel).toContain('预筛');
  });

  it('names what is wrong with a refused request in the language asked for, field paths as sent', async () => {
    const bad = { ...eligibleProfile(today()), cd7: { percent: 170, method: 'flow-cytometry' as const, date: today() } };
    const english = await submit(drLi, bad);
    const chinese = await submit(drLi, bad, { 'accept-language': 'zh-CN' });
    expect(english.status).toBe(422);
    expect(chinese.status).toBe(422);
    expect(english.body.errors).toEqual([{ field: 'profile.cd7.percent', message: 'must be at most 100' }]);
    expect(chinese.body.errors).toEqual([{ field: 'profile.cd7.percent', message: '须不大于 100' }]);
    // A correction that breaks the profile is refused the same way.
    const created = await submit(drLi, eligibleProfile(today()));
    await stack.drainQueue();
    // The entity tag depends on the reply's language: read in the language the correction is sent in.
    const read = await call('GET', `/referrals/${String(created.body.id)}`, drLi, undefined, { 'accept-language': 'zh-CN' });
    const patched = await call('PATCH', `/referrals/${String(created.body.id)}`, drLi, { ecog: { score: 1.5 } }, {
      'content-type': 'application/merge-patch+json',
      'if-match': read.headers.get('etag') ?? '',
      'accept-language': 'zh-CN',
    });
    expect(patched.status).toBe(422);
    expect(patched.body.errors).toEqual([{ field: 'profile.ecog.score', message: '应为整数' }]);
  });
});

describe('concurrent updates', () => {
  it('refuses the lost update with 412 instead of overwriting it', async () => {
    const created = await submit(drLi, eligibleProfile(today()));
    const id = String(created.body.id);
    await stack.drainQueue();
    const read = await call('GET', `/referrals/${id}`, drLi);
    const patch = (score: number) =>
      call('PATCH', `/referrals/${id}`, drLi, { ecog: { score, date: today() } }, {
        'content-type': 'application/merge-patch+json',
        'if-match': read.headers.get('etag') ?? '',
      });
    const results = await Promise.all([patch(0), patch(1)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    const winner = results.find((r) => r.status === 200);
    const current = await call('GET', `/referrals/${id}`, drLi);
    expect(current.headers.get('etag')).toBe(winner?.headers.get('etag'));
    expect(current.body.version).toBe(2);
    expect((current.body.profile as PatientProfile).ecog).toEqual((winner?.body.profile as PatientProfile).ecog);
  });

  it('requires If-Match on PATCH', async () => {
    const created = await submit(drLi, eligibleProfile(today()));
    const reply = await call('PATCH', `/referrals/${String(created.body.id)}`, drLi, { ecog: { score: 1, date: today() } });
    expect(reply.status).toBe(428);
  });
});

describe('rescreening when time passes', () => {
  it('flips a patient who turns 61 and tells the site of the change', async () => {
    const asOf = today();
    const profile: PatientProfile = {
      ...eligibleProfile(asOf),
      demographics: { birthDate: '1965-11-28', sex: 'female', weight: { value: 58, unit: 'kg' } },
    };
    const created = await submit(drLi, profile);
    expect(created.body.verdict).toBe('eligible');
    expect(created.body.reviewAt).toBe('2026-11-28');
    await stack.drainQueue();
    const id = String(created.body.id);
    const delivered = () => stack.siteDeliveries().filter((d) => d.referralId === id);
    expect(delivered()).toHaveLength(1);

    clock.advanceDays(1);
    const early = await stack.runRescreen();
    expect(early.rescreened).toBe(0);

    clock.advanceDays(2);
    const report = await stack.runRescreen();
    expect(report.rescreened).toBeGreaterThanOrEqual(1);
    const after = await call('GET', `/referrals/${id}`, drLi);
    const screening = after.body.screening as { verdict: string; criteria: { id: string; outcome: string }[] };
    expect(screening.verdict).toBe('ineligible');
    expect(screening.criteria.find((c) => c.id === 'inc-age')?.outcome).toBe('not_met');
    expect((after.body.history as { trigger: string }[]).at(-1)?.trigger).toBe('time-passed');

    await stack.drainQueue();
    expect(delivered().map((d) => d.verdict)).toEqual(['eligible', 'ineligible']);
  });
});

describe('withdrawal', () => {
  it('erases the patient data and keeps a tombstone', async () => {
    const profile: PatientProfile = {
      ...eligibleProfile(today()),
      demographics: { birthDate: '1987-03-14', sex: 'male' },
    };
    const created = await submit(drLi, profile);
    const id = String(created.body.id);
    await stack.drainQueue();
    const tableText = async () =>
      JSON.stringify(((await stack.dynamodb.send(new ScanCommand({ TableName: stack.tableName }))).Items ?? []).map(withDocumentOpened));
    expect(await tableText(), 'the scan sees the stored profile before withdrawal').toContain('1987-03-14');
    expect((await call('DELETE', `/referrals/${id}`, drLi)).status).toBe(204);
    const gone = await call('GET', `/referrals/${id}`, drLi);
    expect(gone.status).toBe(410);
    expect(gone.body.status).toBe(410);
    expect((gone.body.referral as { status: string }).status).toBe('withdrawn');

    const raw = await tableText();
    expect(raw).toContain(id);
    expect(raw).not.toContain('1987-03-14');
    const inbox = await call('GET', `/sites/${SITE}/candidates?limit=100`, coordinator);
    expect((inbox.body.items as { referralId: string }[]).some((c) => c.referralId === id)).toBe(false);
  });
});

describe('access control', () => {
  it('hides one physician’s referral from another', async () => {
    const created = await submit(drLi, eligibleProfile(today()));
    const id = String(created.body.id);
    expect((await call('GET', `/referrals/${id}`, drWang)).status).toBe(404);
    expect((await call('DELETE', `/referrals/${id}`, drWang)).status).toBe(404);
    const theirs = await call('GET', '/referrals?limit=100', drWang);
    expect((theirs.body.items as { id: string }[]).some((r) => r.id === id)).toBe(false);
    expect((await call('GET', `/referrals/${id}`, drLi)).status).toBe(200);
  });

  it('shows a coordinator of another site nothing', async () => {
    expect((await call('GET', `/sites/${SITE}/candidates`, otherCoordinator)).status).toBe(403);
    const created = await submit(drLi, eligibleProfile(today()));
    await stack.drainQueue();
    const move = await call('PATCH', `/sites/${SITE}/candidates/${String(created.body.id)}`, otherCoordinator, { status: 'candidate' });
    expect(move.status).toBe(403);
  });

  it('keeps physicians out of the inbox and coordinators out of referrals, and needs a token', async () => {
    expect((await call('GET', `/sites/${SITE}/candidates`, drLi)).status).toBe(403);
    expect((await call('GET', '/referrals', coordinator)).status).toBe(403);
    expect((await call('GET', '/referrals')).status).toBe(401);
  });
});

describe('the site workflow', () => {
  it('enforces the allowed transitions', async () => {
    const created = await submit(drLi, eligibleProfile(today()));
    await stack.drainQueue();
    const path = `/sites/${SITE}/candidates/${String(created.body.id)}`;
    const skip = await call('PATCH', path, coordinator, { status: 'on-study' });
    expect(skip.status).toBe(409);
    expect(skip.body.allowed).toEqual(['candidate', 'ineligible', 'withdrawn']);
    expect((await call('PATCH', path, coordinator, { status: 'candidate' })).status).toBe(200);
    const filtered = await call('GET', `/sites/${SITE}/candidates?status=candidate`, coordinator);
    expect((filtered.body.items as { referralId: string }[]).map((c) => c.referralId)).toContain(created.body.id);
  });

  it('holds notifications while recruitment is paused, says so to the physician, and releases them on reopening', async () => {
    expect((await call('PATCH', `/trials/${TRIAL}`, coordinator, { recruitment: 'paused' })).status).toBe(200);
    const before = stack.siteDeliveries().length;
    const created = await submit(drLi, eligibleProfile(today()));
    expect(created.status).toBe(201);
    expect((created.body.recruitment as { status: string }).status).toBe('paused');
    await stack.drainQueue();
    expect(stack.siteDeliveries().length).toBe(before);
    await stack.runRescreen();
    await stack.drainQueue();
    expect(stack.siteDeliveries().length, 'held while paused, even by the sweep').toBe(before);

    expect((await call('PATCH', `/trials/${TRIAL}`, coordinator, { recruitment: 'open' })).status).toBe(200);
    const trial = await call('GET', `/trials/${TRIAL}`);
    expect((trial.body.recruitment as { status: string }).status).toBe('open');
    // Reopened: the next sweep releases what was held, once.
    clock.advanceMinutes(5);
    await stack.runRescreen();
    await stack.drainQueue();
    expect(stack.siteDeliveries().filter((d) => d.referralId === created.body.id)).toHaveLength(1);
  });
});

describe('bad input', () => {
  it('answers each kind of bad request with a 4xx problem that names the bad fields', async () => {
    const wrongType = await call('POST', '/referrals', drLi, 'trialId=x', { 'content-type': 'text/plain' });
    expect(wrongType.status).toBe(415);
    const notJson = await call('POST', '/referrals', drLi, '{"trialId":', {});
    expect(notJson.status).toBe(400);
    const invalid = await submit(drLi, {
      labs: { hemoglobin: { value: 80, unit: 'mg', date: today() } },
      cd7: { percent: 170, method: 'flow-cytometry', date: today() },
    } as unknown as PatientProfile);
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get('content-type')).toContain('application/problem+json');
    const fields = (invalid.body.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['profile.labs.hemoglobin.unit', 'profile.cd7.percent']));
    const huge = await call('POST', '/referrals', drLi, JSON.stringify({ padding: 'x'.repeat(200_000) }));
    expect(huge.status).toBe(413);
  });
});

describe('the API describes itself', () => {
  it('serves the trial and an OpenAPI document', async () => {
    const trial = await call('GET', `/trials/${TRIAL}`);
    expect(trial.status).toBe(200);
    expect(trial.body.targetEnrollment ?? (trial.body.recruitment as { target: number }).target).toBe(24);
    const openapi = await call('GET', '/openapi.json');
    expect(openapi.status).toBe(200);
    expect(openapi.body.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.body.paths as object)).toContain('/referrals/{referralId}');
  });
});
