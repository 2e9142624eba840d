/**
 * Turns zod issues into one clear message per bad field, for people: the physician reading a 422, the user of
 * the CLI. zod/mini ships without a locale (that is part of why it is small), so every issue it raises says only
 * "Invalid input"; the issue's structured fields (code, bounds, allowed values, format) say what was wrong, and
 * this module words them.
 *
 * The wording is in English by default (what the API's 422 replies carry) or in Chinese (`issue-words.ts`).
 *
 * Messages never repeat the submitted value: the input is health data, and these messages end up in HTTP
 * replies, terminals and, through them, logs. At most the value's JSON type is named ("received a string").
 */
import type * as z from 'zod/mini';
import type { Locale } from '#i18n/locale.js';
import { ISSUE_WORDS, type BoundOrigin, type IssueWords } from './issue-words.js';

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
export function describeIssues(issues: readonly Issue[], input?: unknown, locale: Locale = 'en'): FieldIssue[] {
  const words = ISSUE_WORDS[locale];
  return issues.flatMap((issue) => describeIssue(issue, [], input, words));
}

/** A message the schema worded itself (English), unless it is zod/mini's generic one. */
function statedMessage(issue: Issue, words: IssueWords): string | undefined {
  if (!issue.message || issue.message === GENERIC_MESSAGE) return undefined;
  return words.stated(issue.message) ?? issue.message;
}

function describeIssue(issue: Issue, parentPath: readonly PropertyKey[], root: unknown, words: IssueWords): FieldIssue[] {
  const path = [...parentPath, ...issue.path];
  const field = fieldName(path);
  switch (issue.code) {
    case 'unrecognized_keys':
      // One entry per key: each is its own mistake (usually a typo), and the caller can point at each.
      return issue.keys.map((key) => ({ field: fieldName([...path, key]), message: words.unknownField }));
    case 'invalid_key':
      return issue.issues.map((inner) => ({ field, message: words.invalidKey(describeIssue(inner, [], undefined, words)[0]?.message ?? words.invalid) }));
    case 'invalid_element':
      return issue.issues.flatMap((inner) => describeIssue(inner, path, root, words));
    case 'invalid_union': {
      // When all but one form failed on the value's type alone (an object where a list is also allowed), the
      // caller meant that one form: name its fields one by one instead of listing every form.
      const meant = issue.errors.filter((branch) => !(branch.length === 1 && branch[0]?.code === 'invalid_type' && branch[0].path.length === 0));
      if (issue.inclusive !== false && meant.length === 1) return (meant[0] ?? []).flatMap((inner) => describeIssue(inner, path, root, words));
      return [{ field, message: describeUnion(issue, path, root, words) }];
    }
    default:
      return [{ field, message: describeLeaf(issue, path, root, words) }];
  }
}

type LeafIssue = Exclude<Issue, { code: 'unrecognized_keys' | 'invalid_key' | 'invalid_element' | 'invalid_union' }>;

function describeLeaf(issue: LeafIssue, path: readonly PropertyKey[], root: unknown, words: IssueWords): string {
  switch (issue.code) {
    case 'invalid_type':
      return describeType(issue.expected, path, root, words);
    case 'too_small':
      return words.bound('min', boundOrigin(issue.origin), issue.minimum, issue.inclusive ?? false, issue.exact ?? false);
    case 'too_big':
      return words.bound('max', boundOrigin(issue.origin), issue.maximum, issue.inclusive ?? false, issue.exact ?? false);
    case 'invalid_value':
      // A schema that words its own message (units: "… (UCUM codes)") keeps it.
      return statedMessage(issue, words) ?? describeAllowed(issue.values, words);
    case 'invalid_format':
      return describeFormat(issue, words);
    case 'not_multiple_of':
      return words.multipleOf(issue.divisor);
    case 'custom':
      return statedMessage(issue, words) ?? words.invalid;
  }
}

/** zod's origins, as the wording groups them: sets count items like arrays; numbers, ints and bigints alike. */
function boundOrigin(origin: string): BoundOrigin {
  switch (origin) {
    case 'string':
    case 'array':
    case 'file':
    case 'date':
      return origin;
    case 'set':
      return 'array';
    default:
      return 'number';
  }
}

function describeType(expected: string, path: readonly PropertyKey[], root: unknown, words: IssueWords): string {
  if (expected === 'never') return words.notAllowed;
  if (expected === 'undefined' || expected === 'void') return words.leaveOut;
  if (expected === 'nonoptional') return words.required;
  const wanted = (Object.hasOwn(words.nouns, expected) ? words.nouns[expected] : undefined) ?? expected;
  const found = lookup(root, path);
  if (!found.known) return words.expected(wanted);
  if (found.value === undefined) return words.requiredType(wanted);
  return words.expectedReceived(wanted, jsonTypeOf(found.value, words));
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
function jsonTypeOf(value: unknown, words: IssueWords): string {
  const received = words.received;
  if (value === null) return received.null;
  if (Array.isArray(value)) return received.array;
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return received.nan;
    if (!Number.isFinite(value)) return received.infinite;
    return Number.isInteger(value) ? received.integer : received.fraction;
  }
  switch (typeof value) {
    case 'string':
      return received.string;
    case 'boolean':
      return received.boolean;
    case 'object':
      return received.object;
    default:
      return typeof value;
  }
}

const showValue = (value: unknown): string => (typeof value === 'string' ? value : String(value));

function describeAllowed(values: readonly unknown[], words: IssueWords): string {
  if (values.length === 0) return words.noValueAllowed;
  if (values.length === 1) return words.mustBe(showValue(values[0]));
  return words.oneOf(values.map(showValue));
}

function describeFormat(issue: z.core.$ZodIssueInvalidStringFormat, words: IssueWords): string {
  // The narrower issue types (starts_with and co.) carry their operand under their own key.
  const operand = (key: string): string => {
    const value: unknown = (issue as unknown as Record<string, unknown>)[key];
    return typeof value === 'string' ? value : '';
  };
  switch (issue.format) {
    case 'regex':
      return statedMessage(issue, words) ?? words.pattern(issue.pattern ?? '');
    case 'starts_with':
      return words.startsWith(operand('prefix'));
    case 'ends_with':
      return words.endsWith(operand('suffix'));
    case 'includes':
      return words.includes(operand('includes'));
    default:
      return (Object.hasOwn(words.formats, issue.format) ? words.formats[issue.format] : undefined) ?? words.validFormat(issue.format);
  }
}

function describeUnion(issue: z.core.$ZodIssueInvalidUnion, path: readonly PropertyKey[], root: unknown, words: IssueWords): string {
  if (issue.inclusive === false) return words.unionAmbiguous;
  if ('discriminator' in issue && issue.discriminator !== undefined && issue.errors.length === 0) {
    return issue.options && issue.options.length > 0 ? describeAllowed(issue.options, words) : words.unionNoValue;
  }
  if (issue.errors.length === 0) return words.unionNone;
  // Word each alternative by what it would have needed, relative to the union's own field.
  const alternatives = issue.errors.map((branch) =>
    branch
      .flatMap((inner) => describeIssue(inner, path, root, words))
      .map((d) => {
        const relative = d.field.slice(fieldName(path).length).replace(/^\./, '');
        return relative === '' ? d.message : `${relative} ${d.message}`;
      })
      .join(', '),
  );
  return words.unionAlternatives([...new Set(alternatives)]);
}

function fieldName(path: readonly PropertyKey[]): string {
  return path.map((key) => (typeof key === 'symbol' ? (key.description ?? 'symbol') : String(key))).join('.');
}
