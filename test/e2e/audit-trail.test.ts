/**
 * The inbox shows the minimum per candidate and the detail is read on demand; every read of a patient's data, by
 * anyone, is recorded (who, which referral, when, why, and no clinical value), kept after the patient withdraws,
 * and examined by the site's coordinators through the API (HIPAA §164.312(b)).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '#local/local-stack.js';
import type { PatientProfile } from '#profile/schema.js';
import { apiClient } from '#test/support/api-client.js';
import { eligibleProfile } from '#test/support/profiles.js';

const SITE = 'hebei-yanda-ludaopei';
let stack: LocalStack;
let physician: string;
let coordinator: string;
let otherCoordinator: string;
const call = apiClient(() => stack.apiUrl);
const today = () => new Date().toISOString().slice(0, 10);
const BIRTH_DATE = '1981-09-17';

beforeAll(async () => {
  stack = await startLocalStack({ inMemory: true, port: 0, rescreenIntervalMs: false, quiet: true });
  physician = await stack.mintToken({ role: 'physician', sub: 'dr-audit' });
  coordinator = await stack.mintToken({ role: 'coordinator', sub: 'coord-audit', siteId: SITE });
  otherCoordinator = await stack.mintToken({ role: 'coordinator', sub: 'coord-elsewhere', siteId: 'another-site' });
});

afterAll(async () => {
  await stack?.stop();
});

async function refer(): Promise<string> {
  const base = eligibleProfile(today());
  const profile: PatientProfile = { ...base, demographics: { ...base.demographics, birthDate: BIRTH_DATE } };
  const created = await call('POST', '/referrals', physician, { trialId: 'NCT05212584', prescreeningConsent: { attested: true }, profile });
  expect(created.status).toBe(201);
  await stack.drainQueue();
  return String(created.body.id);
}

interface Entry {
  at: string;
  actor: string;
  role: string;
  action: string;
  purpose: string;
  referralIds: string[];
}

const auditOf = async (query: string) => {
  const reply = await call('GET', `/sites/${SITE}/audit${query}`, coordinator);
  expect(reply.status, reply.text).toBe(200);
  return { entries: reply.body.items as Entry[], text: reply.text };
};

describe('the inbox', () => {
  it('lists the minimum per candidate (age, verdict, score, missing-data count), never the profile', async () => {
    const id = await refer();
    const inbox = await call('GET', `/sites/${SITE}/candidates?limit=100`, coordinator);
    expect(inbox.status).toBe(200);
    const entry = (inbox.body.items as Record<string, unknown>[]).find((item) => item.referralId === id);
    // Eligible, with one datum only the site can give (the signed consent).
    expect(entry).toMatchObject({ verdict: 'eligible', score: 100, missingData: 1, status: 'potential-candidate' });
    expect(entry?.age).toBe(Number(today().slice(0, 4)) - 1981 - (today().slice(5) < '09-17' ? 1 : 0));
    expect(entry).not.toHaveProperty('profile');
    expect(entry).not.toHaveProperty('screening');
    expect(inbox.text).not.toContain(BIRTH_DATE);
  });

  it('shows one candidate in full on demand, to the site only', async () => {
    const id = await refer();
    const detail = await call('GET', `/sites/${SITE}/candidates/${id}`, coordinator);
    expect(detail.status).toBe(200);
    expect((detail.body.profile as PatientProfile).demographics?.birthDate).toBe(BIRTH_DATE);
    expect(detail.body.screening).toBeDefined();
    expect((await call('GET', `/sites/${SITE}/candidates/${id}`, otherCoordinator)).status).toBe(403);
    expect((await call('GET', `/sites/${SITE}/candidates/${id}`, physician)).status).toBe(403);
    expect((await call('GET', `/sites/${SITE}/candidates/00000000-0000-4000-8000-000000000000`, coordinator)).status).toBe(404);
  });

  it('answers a move with the minimum, not the profile', async () => {
    const id = await refer();
    const moved = await call('PATCH', `/sites/${SITE}/candidates/${id}`, coordinator, { status: 'candidate' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ referralId: id, status: 'candidate' });
    expect(moved.text).not.toContain(BIRTH_DATE);
  });
});

describe('the audit trail', () => {
  it('records every read of a patient’s data: who, which referral, when, why, no clinical values', async () => {
    const started = new Date().toISOString();
    const id = await refer();
    expect((await call('GET', `/sites/${SITE}/candidates`, coordinator)).status).toBe(200);
    expect((await call('GET', `/sites/${SITE}/candidates/${id}`, coordinator)).status).toBe(200);
    expect((await call('GET', `/referrals/${id}`, physician)).status).toBe(200);
    expect((await call('GET', '/referrals', physician)).status).toBe(200);

    const { entries, text } = await auditOf(`?referralId=${id}`);
    const actions = entries.map((entry) => `${entry.actor}:${entry.action}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'dr-audit:submit-referral',
        'coord-audit:list-candidates',
        'coord-audit:read-candidate',
        'dr-audit:read-referral',
        'dr-audit:list-referrals',
      ]),
    );
    for (const entry of entries) {
      expect(entry.referralIds).toContain(id);
      expect(entry.at >= started).toBe(true);
      expect(entry.purpose).toBe(entry.role === 'coordinator' ? 'CLINTRCH' : 'TREAT');
    }
    // Newest first.
    expect([...entries].map((entry) => entry.at)).toEqual([...entries].map((entry) => entry.at).sort().reverse());
    // No clinical value in the trail.
    expect(text).not.toContain(BIRTH_DATE);
    expect(text).not.toMatch(/"(verdict|score|profile|screening|labs|eligible)"/);
  });

  it('outlives the withdrawal that erases the patient’s data', async () => {
    const id = await refer();
    expect((await call('GET', `/referrals/${id}`, physician)).status).toBe(200);
    expect((await call('DELETE', `/referrals/${id}`, physician)).status).toBe(204);
    const { entries } = await auditOf(`?referralId=${id}`);
    expect(entries.map((entry) => entry.action)).toEqual(expect.arrayContaining(['read-referral', 'withdraw-referral']));
  });

  it('is bounded by time and paginated', async () => {
    const id = await refer();
    for (let i = 0; i < 3; i++) expect((await call('GET', `/referrals/${id}`, physician)).status).toBe(200);
    const later = new Date(Date.now() + 60_000).toISOString();
    expect((await auditOf(`?from=${encodeURIComponent(later)}`)).entries).toEqual([]);
    const first = await call('GET', `/sites/${SITE}/audit?referralId=${id}&limit=2`, coordinator);
    expect((first.body.items as Entry[]).length).toBeLessThanOrEqual(2);
    expect(first.body.cursor).toBeDefined();
  });

  it('is the site’s to examine: another site’s coordinators and physicians are refused', async () => {
    expect((await call('GET', `/sites/${SITE}/audit`, otherCoordinator)).status).toBe(403);
    expect((await call('GET', `/sites/${SITE}/audit`, physician)).status).toBe(403);
    expect((await call('GET', `/sites/${SITE}/audit`)).status).toBe(401);
    expect((await call('GET', `/sites/${SITE}/audit?referralId=not-a-uuid`, coordinator)).status).toBe(400);
  });
});
