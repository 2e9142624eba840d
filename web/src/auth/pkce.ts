/**
 * Proof Key for Code Exchange (RFC 7636) with WebCrypto: the browser proves that the code it exchanges is the one
 * it asked for, without a client secret (a web page cannot keep one). Only S256 is used; `plain` never.
 */

const UNRESERVED = /^[A-Za-z0-9\-._~]{43,128}$/;

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A random value of `byteLength` bytes, base64url: 32 bytes give the 43-character verifier RFC 7636 recommends. */
export function randomToken(byteLength = 32, random: Pick<typeof globalThis.crypto, 'getRandomValues'> = globalThis.crypto): string {
  return base64url(random.getRandomValues(new Uint8Array(byteLength)));
}

/** RFC 7636 §4.1: 43 to 128 characters from the unreserved set. */
export function isCodeVerifier(value: string): boolean {
  return UNRESERVED.test(value);
}

/** RFC 7636 §4.2, S256: BASE64URL(SHA-256(ASCII(code_verifier))). */
export async function codeChallenge(verifier: string, subtle: typeof globalThis.crypto.subtle = globalThis.crypto.subtle): Promise<string> {
  if (!isCodeVerifier(verifier)) throw new RangeError('a code verifier is 43 to 128 unreserved characters');
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}
