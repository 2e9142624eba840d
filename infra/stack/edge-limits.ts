/**
 * What protects the public API, as numbers with their reasons, read by the HTTP API stage (api.ts) and the WAF web
 * ACL (edge.ts). One trial's traffic is a few dozen requests a day from referring physicians and one site's
 * coordinators; the limits sit far above that and far below what would run up the table's, KMS's or Lambda's bill.
 *
 * API Gateway HTTP APIs throttle per stage and per route, for all callers together; they have no usage plans, so
 * per-caller limits live in the WAF (aws partition). See README, "Security at the edge".
 */
import { ROUTES, type HttpHandlerName, type RouteDefinition } from '#http/routes.js';

/** The handlers that take FHIR Bundles (see LARGE_BODY_PATHS). */
const LARGE_BODY_HANDLERS: readonly HttpHandlerName[] = ['submit-referral', 'match-trial'];
import { MAX_BODY_BYTES } from '#http/request.js';

export interface Throttle {
  /** Steady requests per second. */
  readonly rateLimit: number;
  /** Requests accepted in a burst above the rate. */
  readonly burstLimit: number;
}

/** The stage's default: the ceiling of every route that has no limit of its own (none, today). */
export const STAGE_THROTTLE: Throttle = { rateLimit: 50, burstLimit: 100 };

/**
 * - `public`: no token needed (the published criteria, the API description): the cheapest thing to flood.
 * - `write`: creates or changes a referral, a candidate or the trial: a human does a few a day.
 * - `read`: a physician's or coordinator's lists and details.
 */
export type RouteClass = 'public' | 'read' | 'write';

export const ROUTE_THROTTLES: Readonly<Record<RouteClass, Throttle>> = {
  public: { rateLimit: 10, burstLimit: 20 },
  read: { rateLimit: 25, burstLimit: 50 },
  write: { rateLimit: 5, burstLimit: 10 },
};

export function routeClass(route: RouteDefinition): RouteClass {
  if (route.roles.length === 0) return 'public';
  return route.method === 'GET' || route.method === 'HEAD' ? 'read' : 'write';
}

export function routeThrottle(route: RouteDefinition): Throttle {
  return ROUTE_THROTTLES[routeClass(route)];
}

/** API Gateway's route key, as RouteSettings and the access log name a route. */
export function routeKey(route: RouteDefinition): string {
  return `${route.method} ${route.path}`;
}

/** Per-caller limits, enforced by WAF rate-based rules where the partition lets a WAF stand in front (edge.ts). */
export const WAF_RATE_LIMITS = {
  /**
   * Requests per source IP address per five minutes. A hospital's staff may share one NAT address, so this is
   * generous; it stops a single machine hammering the API.
   */
  perAddress: { limit: 1500, windowSeconds: 300 },
  /** Requests without a token (the public routes, and failed logins' retries) per address per five minutes. */
  perAddressWithoutToken: { limit: 150, windowSeconds: 300 },
  /** Requests per bearer token (one signed-in caller) per minute: two a second, sustained. */
  perCaller: { limit: 120, windowSeconds: 60 },
} as const;

/**
 * The largest body the edge lets through: the handlers' own limit (shared/http/request.ts answers 413 above it),
 * enforced earlier so an oversized body never reaches a Lambda.
 */
export const EDGE_MAX_BODY_BYTES = MAX_BODY_BYTES;

/**
 * The paths whose bodies may be FHIR Bundles, up to 10 MB (shared/http/fhir-response.ts): a Bundle referral,
 * getClinicalTrial, $match. WAF inspects at most 64 KB of a body, so it cannot tell a 100 KB Bundle from a 100 MB one;
 * on these paths the size rule stands aside and the handlers answer 413 themselves (64 KB for a profile referral,
 * 10 MB for a Bundle), behind API Gateway's own 10 MB limit.
 */
export const LARGE_BODY_PATHS: readonly string[] = [
  ...new Set(ROUTES.filter((route) => route.method === 'POST' && LARGE_BODY_HANDLERS.includes(route.handler)).map((route) => route.path)),
];
