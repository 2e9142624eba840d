/**
 * The OpenAPI 3.1 document, generated from the route table and the zod schemas that validate requests, so the
 * documentation cannot drift from what the API accepts.
 */
import * as z from 'zod/mini';
import { BUNDLE_TYPES } from '../fhir/bundle-schema.js';
import { API_KEY_HEADER, ROUTES, type RouteDefinition } from './routes.js';
import { SubmitBundleReferralRequest } from './referral-bundle-request.js';
import { SubmitReferralRequest } from './referral-request.js';
import { MoveCandidateRequest, UpdateTrialRequest } from './schemas.js';
import { PatientProfile } from '../profile/schema.js';

/** The FHIR routes validate a Bundle element by element (shared/fhir); the document names the resource expected. */
const FhirBundle = z.looseObject({ resourceType: z.literal('Bundle'), type: z.enum(BUNDLE_TYPES) });
const MatchParameters = z.looseObject({
  resourceType: z.literal('Parameters'),
  parameter: z.array(z.looseObject({ name: z.string(), resource: z.optional(FhirBundle) })),
});

const requestBodies: Partial<Record<string, { schema: z.ZodMiniType; mediaTypes: string[] }>> = {
  'POST /referrals': { schema: z.union([SubmitReferralRequest, SubmitBundleReferralRequest]), mediaTypes: ['application/json'] },
  'POST /getClinicalTrial': { schema: FhirBundle, mediaTypes: ['application/fhir+json', 'application/json'] },
  'POST /ResearchStudy/$match': { schema: MatchParameters, mediaTypes: ['application/fhir+json', 'application/json'] },
  'PATCH /referrals/{referralId}': { schema: z.partial(PatientProfile), mediaTypes: ['application/merge-patch+json', 'application/json'] },
  'PATCH /trials/{trialId}': { schema: UpdateTrialRequest, mediaTypes: ['application/json'] },
  'PATCH /sites/{siteId}/candidates/{referralId}': { schema: MoveCandidateRequest, mediaTypes: ['application/json'] },
};

const problemSchema = {
  type: 'object',
  description: 'RFC 9457 problem details; `errors` names each bad field',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
  },
  required: ['type', 'title', 'status'],
};

export function buildOpenApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    const key = `${route.method} ${route.path}`;
    const body = requestBodies[key];
    const parameters = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const operation = {
      operationId: route.handler.replace(/-(\w)/g, (_: string, c: string) => c.toUpperCase()),
      ...(route.roles.length > 0
        ? { security: [{ bearer: [] }], 'x-roles': route.roles }
        : (route as RouteDefinition).apiKey
          ? { security: [{ apiKey: [] }] }
          : { security: [] }),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(body
        ? {
            requestBody: {
              required: true,
              content: Object.fromEntries(body.mediaTypes.map((t) => [t, { schema: z.toJSONSchema(body.schema, { io: 'input', unrepresentable: 'any' }) }])),
            },
          }
        : {}),
      responses: {
        '2XX': { description: 'Success' },
        '4XX': { description: 'Client error', content: { 'application/problem+json': { schema: problemSchema } } },
      },
    };
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'trial-match', version: '1', description: 'Screens referred patients against NCT05212584 (CD7 CAR-T, T-ALL/T-LBL).' },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        apiKey: { type: 'apiKey', in: 'header', name: API_KEY_HEADER, description: 'FHIR matching clients (getClinicalTrial, $match)' },
      },
    },
    paths,
  };
}
