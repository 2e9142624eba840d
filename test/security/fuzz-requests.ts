/**
 * Arbitraries of hostile requests for every route: valid shapes gone wrong (dropped, retyped and extra fields,
 * prototype keys), raw bytes that are not JSON or not sane JSON (1e999, lone surrogates, 20,000 levels of
 * nesting, 70 KB strings), wrong content types, bad tokens, other people's ids and path traversal.
 */
import fc from 'fast-check';
import { CANDIDATE_STATUSES } from '#referral/record.js';
import { ROUTES } from '#http/routes.js';
import { profileToBundle } from '#test/support/profile-to-bundle.js';
import { profileArbitrary } from '#test/support/profiles.js';
import type { RawRequest, Tokens } from './harness.js';
import { OTHER_SITE, SITE, TRIAL } from './harness.js';

export interface KnownIds {
  /** Referrals of the owning physician (dr-li), and of another physician. */
  readonly own: readonly string[];
  readonly others: readonly string[];
}

export interface FuzzRequest extends RawRequest {
  /** The route template it aims at (`PATCH /referrals/{referralId}`), for the report. */
  readonly route: string;
}

const ODD_IDS = [
  '..%2F..%2Fetc%2Fpasswd',
  '..',
  '%2e%2e',
  '%00',
  'a%00b',
  '%ZZ',
  '%F0%9F%98%80',
  '%E2%80%AE',
  'not-a-uuid',
  'A'.repeat(3000),
  '00000000-0000-0000-0000-000000000000',
  'NCT0521258',
  'NCT05212584%00',
  'nct05212584',
  'constructor',
  '__proto__',
  '%20',
  'x;drop',
];

const oddString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('', '\u0000', '\u202e\u202d', '😀'.repeat(50), 'é'.normalize('NFD'), '<script>', '1e999', 'NaN', 'x'.repeat(70_000)),
);

const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(-1, 0, 101, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER + 2),
  oddString,
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);

/** Changes one thing deep inside a JSON value: drop it, retype it, or add a field beside it. */
function mutate(value: unknown, pathChoice: number, mutation: 'drop' | 'retype' | 'extra', replacement: unknown): unknown {
  const objects: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach((child, i) => (objects.push({ parent: node, key: i }), walk(child)));
    else if (typeof node === 'object' && node !== null) {
      for (const [k, child] of Object.entries(node)) {
        objects.push({ parent: node as Record<string, unknown>, key: k });
        walk(child);
      }
    }
  };
  const copy = structuredClone(value);
  walk(copy);
  const target = objects[pathChoice % Math.max(objects.length, 1)];
  if (!target) return replacement;
  const { parent, key } = target;
  if (Array.isArray(parent)) {
    if (mutation === 'drop') parent.splice(Number(key), 1);
    else parent[Number(key)] = replacement;
  } else if (mutation === 'drop') Reflect.deleteProperty(parent, key);
  else if (mutation === 'retype') parent[key] = replacement;
  else parent[`extra_${String(key)}`] = replacement;
  return copy;
}

/** JSON text with a prototype-pollution key inserted into the n-th object. */
function withPrototypeKey(text: string, nth: number, key: string): string {
  let seen = -1;
  return text.replace(/\{/g, (brace) => (++seen === nth ? `{"${key}":{"polluted":true,"isAdmin":true},` : brace)).replace(/,\}/g, '}');
}

const rawText = fc.oneof(
  fc.constantFrom('', '{', '{"trialId":', 'nul', 'undefined', '[]', '"just a string"', '42', 'null', '{"a":1}{"b":2}', '\u0000', '{"x":1e999}'),
  fc.integer({ min: 100, max: 20_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc.integer({ min: 100, max: 20_000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  fc.constantFrom('{"trialId":"\\ud800","profile":{}}', '{"profile":{"demographics":{"birthDate":"\\udfff"}}}'),
  fc.string({ maxLength: 200 }),
);

const oddContentType = fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', '', 'application/json; charset=latin1');
const jsonContentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/merge-patch+json');
const contentType = fc.oneof({ weight: 9, arbitrary: jsonContentType }, { weight: 1, arbitrary: oddContentType });

type TokenChoice = keyof Tokens | 'none' | 'garbage' | 'basic';
const BAD_TOKENS: readonly TokenChoice[] = ['expired', 'forged', 'wrongAudience', 'algNone', 'noRole', 'none', 'garbage', 'basic'];
/** Mostly the token the route is for, so requests reach validation; often someone else's or a bad one. */
const tokenFor = (right: TokenChoice, wrong: TokenChoice) =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constant(right) },
    { weight: 1, arbitrary: fc.constant(wrong) },
    { weight: 1, arbitrary: fc.constantFrom(...BAD_TOKENS, 'otherSiteCoordinator' as const, 'otherPhysician' as const) },
  );
const physician = tokenFor('owner', 'coordinator');
const coordinatorToken = tokenFor('coordinator', 'owner');

function authorization(tokens: Tokens, choice: TokenChoice): Record<string, string> {
  if (choice === 'none') return {};
  if (choice === 'garbage') return { authorization: 'Bearer not.a.jwt' };
  if (choice === 'basic') return { authorization: 'Basic ZHItbGk6cGFzc3dvcmQ=' };
  return { authorization: `Bearer ${tokens[choice]}` };
}

function idArbitrary(ids: KnownIds): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...ids.own) },
    { weight: 2, arbitrary: fc.constantFrom(...ids.others) },
    { weight: 1, arbitrary: fc.uuid({ version: 4 }) },
    { weight: 3, arbitrary: fc.constantFrom(...ODD_IDS) },
  );
}

const query = fc.oneof(
  fc.constant(''),
  fc.constantFrom('?limit=1', '?limit=100', '?limit=0', '?limit=101', '?limit=1e3', '?limit=-1', '?limit=abc', '?limit=1&limit=2'),
  fc.constantFrom('?cursor=garbage', '?cursor=' + 'A'.repeat(3000), '?cursor=eyJwayI6IlgifQ', '?status=candidate', '?status=nope', '?unknown=1', '?__proto__=1', '?%ZZ=1'),
);

/** A body: usually a valid shape with one thing wrong, sometimes raw bytes that are not sane JSON. */
function bodyArbitrary(valid: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  const mutated = fc
    .tuple(valid, fc.nat(), fc.constantFrom('drop' as const, 'retype' as const, 'extra' as const), junk)
    .map(([value, at, how, replacement]) => JSON.stringify(mutate(value, at, how, replacement)));
  const polluted = fc
    .tuple(valid, fc.nat({ max: 20 }), fc.constantFrom('__proto__', 'constructor', 'prototype'))
    .map(([value, nth, key]) => withPrototypeKey(JSON.stringify(value), nth, key));
  return fc.oneof(
    { weight: 2, arbitrary: valid.map((v) => JSON.stringify(v)) },
    { weight: 5, arbitrary: mutated },
    { weight: 2, arbitrary: polluted },
    { weight: 2, arbitrary: rawText },
  );
}

/** Every GET route answers HEAD too: the same hostile requests, as HEAD. */
export function fuzzRequestArbitrary(tokens: Tokens, ids: KnownIds, asOf: string, apiKey = ''): fc.Arbitrary<FuzzRequest> {
  const requests = anyRouteRequest(tokens, ids, asOf, apiKey);
  return fc.tuple(requests, fc.boolean()).map(([request, asHead]) =>
    asHead && request.method === 'GET' && request.route.startsWith('GET ')
      ? { ...request, method: 'HEAD', route: request.route.replace(/^GET /, 'HEAD ') }
      : request,
  );
}

function anyRouteRequest(tokens: Tokens, ids: KnownIds, asOf: string, apiKey: string): fc.Arbitrary<FuzzRequest> {
  const profile = profileArbitrary(asOf);
  const referral = profile.map((p) => ({ trialId: TRIAL, prescreeningConsent: { attested: true }, profile: p }));
  // FHIR: the same patients as Bundles, for the referral variant and the matching routes.
  const bundle = profile.map((p) => profileToBundle(p));
  const bundleReferral = bundle.map((b) => ({ trialId: TRIAL, prescreeningConsent: { attested: true }, bundle: b }));
  const matchParameters = bundle.map((b) => ({ resourceType: 'Parameters', parameter: [{ name: 'trialMatchClinicalData', resource: b }] }));
  // Mostly the matching client's key, so requests reach the handler; sometimes none or a wrong one.
  const keyHeader = fc.oneof(
    { weight: 8, arbitrary: fc.constant<Record<string, string>>({ 'x-api-key': apiKey }) },
    { weight: 1, arbitrary: fc.constant<Record<string, string>>({}) },
    { weight: 1, arbitrary: fc.constantFrom<Record<string, string>>({ 'x-api-key': 'wrong-key-0000000000' }, { 'x-api-key': `${apiKey} ` }) },
  );
  const fhirType = fc.oneof({ weight: 9, arbitrary: fc.constantFrom('application/fhir+json', 'application/json') }, { weight: 1, arbitrary: oddContentType });
  const mergePatch = fc.oneof(
    profile.map((p) => ({ ecog: p.ecog ?? null, labs: p.labs ?? null })),
    fc.constant({ demographics: null }),
    fc.constant({ cd7: { percent: 85, method: 'flow-cytometry', date: asOf } }),
  );
  const idem = fc.oneof(
    fc.constant<Record<string, string>>({}),
    fc.uuid().map((k) => ({ 'idempotency-key': k })),
    fc.constantFrom<Record<string, string>>({ 'idempotency-key': 'short' }, { 'idempotency-key': 'k'.repeat(200) }, { 'idempotency-key': 'has space in it' }),
  );
  const ifMatch = fc.constantFrom<Record<string, string>>({}, { 'if-match': '"1"' }, { 'if-match': '"2"' }, { 'if-match': '"999"' }, { 'if-match': 'garbage' }, { 'if-match': '*' }, { 'if-match': 'W/"1"' });
  const site = fc.constantFrom(SITE, SITE, OTHER_SITE, ...ODD_IDS.slice(0, 8));
  const id = idArbitrary(ids);
  const common = fc.record({ token: physician, type: contentType });
  const coordinatorCommon = fc.record({ token: coordinatorToken, type: contentType });
  const headers = (token: TokenChoice, type: string, extra: Record<string, string> = {}) => ({
    ...authorization(tokens, token),
    ...(type === '' ? {} : { 'content-type': type }),
    ...extra,
  });

  return fc.oneof(
    fc.tuple(common, bodyArbitrary(referral), idem).map(([c, body, extra]) => ({
      route: 'POST /referrals', method: 'POST', path: '/referrals', headers: headers(c.token, c.type, extra), body,
    })),
    fc.tuple(common, query).map(([c, q]) => ({ route: 'GET /referrals', method: 'GET', path: `/referrals${q}`, headers: headers(c.token, '') })),
    fc.tuple(common, id).map(([c, i]) => ({ route: 'GET /referrals/{referralId}', method: 'GET', path: `/referrals/${i}`, headers: headers(c.token, '') })),
    fc.tuple(common, id, bodyArbitrary(mergePatch), ifMatch).map(([c, i, body, extra]) => ({
      route: 'PATCH /referrals/{referralId}', method: 'PATCH', path: `/referrals/${i}`, headers: headers(c.token, c.type, extra), body,
    })),
    fc.tuple(common, id).map(([c, i]) => ({ route: 'DELETE /referrals/{referralId}', method: 'DELETE', path: `/referrals/${i}`, headers: headers(c.token, '') })),
    fc.tuple(common, fc.constantFrom(TRIAL, TRIAL, ...ODD_IDS.slice(8))).map(([c, t]) => ({
      route: 'GET /trials/{trialId}', method: 'GET', path: `/trials/${t}`, headers: headers(c.token, ''),
    })),
    fc.tuple(coordinatorCommon, fc.constantFrom(TRIAL, TRIAL, ...ODD_IDS.slice(8)), bodyArbitrary(fc.constantFrom({ recruitment: 'open' }, { recruitment: 'paused' }))).map(
      ([c, t, body]) => ({ route: 'PATCH /trials/{trialId}', method: 'PATCH', path: `/trials/${t}`, headers: headers(c.token, c.type), body }),
    ),
    fc.tuple(coordinatorCommon, site, query).map(([c, s, q]) => ({
      route: 'GET /sites/{siteId}/candidates', method: 'GET', path: `/sites/${s}/candidates${q}`, headers: headers(c.token, ''),
    })),
    fc.tuple(coordinatorCommon, site, id, bodyArbitrary(fc.constantFrom(...CANDIDATE_STATUSES).map((status) => ({ status })))).map(([c, s, i, body]) => ({
      route: 'PATCH /sites/{siteId}/candidates/{referralId}', method: 'PATCH', path: `/sites/${s}/candidates/${i}`, headers: headers(c.token, c.type), body,
    })),
    fc.tuple(coordinatorCommon, site, id).map(([c, s, i]) => ({
      route: 'GET /sites/{siteId}/candidates/{referralId}', method: 'GET', path: `/sites/${s}/candidates/${i}`, headers: headers(c.token, ''),
    })),
    fc.tuple(coordinatorCommon, site, query, fc.constantFrom('', '&referralId=00000000-0000-4000-8000-000000000000', '&from=2026-01-01T00:00:00Z', '&to=yesterday')).map(([c, s, q, extra]) => ({
      route: 'GET /sites/{siteId}/audit', method: 'GET', path: `/sites/${s}/audit${q === '' ? (extra === '' ? '' : `?${extra.slice(1)}`) : `${q}${extra}`}`, headers: headers(c.token, ''),
    })),
    fc.tuple(common, query).map(([c, q]) => ({ route: 'GET /openapi.json', method: 'GET', path: `/openapi.json${q}`, headers: headers(c.token, '') })),
    fc.tuple(common, bodyArbitrary(bundleReferral), idem).map(([c, body, extra]) => ({
      route: 'POST /referrals', method: 'POST', path: '/referrals', headers: headers(c.token, c.type, extra), body,
    })),
    fc.tuple(keyHeader, fhirType, bodyArbitrary(bundle)).map(([key, type, body]) => ({
      route: 'POST /getClinicalTrial', method: 'POST', path: '/getClinicalTrial', headers: { 'content-type': type, ...key }, body,
    })),
    fc.tuple(keyHeader, fhirType, bodyArbitrary(matchParameters)).map(([key, type, body]) => ({
      route: 'POST /ResearchStudy/$match', method: 'POST', path: '/ResearchStudy/$match', headers: { 'content-type': type, ...key }, body,
    })),
    // Routes that do not exist, and methods a route does not have.
    fc.tuple(common, fc.constantFrom('/referrals/x/y', '/', '/admin', '/referrals/', '//referrals', '/%2e%2e/%2e%2e/etc/passwd', '/openapi.json/..'), fc.constantFrom('GET', 'PUT', 'POST', 'OPTIONS')).map(
      ([c, path, method]) => ({ route: 'unrouted', method, path, headers: headers(c.token, '') }),
    ),
  );
}

/** Every route template of the table, so the suite can show it fuzzed each one. */
export const ROUTE_KEYS = ROUTES.map((r) => `${r.method} ${r.path}`);
