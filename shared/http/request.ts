/** Reading an API Gateway v2 request at the edge: headers, bodies and parameters, validated or refused with a 4xx. */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from 'zod/mini';
import { negotiateLocale, type Locale } from '../i18n/locale.js';
import { describeIssues } from '../validation/describe-issues.js';
import { ProblemError, problems, type FieldError } from './problem.js';

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
): unknown {
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES) throw new ProblemError(problems.payloadTooLarge(MAX_BODY_BYTES));
  const mediaType = mediaTypeOf(header(event, 'content-type'));
  if (mediaType === undefined || !accepted.includes(mediaType)) {
    throw new ProblemError(problems.unsupportedMediaType(accepted));
  }
  if (text.trim() === '') throw new ProblemError(problems.badRequest('the request body is empty', [{ field: 'body', message: 'a JSON body is required' }]));
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof SyntaxError ? error.message : 'not valid JSON';
    throw new ProblemError(problems.badRequest('the request body is not valid JSON', [{ field: 'body', message }]));
  }
}

/** Validates a value with a zod schema, or throws a 422 naming each bad field (prefixed, e.g. `profile.`). */
export function validate<S extends z.ZodMiniType>(schema: S, value: unknown, prefix?: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors: FieldError[] = describeIssues(result.error.issues).map((e) => ({
    field: prefix ? (e.field === '' ? prefix : `${prefix}.${e.field}`) : e.field || 'body',
    message: e.message,
  }));
  throw new ProblemError(problems.invalidFields(errors));
}

/** Query string parameters, validated like a body; unknown parameters are refused so typos are visible. */
export function readQuery<S extends z.ZodMiniType>(event: Pick<APIGatewayProxyEventV2, 'queryStringParameters'>, schema: S): z.infer<S> {
  const result = schema.safeParse(event.queryStringParameters ?? {});
  if (result.success) return result.data;
  const errors = describeIssues(result.error.issues).map((e) => ({ field: `query.${e.field}`, message: e.message }));
  throw new ProblemError(problems.badRequest('invalid query parameters', errors));
}

/**
 * A path parameter that must match `schema`; anything else is a resource that cannot exist, so 404 (this also
 * covers traversal attempts such as `..%2F` which API Gateway hands over decoded).
 */
export function readPathParameter<S extends z.ZodMiniType>(
  event: Pick<APIGatewayProxyEventV2, 'pathParameters'>,
  name: string,
  schema: S,
  what: string,
): z.infer<S> {
  const value = event.pathParameters?.[name];
  const result = schema.safeParse(value);
  if (!result.success) throw new ProblemError(problems.notFound(`no ${what} has that id`));
  return result.data;
}

/**
 * The version named by If-Match (`"3"`, `W/"3"`), for optimistic concurrency. Required on writes that replace
 * what the caller read: without it a lost update cannot be detected (428).
 */
export function readIfMatch(event: Pick<APIGatewayProxyEventV2, 'headers'>): number {
  const value = header(event, 'if-match');
  if (value === undefined) {
    throw new ProblemError(problems.preconditionRequired('send If-Match with the ETag of the referral you read'));
  }
  const match = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(value);
  if (!match?.[1]) {
    throw new ProblemError(problems.badRequest('If-Match must be an ETag such as "3"', [{ field: 'if-match', message: 'expected an ETag such as "3"' }]));
  }
  return Number(match[1]);
}

export const etag = (version: number): string => `"${version}"`;
