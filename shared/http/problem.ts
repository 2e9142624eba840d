/**
 * RFC 9457 problem details: every error the API returns is `application/problem+json`, and a validation error
 * names each bad field in `errors`.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { FieldIssue } from '#validation/describe-issues.js';

/** Dotted path into the request (`profile.labs.hemoglobin.unit`), or a header/parameter name, and what is wrong. */
export type FieldError = FieldIssue;

export interface Problem {
  readonly status: number;
  /** A stable slug; the `type` URI is built from it. */
  readonly type: string;
  readonly title: string;
  readonly detail?: string;
  readonly errors?: readonly FieldError[];
  readonly headers?: Readonly<Record<string, string>>;
  /** Extra members, e.g. the allowed transitions of a candidate. */
  readonly extensions?: Readonly<Record<string, unknown>>;
}

/** A problem raised deep in a use case and answered at the edge. */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemError';
  }
}

export const PROBLEM_TYPE_BASE = 'https://trial-match.dev/problems/';

/**
 * A problem lists at most this many errors, and says how many there were (`errorCount`): a body of thousands of
 * unknown keys must not buy a reply larger than itself. Fixing the first ones is what a caller does anyway.
 */
export const MAX_LISTED_ERRORS = 20;
/** Field names are the caller's keys; a longer one is cut (a 60 KB key is not echoed back). */
export const MAX_FIELD_NAME_CHARS = 120;

const shortField = (field: string): string =>
  field.length > MAX_FIELD_NAME_CHARS ? `${field.slice(0, MAX_FIELD_NAME_CHARS - 1)}…` : field;

/** The errors to list, and the extension that counts them when some were left out. */
function listed(errors: readonly FieldError[]): { errors: readonly FieldError[]; extensions?: Record<string, unknown> } {
  const shown = errors.slice(0, MAX_LISTED_ERRORS).map((error) => ({ ...error, field: shortField(error.field) }));
  return errors.length > MAX_LISTED_ERRORS ? { errors: shown, extensions: { errorCount: errors.length } } : { errors: shown };
}

/** "3 fields are invalid: a, b, c", naming at most the listed ones. */
function invalidFieldsDetail(errors: readonly FieldError[]): string {
  const names = [...new Set(errors.map((e) => shortField(e.field)))];
  const named = names.slice(0, MAX_LISTED_ERRORS).join(', ');
  const more = names.length > MAX_LISTED_ERRORS ? ` and ${names.length - MAX_LISTED_ERRORS} more` : '';
  return `${errors.length} field${errors.length === 1 ? ' is' : 's are'} invalid: ${named}${more}`;
}

export function problemResponse(problem: Problem): APIGatewayProxyStructuredResultV2 {
  // Extensions first: they may add members, never replace the standard ones (RFC 9457 `status` is the HTTP code).
  const body = {
    ...problem.extensions,
    type: `${PROBLEM_TYPE_BASE}${problem.type}`,
    title: problem.title,
    status: problem.status,
    ...(problem.detail === undefined ? {} : { detail: problem.detail }),
    ...(problem.errors === undefined ? {} : { errors: problem.errors }),
  };
  return {
    statusCode: problem.status,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...problem.headers },
    body: JSON.stringify(body),
  };
}

export const problems = {
  badRequest: (detail: string, errors?: readonly FieldError[]): Problem => ({
    status: 400,
    type: 'bad-request',
    title: 'The request is malformed',
    detail,
    ...(errors ? listed(errors) : {}),
  }),
  invalidFields: (errors: readonly FieldError[]): Problem => ({
    status: 422,
    type: 'invalid-fields',
    title: 'Some fields are invalid',
    detail: invalidFieldsDetail(errors),
    ...listed(errors),
  }),
  unauthorized: (detail: string): Problem => ({
    status: 401,
    type: 'unauthorized',
    title: 'Authentication is required',
    detail,
    headers: { 'www-authenticate': 'Bearer' },
  }),
  forbidden: (detail: string): Problem => ({ status: 403, type: 'forbidden', title: 'Not allowed', detail }),
  notFound: (detail: string): Problem => ({ status: 404, type: 'not-found', title: 'Not found', detail }),
  conflict: (type: string, detail: string, extensions?: Record<string, unknown>): Problem => ({
    status: 409,
    type,
    title: 'The request conflicts with the current state',
    detail,
    ...(extensions ? { extensions } : {}),
  }),
  gone: (detail: string, extensions?: Record<string, unknown>): Problem => ({
    status: 410,
    type: 'withdrawn',
    title: 'The referral was withdrawn',
    detail,
    ...(extensions ? { extensions } : {}),
  }),
  preconditionFailed: (detail: string): Problem => ({
    status: 412,
    type: 'version-mismatch',
    title: 'The referral has changed since you read it',
    detail,
  }),
  payloadTooLarge: (limit: number): Problem => ({
    status: 413,
    type: 'payload-too-large',
    title: 'The request body is too large',
    detail: `the body must not exceed ${limit} bytes`,
  }),
  unsupportedMediaType: (accepted: readonly string[]): Problem => ({
    status: 415,
    type: 'unsupported-media-type',
    title: 'Unsupported content type',
    detail: `send the body as ${accepted.join(' or ')}`,
    headers: { 'accept-patch': accepted.join(', ') },
  }),
  preconditionRequired: (detail: string): Problem => ({
    status: 428,
    type: 'precondition-required',
    title: 'If-Match is required',
    detail,
  }),
  unavailable: (detail: string): Problem => ({
    status: 503,
    type: 'temporarily-unavailable',
    title: 'Temporarily unavailable',
    detail,
    headers: { 'retry-after': '1' },
  }),
} as const;
