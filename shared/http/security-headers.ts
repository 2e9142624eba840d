/**
 * Headers every reply of the API carries (OWASP REST Security Cheat Sheet): the body is never sniffed into
 * something executable, never framed, never given a referrer, and HTTPS is remembered. Replies are JSON for
 * programs, so the content security policy allows nothing. Cache-Control is the handler's choice (public documents
 * may be cached); a reply that says nothing is not stored.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
};

/** Replies that carry patient data, and every error, are never stored by a cache or a browser. */
export const NO_STORE = 'no-store';

/** The reply with the security headers added, and `cache-control: no-store` unless the handler chose a policy. */
export function hardened(result: APIGatewayProxyStructuredResultV2): APIGatewayProxyStructuredResultV2 {
  const headers: Record<string, string | number | boolean> = { ...result.headers };
  const has = (name: string) => Object.keys(headers).some((key) => key.toLowerCase() === name);
  if (!has('cache-control') || (result.statusCode ?? 200) >= 400) headers['cache-control'] = NO_STORE;
  return { ...result, headers: { ...headers, ...SECURITY_HEADERS } };
}
