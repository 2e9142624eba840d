/**
 * Matching a request against the route table the way API Gateway does: `{name}` matches exactly one path segment,
 * parameters arrive percent-decoded. A decoded segment that would change the path's shape (one that contains '/',
 * or is '.' or '..') matches nothing, so `/referrals/..%2F..%2Fetc` is a 404 and never reaches a handler.
 */
import type { RouteDefinition } from '#http/routes.js';

export type RouteMatch<R extends RouteDefinition> =
  | { readonly kind: 'found'; readonly route: R; readonly routeKey: string; readonly pathParameters: Record<string, string> }
  | { readonly kind: 'method-not-allowed'; readonly allow: readonly string[] }
  | { readonly kind: 'not-found' };

type Segment = { readonly literal: string } | { readonly parameter: string };

interface CompiledRoute<R extends RouteDefinition> {
  readonly route: R;
  readonly segments: readonly Segment[];
}

export type RouteMatcher<R extends RouteDefinition> = (method: string, rawPath: string) => RouteMatch<R>;

const PARAMETER = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

function compile<R extends RouteDefinition>(route: R): CompiledRoute<R> {
  const segments = route.path
    .split('/')
    .slice(1)
    .map((part): Segment => {
      const parameter = PARAMETER.exec(part)?.[1];
      return parameter === undefined ? { literal: part } : { parameter };
    });
  return { route, segments };
}

/** The decoded segments of a raw path, or undefined if the path is malformed or would escape its shape. */
export function pathSegments(rawPath: string): readonly string[] | undefined {
  if (!rawPath.startsWith('/')) return undefined;
  const decoded: string[] = [];
  for (const raw of rawPath.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (segment === '' || segment === '.' || segment === '..' || segment.includes('/') || segment.includes('\\')) {
      return undefined;
    }
    if (segment.includes('\0')) return undefined;
    decoded.push(segment);
  }
  return decoded;
}

function bind(segments: readonly Segment[], path: readonly string[]): Record<string, string> | undefined {
  if (segments.length !== path.length) return undefined;
  const parameters: Record<string, string> = {};
  for (const [index, segment] of segments.entries()) {
    const value = path[index] as string;
    if ('literal' in segment) {
      if (segment.literal !== value) return undefined;
    } else {
      parameters[segment.parameter] = value;
    }
  }
  return parameters;
}

export function createRouteMatcher<R extends RouteDefinition>(routes: readonly R[]): RouteMatcher<R> {
  const compiled = routes.map(compile);
  return (method, rawPath) => {
    const path = pathSegments(rawPath);
    if (path === undefined) return { kind: 'not-found' };
    const allow = new Set<string>();
    let best: { route: R; pathParameters: Record<string, string>; literals: number } | undefined;
    for (const { route, segments } of compiled) {
      const pathParameters = bind(segments, path);
      if (pathParameters === undefined) continue;
      allow.add(route.method);
      if (route.method !== method) continue;
      // As in API Gateway, the most specific route wins: `/a/b` over `/a/{x}`.
      const literals = segments.filter((segment) => 'literal' in segment).length;
      if (!best || literals > best.literals) best = { route, pathParameters, literals };
    }
    if (best) {
      const { route, pathParameters } = best;
      return { kind: 'found', route, routeKey: `${route.method} ${route.path}`, pathParameters };
    }
    return allow.size > 0 ? { kind: 'method-not-allowed', allow: [...allow].sort() } : { kind: 'not-found' };
  };
}
