/**
 * Every route × every kind of caller, with the status each must get. Mutating routes get a fresh referral per
 * cell so one cell's success cannot change another's answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleOf } from '#test/support/fhir-bundles.js';
import { eligibleProfile } from '#test/support/profiles.js';
import { expectWellFormedReply, send, SITE, startProofStack, TRIAL, type ProofStack, type RawRequest, type Tokens } from './harness.js';

type Caller = 'owner' | 'otherPhysician' | 'coordinator' | 'otherSiteCoordinator' | 'none';
const CALLERS: readonly Caller[] = ['owner', 'otherPhysician', 'coordinator', 'otherSiteCoordinator', 'none'];

interface Row {
  readonly route: string;
  /** Builds the request for a referral that belongs to the owner (dr-li). */
  readonly request: (referralId: string) => Omit<RawRequest, 'headers'> & { headers?: Record<string, string> };
  readonly expected: Readonly<Record<Caller, number>>;
}

const json = { 'content-type': 'application/json' };
const today = () => new Date().toISOString().slice(0, 10);

const MATRIX: readonly Row[] = [
  {
    route: 'POST /referrals',
    request: () => ({ method: 'POST', path: '/referrals', headers: json, body: JSON.stringify({ trialId: TRIAL, prescreeningConsent: { attested: true }, profile: eligibleProfile(today()) }) }),
    expected: { owner: 201, otherPhysician: 201, coordinator: 403, otherSiteCoordinator: 403, none: 401 },
  },
  {
    route: 'GET /referrals',
    request: () => ({ method: 'GET', path: '/referrals' }),
    expected: { owner: 200, otherPhysician: 200, coordinator: 403, otherSiteCoordinator: 403, none: 401 },
  },
  {
    route: 'GET /referrals/{referralId}',
    request: (id) => ({ method: 'GET', path: `/referrals/${id}` }),
    // Another physician is told "not found", not "forbidden": the answer must not reveal that a patient was referred.
    expected: { owner: 200, otherPhysician: 404, coordinator: 403, otherSiteCoordinator: 403, none: 401 },
  },
  {
    route: 'PATCH /referrals/{referralId}',
    request: (id) => ({
      method: 'PATCH',
      path: `/referrals/${id}`,
      headers: { 'content-type': 'application/merge-patch+json', 'if-match': '*' },
      body: JSON.stringify({ ecog: { score: 1, date: today() } }),
    }),
    expected: { owner: 200, otherPhysician: 404, coordinator: 403, otherSiteCoordinator: 403, none: 401 },
  },
  {
    route: 'DELETE /referrals/{referralId}',
    request: (id) => ({ method: 'DELETE', path: `/referrals/${id}` }),
    expected: { owner: 204, otherPhysician: 404, coordinator: 403, otherSiteCoordinator: 403, none: 401 },
  },
  {
    route: 'GET /trials/{trialId}',
    request: () => ({ method: 'GET', path: `/trials/${TRIAL}` }),
    expected: { owner: 200, otherPhysician: 200, coordinator: 200, otherSiteCoordinator: 200, none: 200 },
  },
  {
    route: 'PATCH /trials/{trialId}',
    request: () => ({ method: 'PATCH', path: `/trials/${TRIAL}`, headers: json, body: JSON.stringify({ recruitment: 'open' }) }),
    expected: { owner: 403, otherPhysician: 403, coordinator: 200, otherSiteCoordinator: 403, none: 401 },
  },
  {
    route: 'GET /sites/{siteId}/candidates',
    request: () => ({ method: 'GET', path: `/sites/${SITE}/candidates` }),
    expected: { owner: 403, otherPhysician: 403, coordinator: 200, otherSiteCoordinator: 403, none: 401 },
  },
  {
    route: 'PATCH /sites/{siteId}/candidates/{referralId}',
    request: (id) => ({ method: 'PATCH', path: `/sites/${SITE}/candidates/${id}`, headers: json, body: JSON.stringify({ status: 'candidate' }) }),
    expected: { owner: 403, otherPhysician: 403, coordinator: 200, otherSiteCoordinator: 403, none: 401 },
  },
  {
    route: 'GET /sites/{siteId}/candidates/{referralId}',
    request: (id) => ({ method: 'GET', path: `/sites/${SITE}/candidates/${id}` }),
    expected: { owner: 403, otherPhysician: 403, coordinator: 200, otherSiteCoordinator: 403, none: 401 },
  },
  {
    route: 'GET /sites/{siteId}/audit',
    request: (id) => ({ method: 'GET', path: `/sites/${SITE}/audit?referralId=${id}` }),
    expected: { owner: 403, otherPhysician: 403, coordinator: 200, otherSiteCoordinator: 403, none: 401 },
  },
  {
    route: 'GET /openapi.json',
    request: () => ({ method: 'GET', path: '/openapi.json' }),
    expected: { owner: 200, otherPhysician: 200, coordinator: 200, otherSiteCoordinator: 200, none: 200 },
  },
  // The FHIR matching routes answer whoever holds the API key; a bearer token neither helps nor hurts.
  {
    route: 'POST /getClinicalTrial',
    request: () => ({ method: 'POST', path: '/getClinicalTrial', headers: { ...json, 'x-api-key': proof.stack.apiKey }, body: JSON.stringify(bundleOf('collection')) }),
    expected: { owner: 200, otherPhysician: 200, coordinator: 200, otherSiteCoordinator: 200, none: 200 },
  },
  {
    route: 'POST /ResearchStudy/$match',
    request: () => ({
      method: 'POST',
      path: '/ResearchStudy/$match',
      headers: { ...json, 'x-api-key': proof.stack.apiKey },
      body: JSON.stringify({ resourceType: 'Parameters', parameter: [{ name: 'trialMatchClinicalData', resource: bundleOf('collection') }] }),
    }),
    expected: { owner: 200, otherPhysician: 200, coordinator: 200, otherSiteCoordinator: 200, none: 200 },
  },
];

/** Every GET route answers HEAD, to the same callers with the same statuses. */
const ROWS: readonly Row[] = [
  ...MATRIX,
  ...MATRIX.filter((row) => row.route.startsWith('GET ')).map((row) => ({
    route: row.route.replace(/^GET /, 'HEAD '),
    request: (id: string) => ({ ...row.request(id), method: 'HEAD' }),
    expected: row.expected,
  })),
];

let proof: ProofStack;

beforeAll(async () => {
  proof = await startProofStack();
}, 60_000);

afterAll(async () => {
  await proof?.stop();
});

const bearer = (tokens: Tokens, caller: Caller): Record<string, string> =>
  caller === 'none' ? {} : { authorization: `Bearer ${tokens[caller]}` };

async function freshReferral(): Promise<string> {
  const reply = await send(proof.stack.apiUrl, {
    method: 'POST',
    path: '/referrals',
    headers: { ...json, authorization: `Bearer ${proof.tokens.owner}` },
    body: JSON.stringify({ trialId: TRIAL, prescreeningConsent: { attested: true }, profile: eligibleProfile(today()) }),
  });
  expect(reply.status).toBe(201);
  // The candidate reaches the site inbox through the queue.
  await proof.stack.drainQueue();
  return (JSON.parse(reply.text) as { id: string }).id;
}

describe('the API key of the FHIR matching routes', () => {
  it.each(['POST /getClinicalTrial', 'POST /ResearchStudy/$match'])('%s: 401 without a key and 403 with a wrong one, whatever the token', async (route) => {
    const path = route.slice('POST '.length);
    for (const caller of CALLERS) {
      for (const [key, status] of [[undefined, 401], ['not-the-key-000000000', 403]] as const) {
        const request = { method: 'POST', path, headers: { ...json, ...bearer(proof.tokens, caller), ...(key ? { 'x-api-key': key } : {}) }, body: '{}' };
        const reply = await send(proof.stack.apiUrl, request);
        expectWellFormedReply(request, reply);
        expect(reply.status, `${caller}`).toBe(status);
      }
    }
  });
});

describe('authorization matrix', () => {
  it('covers every route', async () => {
    const { ROUTES } = await import('#http/routes.js');
    expect(ROWS.map((row) => row.route).sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });

  for (const row of ROWS) {
    for (const caller of CALLERS) {
      it(`${row.route} as ${caller}: ${row.expected[caller]}`, async () => {
        const id = await freshReferral();
        const built = row.request(id);
        const request = { ...built, headers: { ...built.headers, ...bearer(proof.tokens, caller) } };
        const reply = await send(proof.stack.apiUrl, request);
        expectWellFormedReply(request, reply);
        expect(reply.status, reply.text.slice(0, 300)).toBe(row.expected[caller]);
      });
    }
  }
});
