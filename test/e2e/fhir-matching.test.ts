/**
 * The FHIR front door through HTTP on the local stack: MITRE-compatible getClinicalTrial (the expectations of MITRE's
 * own server spec, spec/server.spec.ts of mcode/clinical-trial-matching-service, replayed against our route: 400 for
 * a non-Bundle, the searchset shape), ResearchStudy/$match, the API key, and the trial as a ResearchStudy.
 */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '#local/local-stack.js';
import { ADULT_T_ALL, MITRE_FIXTURE, readJson } from '#test/support/fhir-bundles.js';
import { ManualClock } from '#test/support/manual-clock.js';
import { openApiValidator } from '#test/support/openapi-validator.js';

let stack: LocalStack;

const validator = openApiValidator();
/** fetch, and every reply checked against the OpenAPI document (as test/support/api-client.ts does). */
async function fetch(url: string, init: RequestInit = {}): Promise<Response> {
  const response = await globalThis.fetch(url, init);
  const text = await response.text();
  const method = init.method ?? 'GET';
  const path = url.slice(stack.apiUrl.length);
  expect(validator({ method, path, status: response.status, headers: response.headers, text }), `${method} ${path}: the reply matches the OpenAPI document`).toEqual([]);
  return new Response(text === '' ? null : text, { status: response.status, headers: response.headers });
}

interface Reply {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const response = await fetch(`${stack.apiUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': stack.apiKey, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

type Entry = { resource: Record<string, unknown> & { resourceType: string }; search?: { mode: string; score?: number } };
const entries = (reply: Reply) => reply.body['entry'] as Entry[];
const study = (reply: Reply) => entries(reply).find((e) => e.resource.resourceType === 'ResearchStudy');
const outcome = (reply: Reply) => entries(reply).find((e) => e.resource.resourceType === 'OperationOutcome');

async function itemCount(): Promise<number> {
  const scan = await stack.dynamodb.send(new ScanCommand({ TableName: stack.tableName, Select: 'COUNT' }));
  return scan.Count ?? 0;
}

beforeAll(async () => {
  stack = await startLocalStack({ inMemory: true, port: 0, clock: new ManualClock(new Date('2026-11-25T02:00:00.000Z')), rescreenIntervalMs: false, quiet: true });
});

afterAll(async () => {
  await stack?.stop();
});

describe("MITRE's server spec, replayed against POST /getClinicalTrial", () => {
  it('responds with an error if given a bad patient data bundle (400)', async () => {
    expect((await post('/getClinicalTrial', { patientData: {} })).status).toBe(400);
  });

  it('handles receiving an empty request (400)', async () => {
    const reply = await post('/getClinicalTrial', {});
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    expect(reply.body['errors']).toEqual([{ field: 'resourceType', message: 'must be "Bundle"' }]);
  });

  it('responds to a valid (empty) bundle with a searchset of the same shape as theirs', async () => {
    const reply = await post('/getClinicalTrial', { resourceType: 'Bundle', type: 'collection', entry: [] });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toContain('application/fhir+json');
    expect(reply.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 1 });
    expect(Array.isArray(reply.body['entry'])).toBe(true);
    // total counts the matches, not the outcome entry (FHIR search.mode).
    expect(entries(reply).filter((e) => e.search?.mode === 'match')).toHaveLength(reply.body['total'] as number);
  });

  it('reads the bundle their app sends: a Parameters entry (ignored) and a Patient with a year-only birth date', async () => {
    const year = 2026 - 34;
    const reply = await post('/getClinicalTrial', {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { resource: { resourceType: 'Parameters', id: '0', parameter: [{ name: 'zipCode', valueString: '01730' }] } },
        { resource: { resourceType: 'Patient', id: 'search_patient', gender: 'female', birthDate: String(year) } },
      ],
    });
    expect(reply.status).toBe(200);
    const issues = (outcome(reply)?.resource['issue'] as { details?: { coding: { code: string }[] }; diagnostics: string; code: string }[]) ?? [];
    const age = issues.find((issue) => issue.details?.coding[0]?.code === 'inc-age');
    expect(age?.details?.coding[1]?.code).toBe('met');
    expect(issues.find((issue) => issue.code === 'not-supported')?.diagnostics).toBe('not used: Parameters/0 (entry 0): search parameters of a matching client');
  });
});

describe('what the MITRE app dereferences in the ResearchStudy', () => {
  it('identifier, title, description, status, phase, category, enrollment display, contained sponsor and site', async () => {
    const reply = await post('/getClinicalTrial', readJson(ADULT_T_ALL));
    const resource = study(reply)?.resource as unknown as Record<string, unknown> & {
      identifier: { system: string; value: string }[];
      sponsor: { reference: string };
      site: { reference: string }[];
      contained: { resourceType: string; id: string; name?: string }[];
      enrollment: { display: string }[];
      category: { text: string }[];
      phase: { text: string };
    };
    expect(resource.identifier[0]).toEqual({ use: 'official', system: 'http://clinicaltrials.gov/', value: 'NCT05212584' });
    expect(resource['title']).toBe('CD7 CAR-T Cell Treatment of Relapsed/Refractory CD7+ T-Acute Lymphoblastic Leukemia/Lymphoma');
    expect(resource['description']).toMatch(/^This is a phase I, interventional/);
    expect(resource['status']).toBe('active');
    expect(resource.phase.text).toBe('Phase 1');
    expect(resource.category[0]?.text.match(/Study Type: (.+)$/)?.[1]).toBe('Interventional');
    expect(resource.enrollment[0]?.display.trim()).toMatch(/^Inclusion Criteria:\n1\. Signed written informed consent/);
    const sponsorId = resource.sponsor.reference.match(/#(.*)/)?.[1];
    expect(resource.contained.find((r) => r.resourceType === 'Organization' && r.id === sponsorId)?.name).toBe('iCell Gene Therapeutics');
    const siteId = resource.site[0]?.reference.slice(1);
    expect(resource.contained.find((r) => r.resourceType === 'Location' && r.id === siteId)?.name).toBe('Hebei Yanda Lu Daopei Hospital');
  });

  it('a potential candidate scores below 0.75 (never "High-likelihood" in their app), an ineligible one 0', async () => {
    const potential = await post('/getClinicalTrial', readJson(ADULT_T_ALL));
    const score = study(potential)?.search?.score ?? -1;
    expect(score).toBeGreaterThanOrEqual(0.01);
    expect(score).toBeLessThan(0.75);
    const ineligible = await post('/getClinicalTrial', readJson(MITRE_FIXTURE));
    expect(study(ineligible)?.search).toEqual({ mode: 'match', score: 0 });
  });

  it('answers one issue per criterion (outcome, reason, data still needed), in Chinese on Accept-Language: zh-CN', async () => {
    const english = await post('/getClinicalTrial', readJson(ADULT_T_ALL));
    const issues = outcome(english)?.resource['issue'] as { code: string; diagnostics: string; details?: { coding: { code: string }[] } }[];
    const criteria = issues.filter((issue) => issue.code === 'informational');
    expect(criteria).toHaveLength(19);
    const cd7 = criteria.find((issue) => issue.details?.coding[0]?.code === 'inc-cd7-expression');
    expect(cd7?.details?.coding[1]?.code).toBe('unknown');
    expect(cd7?.diagnostics).toContain('data still needed: ');
    expect(issues.find((issue) => issue.diagnostics.startsWith('not used: Observation/cd7-bm'))?.diagnostics).toContain('share of leukemic blasts');
    const chinese = await post('/getClinicalTrial', readJson(ADULT_T_ALL), { 'accept-language': 'zh-CN' });
    const zh = outcome(chinese)?.resource['issue'] as { diagnostics: string }[];
    expect(zh.some((issue) => issue.diagnostics.includes('仍需资料：'))).toBe(true);
  });
});

describe('ResearchStudy/$match', () => {
  it('takes trialMatchClinicalData and answers trialMatchOutput', async () => {
    const reply = await post('/ResearchStudy/$match', { resourceType: 'Parameters', parameter: [{ name: 'trialMatchClinicalData', resource: readJson(ADULT_T_ALL) }] }, {
      'content-type': 'application/fhir+json',
    });
    expect(reply.status).toBe(200);
    const parameter = (reply.body['parameter'] as { name: string; resource: Record<string, unknown> }[])[0];
    expect(parameter?.name).toBe('trialMatchOutput');
    expect(parameter?.resource).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 1 });
  });

  it('names the bad element inside the parameter, and refuses a body that is not Parameters', async () => {
    const bad = await post('/ResearchStudy/$match', {
      resourceType: 'Parameters',
      parameter: [{ name: 'trialMatchClinicalData', resource: { resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Patient', birthDate: 'soon' } }] } }],
    });
    expect(bad.status).toBe(422);
    expect((bad.body['errors'] as { field: string }[])[0]?.field).toBe('parameter[0].resource.entry[0].resource.birthDate');
    expect((await post('/ResearchStudy/$match', { resourceType: 'Bundle' })).status).toBe(400);
    expect((await post('/ResearchStudy/$match', { resourceType: 'Parameters', parameter: [] })).status).toBe(422);
  });
});

describe('access and side effects', () => {
  it('asks for an API key (401), refuses a wrong one (403), and needs no bearer token', async () => {
    expect((await post('/getClinicalTrial', { resourceType: 'Bundle', type: 'collection' }, { 'x-api-key': '' })).status).toBe(401);
    expect((await post('/getClinicalTrial', { resourceType: 'Bundle', type: 'collection' }, { 'x-api-key': 'not-the-key' })).status).toBe(403);
  });

  it('stores nothing and notifies nobody', async () => {
    const before = await itemCount();
    await post('/getClinicalTrial', readJson(ADULT_T_ALL));
    await post('/ResearchStudy/$match', { resourceType: 'Parameters', parameter: [{ name: 'trialMatchClinicalData', resource: readJson(ADULT_T_ALL) }] });
    await stack.drainQueue();
    expect(await itemCount()).toBe(before);
    expect(stack.siteDeliveries()).toHaveLength(0);
  });

  it('takes bundles up to 10 MB and refuses larger ones with 413', async () => {
    const padded = { ...(readJson(ADULT_T_ALL) as object), meta: { tag: [{ display: 'x'.repeat(9 * 1024 * 1024) }] } };
    expect((await post('/getClinicalTrial', padded)).status).toBe(200);
    const oversized = { ...(readJson(ADULT_T_ALL) as object), meta: { tag: [{ display: 'x'.repeat(10 * 1024 * 1024) }] } };
    expect((await post('/getClinicalTrial', oversized)).status).toBe(413);
  });
});

describe('GET /trials/NCT05212584 as FHIR', () => {
  it('answers the ResearchStudy on Accept: application/fhir+json, and the service JSON otherwise', async () => {
    const fhir = await fetch(`${stack.apiUrl}/trials/NCT05212584`, { headers: { accept: 'application/fhir+json' } });
    expect(fhir.headers.get('content-type')).toContain('application/fhir+json');
    expect(await fhir.json()).toMatchObject({ resourceType: 'ResearchStudy', id: 'NCT05212584', status: 'active' });
    const plain = await fetch(`${stack.apiUrl}/trials/NCT05212584`);
    expect(await plain.json()).toMatchObject({ id: 'NCT05212584', criteriaVersion: 2 });
  });
});

describe('POST /referrals with a FHIR Bundle in place of the profile', () => {
  const referral = async (body: unknown, headers: Record<string, string> = {}) => {
    const token = await stack.mintToken({ role: 'physician', sub: 'dr-fhir' });
    const response = await fetch(`${stack.apiUrl}/referrals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
  };

  it('stores, screens and notifies as a profile referral would, and returns the mapping report', async () => {
    const body = { trialId: 'NCT05212584', prescreeningConsent: { attested: true }, bundle: readJson(ADULT_T_ALL) };
    const first = await referral(body, { 'idempotency-key': 'fhir-referral-0001' });
    expect(first.status).toBe(201);
    expect(first.body['verdict']).toBe('potential');
    const fhir = first.body['fhir'] as { provenance: { field: string; path: string }[]; notUsed: { text: string }[] };
    expect(fhir.provenance).toContainEqual(expect.objectContaining({ field: 'labs.hemoglobin', path: 'Bundle.entry[2].resource.valueQuantity' }));
    expect(fhir.notUsed.map((n) => n.text)).toContain('not used: Observation/ferritin (entry 17), LOINC 2276-4: no code the criteria read');
    // The same body again is the same referral (idempotency), with the same report.
    const replay = await referral(body, { 'idempotency-key': 'fhir-referral-0001' });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    // Stored: the physician reads back the translated profile.
    const token = await stack.mintToken({ role: 'physician', sub: 'dr-fhir' });
    const stored = (await (await fetch(`${stack.apiUrl}/referrals/${first.body['id'] as string}`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      profile: { diagnosis: { type: string } };
    };
    expect(stored.profile.diagnosis.type).toBe('T-ALL');
    await stack.drainQueue();
    expect(stack.siteDeliveries().some((d) => JSON.stringify(d).includes(first.body['id'] as string))).toBe(true);
  });

  it('names the bad element of the bundle under `bundle.`', async () => {
    const bad = await referral({
      trialId: 'NCT05212584',
      prescreeningConsent: { attested: true },
      bundle: { resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Observation', status: 'final', code: {}, valueQuantity: { value: '9' } } }] },
    });
    expect(bad.status).toBe(422);
    expect((bad.body['errors'] as { field: string }[]).map((e) => e.field)).toEqual(['bundle.entry[0].resource.valueQuantity.value']);
  });

  it('still requires the pre-screening attestation, and refuses a body with both or neither', async () => {
    const noConsent = await referral({ trialId: 'NCT05212584', bundle: readJson(ADULT_T_ALL) });
    expect(noConsent.status).toBe(422);
    const both = await referral({ trialId: 'NCT05212584', prescreeningConsent: { attested: true }, bundle: readJson(ADULT_T_ALL), profile: {} });
    expect(both.status).toBe(422);
    expect((both.body['errors'] as { field: string }[]).map((e) => e.field)).toContain('profile');
  });
});
