/**
 * Path ids, query strings and the two one-field PATCH bodies, checked without zod on the way in. The zod schemas in
 * schemas.ts stay the definition (they document the API in OpenAPI and word every error); this module only accepts,
 * by hand, what those schemas certainly accept, and hands anything else to the schema itself. Why: zod's module
 * init and the construction of these schemas were most of what the handlers that need no profile schema added to
 * their cold start (`npm run bench -- cold-start`), and a handler's first request is almost always well-formed.
 *
 * The contract each fast check keeps, tested against its schema (test/unit/http/request-checks.test.ts): it
 * returns exactly what the schema's parse would return, or undefined. Undefined is never an error by itself: the
 * schema, loaded then, decides and words the reply, so every 4xx is the one zod gives.
 */
import { CANDIDATE_STATUSES, type CandidateStatus } from '#referral/record.js';
import type { CheckedShape } from '#validation/checked-shape.js';

const schemas = () => import('./schemas.js');

/** zod's `uuid()` pattern (RFC 9562 versions 1-8, and the nil and max UUIDs), as schemas.ts's ReferralId uses it. */
const UUID = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;
const TRIAL_ID = /^NCT\d{8}$/;
const SITE_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** Path ids: a value that is not one names a resource that cannot exist (404), so a predicate is all they need. */
export const isReferralId = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
export const isTrialId = (value: unknown): value is string => typeof value === 'string' && TRIAL_ID.test(value);
export const isSiteId = (value: unknown): value is string => typeof value === 'string' && SITE_ID.test(value);

type Members = Record<string, unknown>;

/** The members of a plain object when each is one of `known`; undefined for anything else (left to the schema). */
function knownMembers(value: unknown, known: readonly string[]): Members | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  if (Object.getPrototypeOf(value) !== Object.prototype) return undefined;
  for (const key in value) if (!known.includes(key)) return undefined;
  return value as Members;
}

const isOneOf = <T extends string>(allowed: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value);

/** `limit`: one to three digits, 1 to 100. */
const LIMIT = /^\d{1,3}$/;
const MAX_CURSOR_LENGTH = 2048;
/** zod's `iso.datetime()` pattern (no offset, no local time, any precision: a UTC instant ending in Z). */
const DATE = String.raw`(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|(?:02)-(?:0[1-9]|1\d|2[0-8])))`;
const INSTANT = new RegExp(String.raw`^${DATE}T(?:(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z))$`);

/**
 * The members of a query that are absent or valid strings, in the schema's order, or undefined as soon as one is
 * not: each reader returns the parsed value or undefined.
 */
function readMembers<T>(value: unknown, readers: Readonly<Record<string, (raw: string) => unknown>>): T | undefined {
  const members = knownMembers(value, Object.keys(readers));
  if (members === undefined) return undefined;
  const out: Members = {};
  for (const [name, read] of Object.entries(readers)) {
    if (!Object.hasOwn(members, name)) continue;
    const raw = members[name];
    if (typeof raw !== 'string') return undefined;
    const parsed = read(raw);
    if (parsed === undefined) return undefined;
    out[name] = parsed;
  }
  return out as T;
}

const limit = (raw: string): number | undefined => {
  if (!LIMIT.test(raw)) return undefined;
  const n = Number(raw);
  return n >= 1 && n <= 100 ? n : undefined;
};
const cursor = (raw: string): string | undefined => (raw.length <= MAX_CURSOR_LENGTH ? raw : undefined);
const instant = (raw: string): string | undefined => (INSTANT.test(raw) ? raw : undefined);
const referralId = (raw: string): string | undefined => (UUID.test(raw) ? raw : undefined);
const candidateStatus = (raw: string): CandidateStatus | undefined => (isOneOf(CANDIDATE_STATUSES, raw) ? raw : undefined);

export interface ListReferralsQuery {
  readonly limit?: number;
  readonly cursor?: string;
}

export interface ListCandidatesQuery extends ListReferralsQuery {
  readonly status?: CandidateStatus;
}

export interface ListAuditQuery extends ListReferralsQuery {
  readonly referralId?: string;
  readonly from?: string;
  readonly to?: string;
}

export const LIST_REFERRALS_QUERY: CheckedShape<ListReferralsQuery> = {
  accept: (value) => readMembers(value, { limit, cursor }),
  schema: async () => (await schemas()).ListReferralsQuery,
};

export const LIST_CANDIDATES_QUERY: CheckedShape<ListCandidatesQuery> = {
  accept: (value) => readMembers(value, { limit, cursor, status: candidateStatus }),
  schema: async () => (await schemas()).ListCandidatesQuery,
};

export const LIST_AUDIT_QUERY: CheckedShape<ListAuditQuery> = {
  accept: (value) => readMembers(value, { limit, cursor, referralId, from: instant, to: instant }),
  schema: async () => (await schemas()).ListAuditQuery,
};

/** A body of exactly one member, `name`, whose value is one of `allowed`. */
function oneMember<K extends string, V extends string>(name: K, allowed: readonly V[]) {
  return (value: unknown): Record<K, V> | undefined => {
    const members = knownMembers(value, [name]);
    const member = members?.[name];
    return isOneOf(allowed, member) ? ({ [name]: member } as Record<K, V>) : undefined;
  };
}

export const MOVE_CANDIDATE_REQUEST: CheckedShape<{ status: CandidateStatus }> = {
  accept: oneMember('status', CANDIDATE_STATUSES),
  schema: async () => (await schemas()).MoveCandidateRequest,
};

export const UPDATE_TRIAL_REQUEST: CheckedShape<{ recruitment: 'open' | 'paused' }> = {
  accept: oneMember('recruitment', ['open', 'paused'] as const),
  schema: async () => (await schemas()).UpdateTrialRequest,
};
