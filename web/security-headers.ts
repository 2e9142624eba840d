/**
 * The headers every file of the web app is served with, locally (local) and by CloudFront (the CDK
 * response-headers policy is built from the same values, and a test compares them).
 *
 * The content security policy allows only the app's own files: no inline script or style, no eval, nothing framed,
 * no plugin, forms posting nowhere, and network requests only to the API and the identity provider. Trusted Types
 * are required, so a string can never be turned into HTML or script, even by a library.
 */

export interface WebOrigins {
  /** Where the app may send requests: the API's origin (none when it is the app's own), the identity provider's. */
  readonly connect: readonly string[];
}

export function contentSecurityPolicy(origins: WebOrigins): string {
  const connect = ["'self'", ...origins.connect].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "require-trusted-types-for 'script'",
    "trusted-types 'none'",
  ].join('; ');
}

/** Long enough for HSTS preload lists (two years), applied to every subdomain of the app's. */
export const HSTS_MAX_AGE_SECONDS = 63_072_000;

/** The policy headers, name → value (lower-case names). */
export function webSecurityHeaders(origins: WebOrigins): Readonly<Record<string, string>> {
  return {
    'content-security-policy': contentSecurityPolicy(origins),
    'strict-transport-security': `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains`,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    // No address of the app (which carries referral ids) ever leaves in a Referer header.
    'referrer-policy': 'no-referrer',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
}

/** index.html and config.json are checked on every load (a new deployment takes effect at once). */
export const CACHE_REVALIDATE = 'no-cache';
/** Fingerprinted files never change under their name. */
export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
