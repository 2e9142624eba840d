/**
 * The API as the app calls it: like any client, with a bearer token, `Accept-Language` for the texts in replies,
 * ETag / If-Match for changes, and RFC 9457 problems turned into an error the views can explain.
 */
import type { Locale } from '#i18n/locale.js';

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** A problem+json reply (or a network failure, status 0). */
export class ApiProblem extends Error {
  override name = 'ApiProblem';
  constructor(
    readonly status: number,
    /** The slug of the problem type (`version-mismatch`, `transition-not-allowed`), or `network`. */
    readonly type: string,
    readonly title: string,
    readonly detail: string | undefined,
    readonly errors: readonly FieldProblem[],
    readonly body: Readonly<Record<string, unknown>>,
  ) {
    super(detail ?? title);
  }
}

export interface ApiReply<T> {
  readonly status: number;
  readonly body: T;
  readonly etag: string | undefined;
}

export interface ApiClientOptions {
  readonly baseUrl: string;
  readonly token: () => Promise<string | undefined>;
  readonly locale: () => Locale;
  /** Told when the API says the token is no longer good (401), so the app can ask to sign in again. */
  readonly onUnauthorized?: () => void;
}

export interface RequestOptions {
  readonly body?: unknown;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

const PROBLEM_BASE = 'https://trial-match.dev/problems/';

export class ApiClient {
  constructor(private readonly options: ApiClientOptions) {}

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<ApiReply<T>> {
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json', 'accept-language': this.options.locale(), ...options.headers };
    const token = await this.options.token();
    if (token) headers['authorization'] = `Bearer ${token}`;
    if (options.body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
    let response: Response;
    try {
      response = await fetch(`${this.options.baseUrl}${path}`, {
        method,
        headers,
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
        // Tokens travel in the Authorization header only; no cookie is ever needed or sent.
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
      });
    } catch {
      throw new ApiProblem(0, 'network', 'network', undefined, [], {});
    }
    const etag = response.headers.get('etag') ?? undefined;
    const text = response.status === 204 ? '' : await response.text();
    let body: unknown = undefined;
    if (text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
    }
    if (!response.ok) {
      const problem = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
      const type = typeof problem['type'] === 'string' ? problem['type'].replace(PROBLEM_BASE, '') : `http-${response.status}`;
      const errors = Array.isArray(problem['errors']) ? (problem['errors'] as FieldProblem[]) : [];
      if (response.status === 401) this.options.onUnauthorized?.();
      throw new ApiProblem(
        response.status,
        type,
        typeof problem['title'] === 'string' ? problem['title'] : response.statusText,
        typeof problem['detail'] === 'string' ? problem['detail'] : undefined,
        errors,
        problem,
      );
    }
    return { status: response.status, body: body as T, etag };
  }
}
