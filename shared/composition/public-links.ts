/**
 * The base of every link the service sends out (the inbox link in a site notification, the OpenAPI document's
 * `servers`): the deployment's own API domain (CDK sets PUBLIC_BASE_URL from the `apiDomain` setting). Refused at init, so a misconfigured function
 * fails loudly instead of mailing a hospital links that break: anything but https, a path, a trailing slash, or an
 * API Gateway default host (execute-api), which in China is unreachable without ICP recordal and changes whenever
 * the API is re-created.
 */
import { ENVIRONMENT } from './environment.js';

export function publicBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`PUBLIC_BASE_URL is not a URL: ${value}`);
  }
  if (url.protocol !== 'https:') throw new Error(`PUBLIC_BASE_URL must be https, got ${value}`);
  if (/\.execute-api\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(url.hostname)) {
    throw new Error(`PUBLIC_BASE_URL must be the service's own domain, not the API Gateway host ${url.hostname}`);
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || value.endsWith('/')) {
    throw new Error(`PUBLIC_BASE_URL must be an origin without path or trailing slash, got ${value}`);
  }
  return url.origin;
}

/** No AWS client imported here: get-openapi reads it too, and its bundle carries no SDK. */
export function publicBaseUrlFromEnvironment(): string {
  const value = process.env[ENVIRONMENT.publicBaseUrl];
  if (!value) throw new Error('environment variable PUBLIC_BASE_URL is not set');
  return publicBaseUrl(value);
}
