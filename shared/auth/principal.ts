/**
 * Who is calling, from the claims the JWT authorizer verified. API Gateway (HTTP API, payload 2.0) passes every
 * claim as a string and flattens an array claim such as `cognito:groups` into `"[physician coordinator]"`; a direct
 * invocation or another authorizer may pass a real array. Both shapes give the same principal.
 */
/** What a user may do in this service: refer patients, or keep a trial site's inbox. */
export type Role = 'physician' | 'coordinator';

export interface Principal {
  /** The user's stable id (Cognito `sub`): physicians own referrals by it. */
  readonly sub: string;
  /** Only the roles this service knows; other groups are ignored. */
  readonly roles: readonly Role[];
  /** Coordinators: the site they act for (`custom:site_id`). */
  readonly siteId?: string;
}

export type ClaimValue = string | number | boolean | string[];
export type Claims = Record<string, ClaimValue>;

const KNOWN_ROLES: readonly Role[] = ['physician', 'coordinator'];

function isRole(group: string): group is Role {
  return (KNOWN_ROLES as readonly string[]).includes(group);
}

/**
 * The group names in a groups claim, whatever its shape: an array, API Gateway's `"[a b]"`, a JSON array string,
 * a comma- or space-separated list, or a single name.
 */
export function groupsFromClaim(value: ClaimValue | undefined): readonly string[] {
  if (value === undefined || typeof value === 'number' || typeof value === 'boolean') return [];
  if (Array.isArray(value)) return value.filter((group): group is string => typeof group === 'string').map((g) => g.trim());
  const text = value.trim();
  if (text.startsWith('[') && text.endsWith(']')) {
    const inner = text.slice(1, -1);
    if (inner.trimStart().startsWith('"')) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (Array.isArray(parsed)) return parsed.filter((g): g is string => typeof g === 'string').map((g) => g.trim());
      } catch {
        // Not JSON after all: fall through to the flattened form.
      }
    }
    return splitList(inner);
  }
  return splitList(text);
}

function splitList(text: string): readonly string[] {
  return text.split(/[\s,]+/).filter((group) => group.length > 0);
}

function stringClaim(value: ClaimValue | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : undefined;
}

/** The principal, or undefined when the claims do not name a user (no claims, or an empty `sub`). */
export function principalFromClaims(claims: Claims | undefined): Principal | undefined {
  if (!claims) return undefined;
  const sub = stringClaim(claims['sub']);
  if (sub === undefined) return undefined;
  const roles = [...new Set(groupsFromClaim(claims['cognito:groups']).filter(isRole))];
  const siteId = stringClaim(claims['custom:site_id']);
  return { sub, roles, ...(siteId === undefined ? {} : { siteId }) };
}
