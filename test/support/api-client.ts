/**
 * A small HTTP client for the e2e suites: one call, the reply's status, headers, raw text and parsed JSON (when the
 * reply is JSON). Bodies that are strings go as they are, anything else as JSON. Every reply is checked against the
 * OpenAPI document (Ajv): a reply the document does not describe fails the test that received it.
 */
import { expect } from 'vitest';
import { openApiValidator } from './openapi-validator.js';

let validator: ReturnType<typeof openApiValidator> | undefined;
export interface ApiReply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly body: Record<string, unknown>;
}

export type ApiCall = (
  method: string,
  path: string,
  token?: string,
  body?: unknown,
  headers?: Readonly<Record<string, string>>,
) => Promise<ApiReply>;

export function apiClient(baseUrl: () => string): ApiCall {
  return async (method, path, token, body, headers = {}) => {
    const response = await fetch(`${baseUrl()}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    validator ??= openApiValidator();
    expect(validator({ method, path, status: response.status, headers: response.headers, text }), 'the reply matches the OpenAPI document').toEqual([]);
    const json = /json/.test(response.headers.get('content-type') ?? '') && text !== '' ? (JSON.parse(text) as Record<string, unknown>) : {};
    return { status: response.status, headers: response.headers, text, body: json };
  };
}
