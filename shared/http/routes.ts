/**
 * Every HTTP route, once: the CDK stack wires API Gateway from it and the local server routes with it, so the two
 * cannot disagree. `handler` names the folder under functions/.
 */
import type { Role } from '#auth/principal.js';

export interface RouteDefinition {
  readonly method: 'GET' | 'HEAD' | 'POST' | 'PATCH' | 'DELETE';
  /** API Gateway route syntax: `{name}` is a path parameter. */
  readonly path: string;
  readonly handler: string;
  /** Roles allowed to call it; empty means no token is needed. */
  readonly roles: readonly Role[];
  /**
   * Callers without a bearer token (FHIR matching clients such as MITRE's app) present an API key instead, in the
   * `x-api-key` header: checked by a Lambda REQUEST authorizer in AWS and by the local API locally.
   */
  readonly apiKey?: true;
}

/** The header a matching client sends its API key in. */
export const API_KEY_HEADER = 'x-api-key';

const READ_AND_WRITE_ROUTES = [
  { method: 'POST', path: '/referrals', handler: 'submit-referral', roles: ['physician'] },
  { method: 'GET', path: '/referrals', handler: 'list-referrals', roles: ['physician'] },
  { method: 'GET', path: '/referrals/{referralId}', handler: 'get-referral', roles: ['physician'] },
  { method: 'PATCH', path: '/referrals/{referralId}', handler: 'update-referral', roles: ['physician'] },
  { method: 'DELETE', path: '/referrals/{referralId}', handler: 'withdraw-referral', roles: ['physician'] },
  { method: 'GET', path: '/trials/{trialId}', handler: 'get-trial', roles: [] },
  { method: 'PATCH', path: '/trials/{trialId}', handler: 'update-trial', roles: ['coordinator'] },
  { method: 'GET', path: '/sites/{siteId}/candidates', handler: 'list-candidates', roles: ['coordinator'] },
  { method: 'GET', path: '/sites/{siteId}/candidates/{referralId}', handler: 'get-candidate', roles: ['coordinator'] },
  {
    method: 'PATCH',
    path: '/sites/{siteId}/candidates/{referralId}',
    handler: 'update-candidate',
    roles: ['coordinator'],
  },
  { method: 'GET', path: '/sites/{siteId}/audit', handler: 'list-audit', roles: ['coordinator'] },
  { method: 'GET', path: '/openapi.json', handler: 'get-openapi', roles: [] },
  { method: 'POST', path: '/getClinicalTrial', handler: 'match-trial', roles: [], apiKey: true },
  { method: 'POST', path: '/ResearchStudy/$match', handler: 'match-trial', roles: [], apiKey: true },
] as const satisfies readonly RouteDefinition[];

type GetRoute = Extract<(typeof READ_AND_WRITE_ROUTES)[number], { method: 'GET' }>;
const isGet = (route: (typeof READ_AND_WRITE_ROUTES)[number]): route is GetRoute => route.method === 'GET';

/** Every GET route also answers HEAD (RFC 9110 §9.3.2), by the same handler; the edge drops the body. */
export const ROUTES = [
  ...READ_AND_WRITE_ROUTES,
  ...READ_AND_WRITE_ROUTES.filter(isGet).map((route) => ({ ...route, method: 'HEAD' as const })),
] as const satisfies readonly RouteDefinition[];

export type HttpHandlerName = (typeof ROUTES)[number]['handler'];

/** Lambdas API Gateway calls to decide on a request before its route runs. */
export const AUTHORIZER_HANDLERS = ['api-key-authorizer'] as const;
export type AuthorizerHandlerName = (typeof AUTHORIZER_HANDLERS)[number];

/** Lambdas that are not behind HTTP. */
export const BACKGROUND_HANDLERS = ['rescreen', 'notify-site'] as const;
export type BackgroundHandlerName = (typeof BACKGROUND_HANDLERS)[number];
