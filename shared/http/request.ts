/** Reading an API Gateway v2 request at the edge: headers, bodies and parameters, validated or refused with a 4xx. */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DEFAULT_LOCALE, negotiateLocale, type Locale } from '#i18n/locale.js';
import { describeIssues } from '#validation/describe-issues.js';
import { parseTagCondition, type TagCondition } from './entity-tags.js';
import { ProblemError, problems } from './problem.js';
import type { CheckedShape } from '#validation/checked-shape.js';

/** The caller's language for texts in the reply (reasons, requests, verdict labels), from Accept-Language. */
export function requestLocale(event: Pick<APIGatewayProxyEventV2, 'headers'>): Locale {
  return negotiateLocale(header(event, 'accept-language'));
}

/** Referral profiles are a few KB; anything near this is not a profile. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Headers arrive lower-cased from API Gateway HTTP APIs (payload v2.0) and from the local server alike. */
export function header(event: Pick<APIGatewayProxyEventV2, 'headers'>, name: string): string | undefined {
  return event.headers?.[name.toLowerCase()] ?? undefined;
}

function mediaTypeOf(contentType: string | undefined): string | undefined {
  return contentType?.split(';', 1)[0]?.trim().toLowerCase();
}

/**
 * The request body parsed as JSON, after checking its media type (415) and size (413). Malformed JSON is a 400.
 */
export function readJsonBody(
  event: Pick<APIGatewayProxyEventV2, 'headers' | 'body' | 'isBase64Encoded'>,
  accepted: readonly string[] = ['application/json'],
  maxBytes: number = MAX_BODY_BYTES,
): unknown {
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (Buffer.byteLength(text, 'utf8') > maxBytes) throw new ProblemError(problems.payloadTooLarge(maxBytes));
  const mediaType = mediaTypeOf(header(event, 'content-type'));
  if (mediaType === undefined || !accepted.includes(mediaType)) {
    throw new ProblemError(problems.unsupportedMediaType(accepted));
  }
  if (text.trim() === '') throw new ProblemError(problems.badRequest('the request body is empty', [{ field: 'body', message: 'a JSON body is required' }]));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof SyntaxError ? error.message : 'not valid JSON';
    throw new ProblemError(problems.badRequest('the request body is not valid JSON', [{ field: 'body', message }]));
  }
  const illFormed = illFormedStringAt(parsed);
  if (illFormed !== undefined) {
    throw new ProblemError(
      problems.badRequest('the request body must be I-JSON (RFC 7493): a string holds a lone surrogate', [
        { field: illFormed === '' ? 'body' : illFormed, message: 'is not well-formed Unicode (a lone surrogate)' },
      ]),
    );
  }
  return parsed;
}

/**
 * The dotted path of the first string (value or member name) that is not well-formed UTF-16, if any. JSON allows
 * `"\ud800"`; I-JSON does not, such text cannot be stored or canonicalized faithfully, and no clinical value needs it.
 */
/** With the `u` flag a surrogate pair is one code point; only a lone surrogate is in the Cs category. */
const LONE_SURROGATE = /\p{Cs}/u;

function illFormedStringAt(root: unknown): string | undefined {
  // Iterative: a hostile body may nest thousands of levels deep, which JSON.parse accepts and recursion does not.
  const pending: { value: unknown; path: string }[] = [{ value: root, path: '' }];
  const join = (path: string, key: string | number) => (path === '' ? String(key) : `${path}.${key}`);
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) return path;
    } else if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--) pending.push({ value: value[index], path: join(path, index) });
    } else if (typeof value === 'object' && value !== null) {
      const entries = Object.entries(value);
      for (const [key] of entries) if (LONE_SURROGATE.test(key)) return join(path, key.replace(new RegExp(LONE_SURROGATE, 'gu'), '\ufffd'));
      for (let index = entries.length - 1; index >= 0; index--) {
        const [key, item] = entries[index] as [string, unknown];
        pending.push({ value: item, path: join(path, key) });
      }
    }
  }
  return undefined;
}

/**
 * Validates a value with a zod schema, or through a shape's fast check first (request-checks.ts), or refuses it
 * naming each bad field (422, prefixed, e.g. `profile.`).
 */
import { validate, validateChecked } from '#use-cases/validate.js';

export { validate, validateChecked };

/** Query string parameters, validated like a body; unknown parameters are refused so typos are visible. */
export async function readQuery<T>(
  event: Pick<APIGatewayProxyEventV2, 'queryStringParameters'> & { readonly headers?: APIGatewayProxyEventV2['headers'] },
  shape: CheckedShape<T>,
): Promise<T> {
  const raw = event.queryStringParameters ?? {};
  const accepted = shape.accept(raw);
  if (accepted !== undefined) return accepted;
  const result = (await shape.schema()).safeParse(raw);
  if (result.success) return result.data;
  const errors = describeIssues(result.error.issues, undefined, event.headers === undefined ? DEFAULT_LOCALE : requestLocale({ headers: event.headers })).map((e) => ({ field: `query.${e.field}`, message: e.message }));
  throw new ProblemError(problems.badRequest('invalid query parameters', errors));
}

/**
 * A path parameter that must be an id of its kind (`isId`, request-checks.ts); anything else is a resource that
 * cannot exist, so 404 (this also covers traversal attempts such as `..%2F` which API Gateway hands over decoded).
 */
export function readPathParameter(
  event: Pick<APIGatewayProxyEventV2, 'pathParameters'>,
  name: string,
  isId: (value: unknown) => value is string,
  what: string,
): string {
  const value = event.pathParameters?.[name];
  if (!isId(value)) throw new ProblemError(problems.notFound(`no ${what} has that id`));
  return value;
}

/**
 * The condition of If-Match, for optimistic concurrency: `*` or a list of entity tags, compared strongly with the
 * current representation's tag. Required on writes that replace what the caller read: without it a lost update
 * cannot be detected (428).
 */
export function readIfMatch(event: Pick<APIGatewayProxyEventV2, 'headers'>): TagCondition {
  const value = header(event, 'if-match');
  if (value === undefined) {
    throw new ProblemError(problems.preconditionRequired('send If-Match with the ETag of the referral you read'));
  }
  const condition = parseTagCondition(value);
  if (!condition) {
    throw new ProblemError(
      problems.badRequest('If-Match must be * or a list of entity tags', [{ field: 'if-match', message: 'expected * or an ETag such as "3q2-7w" (as read from ETag)' }]),
    );
  }
  return condition;
}

/** If-None-Match, if sent and well-formed (a malformed one is ignored, as if absent: RFC 9110 §13.1.2). */
export function readIfNoneMatch(event: Pick<APIGatewayProxyEventV2, 'headers'>): TagCondition | undefined {
  const value = header(event, 'if-none-match');
  return value === undefined ? undefined : parseTagCondition(value);
}
