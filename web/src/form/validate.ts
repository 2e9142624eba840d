/**
 * The profile checked by the very schema the API validates with (zod/mini), its problems turned into field errors
 * the form words in the physician's language, and the largest valid part of it for the live pre-screen: a group
 * with an error (a hemoglobin without its date) is left out until it is corrected, so what is screened while typing
 * is always a profile the API would accept.
 */
import type * as z from 'zod/mini';
import { PatientProfile } from '#profile/schema.js';
import type { DraftProblem } from './draft.js';

type Issue = z.core.$ZodIssue;

export type FieldErrorCode =
  | 'required'
  | 'not-a-number'
  | 'not-an-integer'
  | 'too-small'
  | 'too-big'
  | 'not-a-date'
  | 'not-an-option'
  | 'multiple-of'
  | 'too-many'
  | 'unknown-field'
  | 'invalid';

export interface FieldError {
  /** Instance path: `labs.hemoglobin.date`, `blasts.1.percent`. */
  readonly path: string;
  readonly code: FieldErrorCode;
  /** The bound, for too-small / too-big / too-many / multiple-of. */
  readonly limit?: number;
}

const joinPath = (segments: readonly PropertyKey[]): string => segments.map(String).join('.');

function errorsOf(issue: Issue, parent: readonly PropertyKey[]): FieldError[] {
  const path = [...parent, ...issue.path];
  const at = joinPath(path);
  switch (issue.code) {
    case 'invalid_union': {
      // `cd7` is one result or a list: the form sends a list, so the branch that failed on more than its type is meant.
      const meant = issue.errors.filter((branch) => !(branch.length === 1 && branch[0]?.code === 'invalid_type' && branch[0].path.length === 0));
      const branch = meant[0] ?? issue.errors[0] ?? [];
      return branch.flatMap((inner) => errorsOf(inner, path));
    }
    case 'invalid_element':
    case 'invalid_key':
      return issue.issues.flatMap((inner) => errorsOf(inner, path));
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ path: joinPath([...path, key]), code: 'unknown-field' as const }));
    case 'invalid_type':
      if (issue.expected === 'int') return [{ path: at, code: 'not-an-integer' }];
      return [{ path: at, code: issue.expected === 'number' ? 'not-a-number' : 'required' }];
    case 'too_small':
      return [{ path: at, code: 'too-small', limit: Number(issue.minimum) }];
    case 'too_big':
      return [{ path: at, code: issue.origin === 'array' ? 'too-many' : 'too-big', limit: Number(issue.maximum) }];
    case 'invalid_format':
      return [{ path: at, code: 'not-a-date' }];
    case 'invalid_value':
      return [{ path: at, code: 'not-an-option' }];
    case 'not_multiple_of':
      return [{ path: at, code: 'multiple-of', limit: Number(issue.divisor) }];
    case 'custom':
      return [{ path: at, code: /multiple of 10/.test(issue.message) ? 'multiple-of' : 'invalid', ...(/multiple of 10/.test(issue.message) ? { limit: 10 } : {}) }];
    default:
      return [{ path: at, code: 'invalid' }];
  }
}

export interface CheckedProfile {
  /** Every problem, at the field it belongs to. */
  readonly errors: readonly FieldError[];
  /** The profile as typed, when it is valid: what submitting sends. */
  readonly profile?: PatientProfile;
  /** The largest valid part of what was typed: what the live pre-screen screens. */
  readonly screenable: PatientProfile;
  /** Instance paths of the groups left out of `screenable` for their errors. */
  readonly leftOut: readonly string[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function valueAt(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * A copy of `value` without the group that holds the field at `path`: the innermost object (not a list) around it,
 * a list item included. When that group is not there (an unreadable number was the group's only entry), nothing.
 */
function withoutGroupAt(value: Record<string, unknown>, path: readonly string[]): { value: Record<string, unknown>; removed?: string } {
  for (let end = path.length - 1; end >= 1; end--) {
    const holder = valueAt(value, path.slice(0, end));
    if (holder === undefined) return { value };
    if (isObject(holder)) return { value: removeAt(value, path.slice(0, end)), removed: path.slice(0, end).join('.') };
  }
  const top = path[0];
  if (top === undefined || !Object.hasOwn(value, top)) return { value };
  return { value: removeAt(value, [top]), removed: top };
}

function removeAt(value: unknown, path: readonly string[]): Record<string, unknown> {
  const [head, ...rest] = path;
  if (head === undefined) return isObject(value) ? value : {};
  if (Array.isArray(value)) {
    const copy = [...value];
    if (rest.length === 0) copy.splice(Number(head), 1);
    else copy[Number(head)] = removeAt(copy[Number(head)], rest);
    return copy as unknown as Record<string, unknown>;
  }
  const object = isObject(value) ? value : {};
  if (rest.length === 0) {
    const { [head]: _dropped, ...others } = object;
    return others;
  }
  const next = removeAt(object[head], rest);
  // A list emptied of its only item is left out, not sent empty (an empty list can be a statement).
  if (Array.isArray(next) && next.length === 0) {
    const { [head]: _dropped, ...others } = object;
    return others;
  }
  return { ...object, [head]: next };
}

export function checkProfile(candidate: Record<string, unknown>, draftProblems: readonly DraftProblem[] = []): CheckedProfile {
  const parsed = PatientProfile.safeParse(candidate);
  const schemaErrors = parsed.success ? [] : parsed.error.issues.flatMap((issue) => errorsOf(issue, []));
  const errors = [...draftProblems.map((problem) => ({ path: problem.path, code: problem.code })), ...schemaErrors];
  if (parsed.success && draftProblems.length === 0) return { errors, profile: parsed.data, screenable: parsed.data, leftOut: [] };

  // Leave out the groups with errors, one round per error (a removal can shift list indexes), until valid.
  let rest: Record<string, unknown> = candidate;
  const leftOut = new Set<string>();
  for (const problem of draftProblems) {
    const { value, removed } = withoutGroupAt(rest, problem.path.split('.'));
    rest = value;
    if (removed) leftOut.add(removed);
  }
  for (let round = 0; round < 50; round++) {
    const attempt = PatientProfile.safeParse(rest);
    if (attempt.success) return { errors, screenable: attempt.data, leftOut: [...leftOut] };
    const first = attempt.error.issues.flatMap((issue) => errorsOf(issue, []))[0];
    if (!first) break;
    const { value, removed } = withoutGroupAt(rest, first.path.split('.'));
    rest = value;
    if (removed) leftOut.add(removed);
  }
  return { errors, screenable: {}, leftOut: [...leftOut] };
}
