/**
 * Turns zod issues into one clear message per bad field, for people: the physician reading a 422, the user of
 * the CLI. zod/mini ships without a locale (that is part of why it is small), so every issue it raises says only
 * "Invalid input"; the issue's structured fields (code, bounds, allowed values, format) say what was wrong, and
 * this module words them.
 *
 * Messages never repeat the submitted value: the input is health data, and these messages end up in HTTP
 * replies, terminals and, through them, logs. At most the value's JSON type is named ("received a string").
 */
import type * as z from 'zod/mini';

type Issue = z.core.$ZodIssue;

export interface FieldIssue {
  /** Dotted path to the bad field (`labs.hemoglobin.unit`, `blasts.2.percent`); `''` is the whole value. */
  readonly field: string;
  readonly message: string;
}

/** zod/mini's message when nothing more specific was given: never worth showing. */
const GENERIC_MESSAGE = 'Invalid input';

/**
 * One `{ field, message }` per problem. Pass the validated value as `input` to tell a missing field ("is
 * required") from one of the wrong type; without it, both read "expected a string".
 */
export function describeIssues(issues: readonly Issue[], input?: unknown): FieldIssue[] {
  return issues.flatMap((issue) => describeIssue(issue, [], input));
}

function describeIssue(issue: Issue, parentPath: readonly PropertyKey[], root: unknown): FieldIssue[] {
  const path = [...parentPath, ...issue.path];
  const field = fieldName(path);
  switch (issue.code) {
    case 'unrecognized_keys':
      // One entry per key: each is its own mistake (usually a typo), and the caller can point at each.
      return issue.keys.map((key) => ({ field: fieldName([...path, key]), message: 'is not a known field; remove it or check its spelling' }));
    case 'invalid_key':
      return issue.issues.map((inner) => ({ field, message: `has an invalid key: ${describeIssue(inner, [], undefined)[0]?.message ?? 'invalid'}` }));
    case 'invalid_element':
      return issue.issues.flatMap((inner) => describeIssue(inner, path, root));
    case 'invalid_union': {
      // When all but one form failed on the value's type alone (an object where a list is also allowed), the
      // caller meant that one form: name its fields one by one instead of listing every form.
      const meant = issue.errors.filter((branch) => !(branch.length === 1 && branch[0]?.code === 'invalid_type' && branch[0].path.length === 0));
      if (issue.inclusive !== false && meant.length === 1) return (meant[0] ?? []).flatMap((inner) => describeIssue(inner, path, root));
      return [{ field, message: describeUnion(issue, path, root) }];
    }
    default:
      return [{ field, message: describeLeaf(issue, path, root) }];
  }
}

type LeafIssue = Exclude<Issue, { code: 'unrecognized_keys' | 'invalid_key' | 'invalid_element' | 'invalid_union' }>;

function describeLeaf(issue: LeafIssue, path: readonly PropertyKey[], root: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return describeType(issue.expected, path, root);
    case 'too_small':
      return describeBound('min', issue.origin, issue.minimum, issue.inclusive ?? false, issue.exact ?? false);
    case 'too_big':
      return describeBound('max', issue.origin, issue.maximum, issue.inclusive ?? false, issue.exact ?? false);
    case 'invalid_value':
      // A schema that words its own message (units: "… (UCUM codes)") keeps it.
      return issue.message && issue.message !== GENERIC_MESSAGE ? issue.message : describeAllowed(issue.values);
    case 'invalid_format':
      return describeFormat(issue);
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'custom':
      return issue.message && issue.message !== GENERIC_MESSAGE ? issue.message : 'is invalid';
  }
}

const EXPECTED_NOUNS: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  bigint: 'an integer',
  object: 'an object',
  array: 'an array',
  tuple: 'an array',
  record: 'an object',
  null: 'null',
  date: 'a date',
  nan: 'NaN',
};

function describeType(expected: string, path: readonly PropertyKey[], root: unknown): string {
  if (expected === 'never') return 'is not allowed here';
  if (expected === 'undefined' || expected === 'void') return 'must be left out';
  if (expected === 'nonoptional') return 'is required';
  const wanted = (Object.hasOwn(EXPECTED_NOUNS, expected) ? EXPECTED_NOUNS[expected] : undefined) ?? expected;
  const found = lookup(root, path);
  if (!found.known) return `expected ${wanted}`;
  if (found.value === undefined) return `is required (${wanted})`;
  return `expected ${wanted}, received ${jsonTypeOf(found.value)}`;
}

/** What the caller sent at `path`, if the root was given and the path leads somewhere. */
function lookup(root: unknown, path: readonly PropertyKey[]): { known: false } | { known: true; value: unknown } {
  if (root === undefined) return { known: false };
  let value: unknown = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return { known: false };
    // The path holds the caller's own keys: an inherited `constructor` is not something they sent.
    value = Object.hasOwn(value, key) ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  }
  return { known: true, value };
}

/** The JSON type of a value, never the value itself. */
function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return 'an infinite number';
    return Number.isInteger(value) ? 'an integer' : 'a number with a fraction';
  }
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

const plural = (count: number | bigint, noun: string) => `${count} ${noun}${count === 1 || count === 1n ? '' : 's'}`;

function describeBound(side: 'min' | 'max', origin: string, bound: number | bigint, inclusive: boolean, exact: boolean): string {
  switch (origin) {
    case 'string':
      if (exact) return `must be exactly ${plural(bound, 'character')} long`;
      if (side === 'min') return Number(bound) === 1 && inclusive ? 'must not be empty' : `must have at least ${plural(bound, 'character')}`;
      return `must have at most ${plural(bound, 'character')}`;
    case 'array':
    case 'set':
      if (exact) return `must have exactly ${plural(bound, 'item')}`;
      if (side === 'min') return Number(bound) === 1 && inclusive ? 'must not be empty' : `must have at least ${plural(bound, 'item')}`;
      return `must have at most ${plural(bound, 'item')}`;
    case 'file':
      return side === 'min' ? `must be at least ${plural(bound, 'byte')}` : `must be at most ${plural(bound, 'byte')}`;
    case 'date': {
      const day = new Date(Number(bound)).toISOString();
      if (side === 'min') return inclusive ? `must be on or after ${day}` : `must be after ${day}`;
      return inclusive ? `must be on or before ${day}` : `must be before ${day}`;
    }
    default:
      // number, int, bigint
      if (exact) return `must be exactly ${bound}`;
      if (side === 'min') return inclusive ? `must be at least ${bound}` : `must be greater than ${bound}`;
      return inclusive ? `must be at most ${bound}` : `must be less than ${bound}`;
  }
}

const showValue = (value: unknown): string => (typeof value === 'string' ? value : String(value));

function describeAllowed(values: readonly unknown[]): string {
  if (values.length === 0) return 'no value is allowed here';
  if (values.length === 1) return `must be ${showValue(values[0])}`;
  return `must be one of: ${values.map(showValue).join(', ')}`;
}

const FORMAT_MESSAGES: Readonly<Record<string, string>> = {
  date: 'must be a calendar date written YYYY-MM-DD (e.g. 2026-11-20)',
  datetime: 'must be an ISO 8601 date-time (e.g. 2026-11-20T08:30:00Z)',
  time: 'must be a time written HH:MM[:SS]',
  duration: 'must be an ISO 8601 duration (e.g. P28D)',
  email: 'must be an email address',
  url: 'must be a URL',
  uuid: 'must be a UUID',
  guid: 'must be a UUID',
  ulid: 'must be a ULID',
  ipv4: 'must be an IPv4 address',
  ipv6: 'must be an IPv6 address',
  base64: 'must be base64-encoded',
  base64url: 'must be base64url-encoded',
  jwt: 'must be a JSON Web Token',
  lowercase: 'must be lower case',
  uppercase: 'must be upper case',
};

function describeFormat(issue: z.core.$ZodIssueInvalidStringFormat): string {
  // The narrower issue types (starts_with and co.) carry their operand under their own key.
  const operand = (key: string): string => {
    const value: unknown = (issue as unknown as Record<string, unknown>)[key];
    return typeof value === 'string' ? value : '';
  };
  switch (issue.format) {
    case 'regex':
      return issue.message && issue.message !== GENERIC_MESSAGE ? issue.message : `must match the pattern ${issue.pattern ?? ''}`.trimEnd();
    case 'starts_with':
      return `must start with "${operand('prefix')}"`;
    case 'ends_with':
      return `must end with "${operand('suffix')}"`;
    case 'includes':
      return `must include "${operand('includes')}"`;
    default:
      return (Object.hasOwn(FORMAT_MESSAGES, issue.format) ? FORMAT_MESSAGES[issue.format] : undefined) ?? `must be a valid ${issue.format}`;
  }
}

function describeUnion(issue: z.core.$ZodIssueInvalidUnion, path: readonly PropertyKey[], root: unknown): string {
  if (issue.inclusive === false) return 'matches more than one of the allowed forms; it must match exactly one';
  if ('discriminator' in issue && issue.discriminator !== undefined && issue.errors.length === 0) {
    return issue.options && issue.options.length > 0 ? describeAllowed(issue.options) : 'has no allowed value';
  }
  if (issue.errors.length === 0) return 'matches none of the allowed forms';
  // Word each alternative by what it would have needed, relative to the union's own field.
  const alternatives = issue.errors.map((branch) =>
    branch
      .flatMap((inner) => describeIssue(inner, path, root))
      .map((d) => {
        const relative = d.field.slice(fieldName(path).length).replace(/^\./, '');
        return relative === '' ? d.message : `${relative} ${d.message}`;
      })
      .join(', '),
  );
  return `matches none of the allowed forms: ${[...new Set(alternatives)].join('; or ')}`;
}

function fieldName(path: readonly PropertyKey[]): string {
  return path.map((key) => (typeof key === 'symbol' ? (key.description ?? 'symbol') : String(key))).join('.');
}
