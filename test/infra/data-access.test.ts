/**
 * Least privilege, proved from both sides. The local stack runs the real handlers while a middleware records every
 * DynamoDB call under the function that made it (as `<Action> <key family>` or `Query index/<name>`); a scenario
 * drives every route of the route table and both background functions through their paths, including the rare
 * ones (a replayed submission, a paused trial, a patient put on study, an outbox sweep, a due rescreen, a withdrawal
 * from the study, the audit trail).
 * Then, for every function:
 * - what it did is granted (FUNCTION_ACCESS), or the deployed function would fail with AccessDenied;
 * - what it is granted, it did: no grant that no code path uses.
 * least-privilege.test.ts proves that the synthesized roles grant exactly FUNCTION_ACCESS, in both partitions.
 */
import { documentClientFor } from '#adapters/dynamodb/document-client.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '#local/local-stack.js';
import { FUNCTION_ACCESS, functionNames, type FunctionName } from '#infra/stack/function-catalogue.js';
import { DynamoReferralStore } from '#adapters/dynamodb/referral-store.js';
import { ROUTES } from '#http/routes.js';
import { eligibleProfile } from '#test/support/profiles.js';
import { ManualClock } from '#test/support/manual-clock.js';
import { recordDynamoDbAccess, type AccessRecorder } from './support/dynamodb-access.js';
import { grantedTableCalls } from './support/role-permissions.js';

const SITE = 'hebei-yanda-ludaopei';
const TRIAL = 'NCT05212584';

let stack: LocalStack;
let recorder: AccessRecorder;
const clock = new ManualClock(new Date('2026-11-25T02:00:00.000Z'));
/** Every route key the scenario called, to prove it covers the route table. */
const called = new Set<string>();

beforeAll(async () => {
  stack = await startLocalStack({
    inMemory: true,
    port: 0,
    clock,
    rescreenIntervalMs: false,
    // The site hears of a referral only when the scenario drains the queue: a delivery changes the referral's
    // representation (and so its ETag), and a poller racing the scenario's GET-then-PATCH would make it a 412.
    queuePolling: false,
    quiet: true,
    instrumentDynamoDb: (client) => {
      recorder = recordDynamoDbAccess(client);
    },
  });
  await scenario();
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

async function call(
  routeKey: string,
  path: string,
  token?: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown>; etag: string | null }> {
  const [method] = routeKey.split(' ');
  called.add(routeKey);
  const response = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: {
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
    etag: response.headers.get('etag'),
  };
}

/** Writes the scenario makes itself, as a fault would: kept out of the record of what functions do. */
async function behindTheServicesBack(change: (store: DynamoReferralStore) => Promise<void>): Promise<void> {
  const before = new Set(recorder.outside);
  const document = documentClientFor(stack.dynamodb);
  await change(new DynamoReferralStore({ client: document, tableName: stack.tableName, clock }));
  for (const call of [...recorder.outside]) if (!before.has(call)) recorder.outside.delete(call);
}

async function scenario(): Promise<void> {
  const physician = await stack.mintToken({ role: 'physician', sub: 'dr-li' });
  const coordinator = await stack.mintToken({ role: 'coordinator', sub: 'coord-zhang', siteId: SITE });
  const today = () => clock.now().toISOString().slice(0, 10);
  const referral = (key: string) =>
    call('POST /referrals', '/referrals', physician, { trialId: TRIAL, prescreeningConsent: { attested: true }, profile: eligibleProfile(today()) }, { 'idempotency-key': key });
  const expectStatus = (reply: { status: number }, status: number, what: string) => expect(reply.status, what).toBe(status);

  expectStatus(await call('GET /openapi.json', '/openapi.json'), 200, 'openapi');
  expectStatus(await call('HEAD /openapi.json', '/openapi.json'), 200, 'openapi (HEAD)');
  expectStatus(await call('GET /trials/{trialId}', `/trials/${TRIAL}`), 200, 'trial');
  expectStatus(await call('HEAD /trials/{trialId}', `/trials/${TRIAL}`), 200, 'trial (HEAD)');
  // FHIR matching (API key, stateless): reads the trial's recruitment, as the trial reader does.
  const bundle = { resourceType: 'Bundle', type: 'collection', entry: [] };
  const key = { 'x-api-key': stack.apiKey };
  expectStatus(await call('POST /getClinicalTrial', '/getClinicalTrial', undefined, bundle, key), 200, 'getClinicalTrial');
  const parameters = { resourceType: 'Parameters', parameter: [{ name: 'trialMatchClinicalData', resource: bundle }] };
  expectStatus(await call('POST /ResearchStudy/$match', '/ResearchStudy/$match', undefined, parameters, key), 200, '$match');

  // A referral submitted while recruitment is paused: its notification is held in the outbox.
  expectStatus(await call('PATCH /trials/{trialId}', `/trials/${TRIAL}`, coordinator, { recruitment: 'paused' }), 200, 'pause');
  const held = await referral('scenario-held-referral');
  expectStatus(held, 201, 'held referral');
  expectStatus(await call('PATCH /trials/{trialId}', `/trials/${TRIAL}`, coordinator, { recruitment: 'open' }), 200, 'reopen');

  // A referral and its replay (the id is taken: the referral, which keeps the first reply, is read back).
  const created = await referral('scenario-main-referral');
  expectStatus(created, 201, 'referral');
  expectStatus(await referral('scenario-main-referral'), 201, 'replayed referral');
  const id = String(created.body['id']);

  // The site is told first: its delivery is a write that changes the referral's ETag, and must not land between the
  // read and the PATCH below (under load it did, and the PATCH got its 412).
  await stack.drainQueue();
  expectStatus(await call('GET /referrals', '/referrals', physician), 200, 'list');
  expectStatus(await call('HEAD /referrals', '/referrals', physician), 200, 'list (HEAD)');
  const read = await call('GET /referrals/{referralId}', `/referrals/${id}`, physician);
  expectStatus(read, 200, 'get');
  expectStatus(await call('HEAD /referrals/{referralId}', `/referrals/${id}`, physician), 200, 'get (HEAD)');
  const patch = await call('PATCH /referrals/{referralId}', `/referrals/${id}`, physician, { ecog: { score: 0, date: today() } }, {
    'content-type': 'application/merge-patch+json',
    'if-match': read.etag ?? '',
  });
  expectStatus(patch, 200, 'update');
  // A change the site must hear of (the verdict moves), and back: only then is recruitment read.
  const worse = await call('PATCH /referrals/{referralId}', `/referrals/${id}`, physician, { ecog: { score: 3, date: today() } }, {
    'content-type': 'application/merge-patch+json',
    'if-match': patch.etag ?? '',
  });
  expectStatus(worse, 200, 'update (verdict changes)');
  const back = await call('PATCH /referrals/{referralId}', `/referrals/${id}`, physician, { ecog: { score: 0, date: today() } }, {
    'content-type': 'application/merge-patch+json',
    'if-match': worse.etag ?? '',
  });
  expectStatus(back, 200, 'update (verdict back)');
  await stack.drainQueue();

  expectStatus(await call('GET /sites/{siteId}/candidates', `/sites/${SITE}/candidates`, coordinator), 200, 'inbox');
  expectStatus(await call('HEAD /sites/{siteId}/candidates', `/sites/${SITE}/candidates`, coordinator), 200, 'inbox (HEAD)');
  const candidate = `/sites/${SITE}/candidates/${id}`;
  expectStatus(await call('GET /sites/{siteId}/candidates/{referralId}', candidate, coordinator), 200, 'candidate');
  expectStatus(await call('HEAD /sites/{siteId}/candidates/{referralId}', candidate, coordinator), 200, 'candidate (HEAD)');
  for (const status of ['candidate', 'screening', 'eligible', 'on-study']) {
    const moved = await call('PATCH /sites/{siteId}/candidates/{referralId}', `/sites/${SITE}/candidates/${id}`, coordinator, { status });
    expectStatus(moved, 200, `move to ${status}`);
  }

  // The sweep releases the held notification, then, months later, rescreens what went stale.
  clock.advanceMinutes(5);
  await stack.runRescreen();
  await stack.drainQueue();
  // The enrolment ledger drifted: a request died holding a place, and the patient on study lost theirs.
  await behindTheServicesBack(async (store) => {
    await store.claimPlace(TRIAL, { referralId: 'abandoned-claim', token: 'request-that-died', at: '2026-01-01T00:00:00.000Z' }, 1000);
    await store.releasePlace(TRIAL, id);
  });
  clock.set(new Date('2027-06-01T02:00:00.000Z'));
  const sweep = await stack.runRescreen();
  expect(sweep.rescreened, 'the stale referrals were rescreened').toBeGreaterThan(0);
  expect([sweep.placesReleased, sweep.placesRecorded], 'the ledger was reconciled both ways').toEqual([1, 1]);
  await stack.drainQueue();

  expectStatus(await call('DELETE /referrals/{referralId}', `/referrals/${id}`, physician), 204, 'withdraw');
  await stack.drainQueue();

  expectStatus(await call('GET /sites/{siteId}/audit', `/sites/${SITE}/audit`, coordinator), 200, 'audit trail');
  expectStatus(await call('HEAD /sites/{siteId}/audit', `/sites/${SITE}/audit`, coordinator), 200, 'audit trail (HEAD)');
}

describe('what each function does to the table, against what it is granted', () => {
  it('the scenario called every route of the route table', () => {
    expect([...called].sort()).toEqual(ROUTES.map((route) => `${route.method} ${route.path}`).sort());
  });

  it('made no table call outside a function, except creating the table', () => {
    expect([...recorder.outside].sort()).toEqual(['CreateTable ?', 'DescribeTable ?']);
  });

  it.each(functionNames())('%s: uses exactly what it is granted', (name: FunctionName) => {
    const observed = [...(recorder.byFunction.get(name) ?? [])].sort();
    const declared = [...grantedTableCalls(FUNCTION_ACCESS[name])].sort();
    expect(observed.filter((call) => !declared.includes(call)), 'used but not granted (AccessDenied in AWS)').toEqual([]);
    expect(declared.filter((call) => !observed.includes(call)), 'granted but never used').toEqual([]);
  });
});
