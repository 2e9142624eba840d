/**
 * The OpenAPI 3.1 document, generated from the route table, the zod schemas that validate requests and the ones that
 * describe replies (reply-schemas.ts), so the documentation cannot drift from what the API accepts and answers: the
 * e2e suite validates every reply against this document. Every route must be described here (`satisfies` below
 * fails the build otherwise); HEAD operations are derived from their GET.
 */
import * as z from 'zod/mini';
import { PatientProfile } from '#profile/schema.js';
import { BundleSubmissionReply, FhirBundle, MatchOutputParameters, MatchParameters, MatchSearchSet, ResearchStudyResource } from './fhir-reply-schemas.js';
import { SubmitBundleReferralRequest } from './referral-bundle-request.js';
import { SubmitReferralRequest } from './referral-request.js';
import {
  AuditEntryView,
  AuditPage,
  CandidatePage,
  CandidateSummary,
  CandidateView,
  CriterionResult,
  DataRequest,
  Problem,
  ReferralPage,
  ReferralSummary,
  ReferralView,
  ScreeningEntry,
  ScreeningView,
  SubmissionReply,
  TombstoneView,
  TrialView,
} from './reply-schemas.js';
import { API_KEY_HEADER, ROUTES, type RouteDefinition } from './routes.js';
import { IdempotencyKey, ListAuditQuery, ListCandidatesQuery, ListReferralsQuery, MoveCandidateRequest, ReferralId, SiteId, TrialId, UpdateTrialRequest } from './schemas.js';

type JsonSchema = Record<string, unknown>;

/** A zod schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect), without an embedded `$schema`. */
function jsonSchema(schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  return rest;
}

/**
 * The named schemas (components.schemas), converted together so that each refers to the others by `$ref` instead
 * of repeating them: the profile and the screening appear once, however many replies carry them.
 */
const NAMED = {
  PatientProfile,
  DataRequest,
  CriterionResult,
  ScreeningView,
  ScreeningEntry,
  SubmitReferralRequest,
  SubmitBundleReferralRequest,
  /** POST /referrals takes a profile or a FHIR Bundle. */
  ReferralRequest: z.union([SubmitReferralRequest, SubmitBundleReferralRequest]),
  SubmissionReply,
  BundleSubmissionReply,
  ReferralView,
  TombstoneView,
  ReferralSummary,
  ReferralPage,
  CandidateSummary,
  CandidatePage,
  CandidateView,
  MoveCandidateRequest,
  UpdateTrialRequest,
  TrialView,
  AuditEntryView,
  AuditPage,
  FhirBundle,
  MatchParameters,
  ResearchStudy: ResearchStudyResource,
  MatchSearchSet,
  MatchOutputParameters,
  Problem,
} as const;
type SchemaName = keyof typeof NAMED;

const ref = (name: SchemaName | 'PatientProfileMergePatch') => ({ $ref: `#/components/schemas/${name}` });

function componentSchemas(): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(NAMED)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    io: 'output',
    unrepresentable: 'any',
    target: 'draft-2020-12',
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, JsonSchema> };
  const components = Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _dialect, $id: _id, ...schema }]) => [id, schema]),
  );
  return { ...components, PatientProfileMergePatch: mergePatchOf(jsonSchema(PatientProfile, 'input')) };
}

/**
 * A JSON Merge Patch (RFC 7386) of a document described by `schema`: every member optional, `null` removes it, an
 * object member is itself a merge patch, anything else replaces. The merged result must still be valid against
 * `schema`, which the server checks after merging.
 */
function mergePatchOf(schema: JsonSchema): JsonSchema {
  if (schema['type'] !== 'object' || typeof schema['properties'] !== 'object' || schema['properties'] === null) return schema;
  const properties = Object.fromEntries(
    Object.entries(schema['properties'] as Record<string, JsonSchema>).map(([name, member]) => [
      name,
      { anyOf: [mergePatchOf(member), { type: 'null', description: 'removes the member' }] },
    ]),
  );
  const { required: _required, ...rest } = schema;
  return { ...rest, properties };
}

type HeaderName = 'ETag' | 'Location' | 'Idempotent-Replayed' | 'Retry-After' | 'WWW-Authenticate' | 'Cache-Control' | 'Content-Length';

const RESPONSE_HEADERS: Readonly<Record<HeaderName, { description: string; schema: JsonSchema }>> = {
  ETag: { description: 'Strong validator of the representation (RFC 9110); send it back in If-Match or If-None-Match.', schema: { type: 'string' } },
  Location: { description: 'The URL of the created referral.', schema: { type: 'string' } },
  'Idempotent-Replayed': { description: '`true` when this is the stored first reply to an earlier request with the same Idempotency-Key.', schema: { type: 'string', enum: ['true'] } },
  'Retry-After': { description: 'Seconds to wait before retrying; the request changed nothing.', schema: { type: 'integer', minimum: 0 } },
  'WWW-Authenticate': { description: 'The authentication scheme: Bearer.', schema: { type: 'string' } },
  'Cache-Control': { description: '`no-store` on every error and every reply that can carry patient data.', schema: { type: 'string' } },
  'Content-Length': { description: 'The length of the body GET would send.', schema: { type: 'integer', minimum: 0 } },
};

/** Headers a reply always carries when the response lists them; the others may be absent. */
const ALWAYS_SENT: ReadonlySet<HeaderName> = new Set(['ETag', 'Location', 'Retry-After', 'WWW-Authenticate', 'Cache-Control']);

const headers = (...names: HeaderName[]) =>
  Object.fromEntries(names.map((name) => [name, { ...RESPONSE_HEADERS[name], ...(ALWAYS_SENT.has(name) ? { required: true } : {}) }]));

const ERROR_DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'The request is malformed (bad JSON, query or header); `errors` names each bad part.',
  401: 'No valid bearer token.',
  403: 'The caller’s role or site may not do this.',
  404: 'No such resource (another physician’s referral is reported as not found).',
  409: 'The request conflicts with the current state (a move the workflow does not allow, a full trial, a concurrent change).',
  410: 'The patient withdrew; their data was erased.',
  412: 'If-Match does not name the current representation: read it again.',
  413: 'The body is too large.',
  415: 'Unsupported content type.',
  422: 'Some fields are invalid; `errors` names each (at most 20 listed, `errorCount` says how many).',
  428: 'If-Match is required.',
  500: 'A bug; the error was logged (its name and stack only).',
  503: 'A dependency is briefly unavailable; nothing was changed: retry after Retry-After.',
};

/** The FHIR matching routes authenticate by API key, not by bearer token. */
const API_KEY_ERROR_DESCRIPTIONS: Readonly<Record<number, string>> = {
  401: `No API key (the ${API_KEY_HEADER} header).`,
  403: 'The API key is not valid.',
};

function errorResponse(status: number, withBody: boolean, apiKey = false) {
  const extra: HeaderName[] = status === 401 && !apiKey ? ['WWW-Authenticate'] : status === 503 ? ['Retry-After'] : [];
  return {
    description: (apiKey ? API_KEY_ERROR_DESCRIPTIONS[status] : undefined) ?? ERROR_DESCRIPTIONS[status] ?? 'Error',
    headers: headers('Cache-Control', ...extra),
    ...(withBody ? { content: { 'application/problem+json': { schema: ref('Problem') } } } : {}),
  };
}

interface OperationSpec {
  readonly operationId: string;
  readonly summary: string;
  readonly description: string;
  readonly tag: 'referrals' | 'trials' | 'site inbox' | 'audit' | 'fhir' | 'api';
  readonly success: {
    readonly status: 200 | 201 | 204;
    readonly description: string;
    readonly schema?: SchemaName | JsonSchema;
    readonly mediaType?: string;
    /** Other representations, chosen by Accept (the trial as a FHIR ResearchStudy). */
    readonly alternatives?: Readonly<Record<string, SchemaName>>;
    readonly headers?: readonly HeaderName[];
  };
  readonly errors: readonly number[];
  readonly query?: z.ZodMiniType;
  readonly requestHeaders?: readonly ('idempotency-key' | 'if-match-required' | 'if-match-optional')[];
  readonly body?: { readonly schema: SchemaName | 'PatientProfileMergePatch'; readonly mediaTypes: readonly string[] };
}

const FHIR_BODY = ['application/fhir+json', 'application/json'];
const FHIR_JSON = 'application/fhir+json';
const MATCH_ERRORS = [400, 401, 403, 413, 415, 422, 500, 503];

const AUTH = [401, 403] as const;
const JSON_BODY = ['application/json'];
const PATCH_BODY = ['application/merge-patch+json', 'application/json'];

const OPERATIONS = {
  'POST /referrals': {
    operationId: 'submitReferral',
    summary: 'Refer a patient',
    description:
      'Stores the profile, screens it against every criterion and answers with the result. With an Idempotency-Key a retry gets the first reply back (410 once the patient withdrew). A FHIR R4 Bundle may stand in for the profile (`bundle`, up to 10 MB; a profile body stays within 64 KB): it is translated into the profile, and the reply adds the mapping report (`fhir`: what was read and from where, what was not used and why); 422 names a bad element as `bundle.entry[i].resource...`.',
    tag: 'referrals',
    success: {
      status: 201,
      description: 'The referral and its first screening (and, for a Bundle, the mapping report).',
      schema: { oneOf: [ref('SubmissionReply'), ref('BundleSubmissionReply')] },
      headers: ['ETag', 'Location', 'Idempotent-Replayed', 'Cache-Control'],
    },
    errors: [400, ...AUTH, 410, 413, 415, 422, 500, 503],
    requestHeaders: ['idempotency-key'],
    body: { schema: 'ReferralRequest', mediaTypes: JSON_BODY },
  },
  'GET /referrals': {
    operationId: 'listReferrals',
    summary: 'List my referrals',
    description: 'The physician’s own referrals, newest first, withdrawn ones included; paginated by an opaque cursor.',
    tag: 'referrals',
    success: { status: 200, description: 'A page of referrals.', schema: 'ReferralPage', headers: ['ETag', 'Cache-Control'] },
    errors: [400, ...AUTH, 500, 503],
    query: ListReferralsQuery,
  },
  'GET /referrals/{referralId}': {
    operationId: 'getReferral',
    summary: 'Read a referral',
    description: 'The profile, the latest screening, the history and what the site knows of it.',
    tag: 'referrals',
    success: { status: 200, description: 'The referral.', schema: 'ReferralView', headers: ['ETag', 'Cache-Control'] },
    errors: [...AUTH, 404, 410, 500, 503],
  },
  'PATCH /referrals/{referralId}': {
    operationId: 'updateReferral',
    summary: 'Correct or complete the profile',
    description: 'A JSON Merge Patch of the profile, guarded by If-Match; the referral is rescreened at once. A patch that changes nothing makes no new version.',
    tag: 'referrals',
    success: { status: 200, description: 'The referral as it now stands.', schema: 'ReferralView', headers: ['ETag', 'Cache-Control'] },
    errors: [400, ...AUTH, 404, 409, 410, 412, 413, 415, 422, 428, 500, 503],
    requestHeaders: ['if-match-required'],
    body: { schema: 'PatientProfileMergePatch', mediaTypes: PATCH_BODY },
  },
  'DELETE /referrals/{referralId}': {
    operationId: 'withdrawReferral',
    summary: 'Withdraw a referral',
    description: 'The patient withdrew: every copy of their data is erased; a tombstone answers 410 afterwards.',
    tag: 'referrals',
    success: { status: 204, description: 'Withdrawn.', headers: ['Cache-Control'] },
    errors: [400, ...AUTH, 404, 409, 410, 412, 500, 503],
    requestHeaders: ['if-match-optional'],
  },
  'GET /trials/{trialId}': {
    operationId: 'getTrial',
    summary: 'The trial as the service applies it',
    description:
      'Criteria, interpretation parameters, recruitment and the enrolled count. Public. With `Accept: application/fhir+json`, the trial as a FHIR R4 ResearchStudy (status from recruitment).',
    tag: 'trials',
    success: { status: 200, description: 'The trial.', schema: 'TrialView', alternatives: { [FHIR_JSON]: 'ResearchStudy' }, headers: ['ETag', 'Cache-Control'] },
    errors: [404, 500, 503],
  },
  'PATCH /trials/{trialId}': {
    operationId: 'updateTrial',
    summary: 'Pause or reopen recruitment',
    description: 'For the coordinators of the trial’s site.',
    tag: 'trials',
    success: { status: 200, description: 'The trial.', schema: 'TrialView', headers: ['Cache-Control'] },
    errors: [400, ...AUTH, 404, 413, 415, 422, 500, 503],
    body: { schema: 'UpdateTrialRequest', mediaTypes: PATCH_BODY },
  },
  'GET /sites/{siteId}/candidates': {
    operationId: 'listCandidates',
    summary: 'The site’s inbox',
    description: 'Candidates ranked by score, with the minimum each (age, verdict, score, missing-data count, workflow status). Recorded in the audit trail.',
    tag: 'site inbox',
    success: { status: 200, description: 'A page of candidates.', schema: 'CandidatePage', headers: ['ETag', 'Cache-Control'] },
    errors: [400, ...AUTH, 404, 500, 503],
    query: ListCandidatesQuery,
  },
  'GET /sites/{siteId}/candidates/{referralId}': {
    operationId: 'getCandidate',
    summary: 'One candidate in full',
    description: 'The profile and the screening, read on demand. Recorded in the audit trail.',
    tag: 'site inbox',
    success: { status: 200, description: 'The candidate.', schema: 'CandidateView', headers: ['ETag', 'Cache-Control'] },
    errors: [...AUTH, 404, 500, 503],
  },
  'PATCH /sites/{siteId}/candidates/{referralId}': {
    operationId: 'moveCandidate',
    summary: 'Move a candidate through the site’s workflow',
    description: 'FHIR ResearchSubject statuses; 409 with the allowed moves otherwise. Moving on study takes one of the target’s places (409 trial-full when none is left).',
    tag: 'site inbox',
    success: { status: 200, description: 'The candidate’s line as it now stands.', schema: 'CandidateSummary', headers: ['Cache-Control'] },
    errors: [400, ...AUTH, 404, 409, 413, 415, 422, 500, 503],
    body: { schema: 'MoveCandidateRequest', mediaTypes: PATCH_BODY },
  },
  'GET /sites/{siteId}/audit': {
    operationId: 'listAudit',
    summary: 'The site’s audit trail',
    description: 'Who read or changed which referrals of the site’s patients, when and why (HIPAA §164.312(b)); newest first. No clinical values.',
    tag: 'audit',
    success: { status: 200, description: 'A page of audit entries.', schema: 'AuditPage', headers: ['ETag', 'Cache-Control'] },
    errors: [400, ...AUTH, 404, 500, 503],
    query: ListAuditQuery,
  },
  'POST /getClinicalTrial': {
    operationId: 'getClinicalTrial',
    summary: 'Match a FHIR Bundle (MITRE clinical-trial-matching-service)',
    description:
      'A bare FHIR R4 Bundle (collection, transaction, batch, document or searchset; a Parameters entry of search criteria is ignored) in, a searchset out: the ResearchStudy of NCT05212584 (search.mode match, score 0..1: eligible near 1, potential below 0.75, ineligible 0) and an OperationOutcome (search.mode outcome) with one issue per criterion. Stateless: nothing is stored, nobody is notified, the body is never logged. Authenticated by API key.',
    tag: 'fhir',
    success: { status: 200, description: 'The searchset.', schema: 'MatchSearchSet', mediaType: FHIR_JSON, headers: ['Cache-Control'] },
    errors: MATCH_ERRORS,
    body: { schema: 'FhirBundle', mediaTypes: FHIR_BODY },
  },
  'POST /ResearchStudy/$match': {
    operationId: 'matchResearchStudy',
    summary: 'Match a FHIR Bundle ($match operation)',
    description:
      'The same as getClinicalTrial as a FHIR operation: Parameters with the Bundle as `trialMatchClinicalData` in, Parameters with the searchset as `trialMatchOutput` out. Stateless; authenticated by API key.',
    tag: 'fhir',
    success: { status: 200, description: 'The searchset as trialMatchOutput.', schema: 'MatchOutputParameters', mediaType: FHIR_JSON, headers: ['Cache-Control'] },
    errors: MATCH_ERRORS,
    body: { schema: 'MatchParameters', mediaTypes: FHIR_BODY },
  },
  'GET /openapi.json': {
    operationId: 'getOpenApi',
    summary: 'This document',
    description: 'The OpenAPI description of the API. Public.',
    tag: 'api',
    success: { status: 200, description: 'The OpenAPI document.', schema: { type: 'object', properties: { openapi: { type: 'string' }, info: { type: 'object' }, paths: { type: 'object' } }, required: ['openapi', 'info', 'paths'] }, headers: ['ETag', 'Cache-Control'] },
    errors: [500],
  },
} as const satisfies Record<string, OperationSpec>;

type DescribedRoute = keyof typeof OPERATIONS;

const PATH_PARAMETERS: Readonly<Record<string, z.ZodMiniType>> = { referralId: ReferralId, siteId: SiteId, trialId: TrialId };

function pathParameters(path: string) {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name = '']) => {
    const schema = PATH_PARAMETERS[name];
    if (!schema) throw new Error(`no schema for path parameter ${name}`);
    return { name, in: 'path', required: true, schema: jsonSchema(schema, 'input') };
  });
}

function queryParameters(query: z.ZodMiniType | undefined) {
  if (!query) return [];
  const schema = jsonSchema(query, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, member]) => ({
    name,
    in: 'query',
    required: (schema.required ?? []).includes(name),
    // The server parses `limit` as a whole number from 1 to 100.
    schema: name === 'limit' ? { type: 'integer', minimum: 1, maximum: 100 } : member,
  }));
}

const HEADER_PARAMETERS = {
  'idempotency-key': {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description: 'Makes a retry safe: the same key and the same request (compared as RFC 8785 canonical JSON) get the first reply back; the same key with another request is refused (422).',
    schema: jsonSchema(IdempotencyKey, 'input'),
  },
  'if-match-required': {
    name: 'If-Match',
    in: 'header',
    required: true,
    description: '`*` or the ETag(s) of the representation you read (strong comparison); 412 if the referral changed since.',
    schema: { type: 'string' },
  },
  'if-match-optional': {
    name: 'If-Match',
    in: 'header',
    required: false,
    description: 'Optional: `*` or the ETag(s) of the representation you read (strong comparison).',
    schema: { type: 'string' },
  },
} as const;

const IF_NONE_MATCH = {
  name: 'If-None-Match',
  in: 'header',
  required: false,
  description: '`*` or ETag(s): 304 when one names the current representation (weak comparison).',
  schema: { type: 'string' },
};

function operationFor(method: string, spec: OperationSpec, roles: readonly string[], path: string, apiKey = false) {
  const head = method === 'HEAD';
  const readable = method === 'GET' || head;
  const parameters = [
    ...pathParameters(path),
    ...queryParameters(spec.query),
    ...(spec.requestHeaders ?? []).map((name) => HEADER_PARAMETERS[name]),
    ...(readable ? [IF_NONE_MATCH] : []),
  ];
  const success = spec.success;
  const successHeaders = [...(success.headers ?? []), ...(head ? (['Content-Length'] as const) : [])];
  const responses: Record<string, unknown> = {
    [String(success.status)]: {
      description: head ? `${success.description} Headers only.` : success.description,
      headers: headers(...successHeaders),
      ...(success.schema && !head
        ? {
            content: {
              [success.mediaType ?? 'application/json']: { schema: typeof success.schema === 'string' ? ref(success.schema) : success.schema },
              ...Object.fromEntries(Object.entries(success.alternatives ?? {}).map(([mediaType, name]) => [mediaType, { schema: ref(name) }])),
            },
          }
        : {}),
    },
    ...(readable ? { '304': { description: 'Not modified: If-None-Match names the current representation.', headers: headers('ETag', 'Cache-Control') } } : {}),
    ...Object.fromEntries(spec.errors.map((status) => [String(status), errorResponse(status, !head, apiKey)])),
  };
  return {
    operationId: head ? `${spec.operationId}Head` : spec.operationId,
    summary: head ? `${spec.summary} (headers only)` : spec.summary,
    description: head ? `As GET, without the body (RFC 9110 §9.3.2). ${spec.description}` : spec.description,
    tags: [spec.tag],
    security: roles.length > 0 ? [{ bearer: [] }] : apiKey ? [{ apiKey: [] }] : [],
    ...(roles.length > 0 ? { 'x-roles': roles } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(spec.body
      ? { requestBody: { required: true, content: Object.fromEntries(spec.body.mediaTypes.map((type) => [type, { schema: ref(spec.body?.schema ?? 'Problem') }])) } }
      : {}),
    responses,
  };
}

/** The document for an API served at `serverUrl` (from configuration, never from a caller's Host header). */
export function buildOpenApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    const described = (route.method === 'HEAD' ? `GET ${route.path}` : `${route.method} ${route.path}`) as DescribedRoute;
    const spec: OperationSpec = OPERATIONS[described];
    const apiKey = (route as RouteDefinition).apiKey === true;
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operationFor(route.method, spec, route.roles, route.path, apiKey) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'trial-match',
      version: '1',
      description:
        'Screens patients referred by physicians against NCT05212584 (CD7 CAR-T for relapsed/refractory CD7+ T-ALL/T-LBL) and keeps the trial site’s inbox. Every error is application/problem+json (RFC 9457).',
    },
    servers: [{ url: serverUrl, description: 'This deployment' }],
    tags: [
      { name: 'referrals', description: 'The referring physician’s referrals.' },
      { name: 'trials', description: 'The trial as the service applies it.' },
      { name: 'site inbox', description: 'The trial site’s candidates and workflow.' },
      { name: 'audit', description: 'Who accessed which patient’s data.' },
      { name: 'fhir', description: 'FHIR R4 matching for EHRs and matching clients (MITRE’s clinical-trial-matching-app).' },
      { name: 'api', description: 'This description.' },
    ],
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An ID token from the deployment’s identity provider.' },
        apiKey: { type: 'apiKey', in: 'header', name: API_KEY_HEADER, description: 'An API key issued to a FHIR matching client (getClinicalTrial, $match).' },
      },
    },
    paths,
  };
}
