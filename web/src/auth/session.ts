/**
 * Who is signed in, kept in memory only: a reload or a closed tab ends the session (the identity provider's own
 * session then signs the user in again in one redirect). Nothing here is ever written to storage or a URL.
 */
import { principalFromClaims, type Claims, type Principal } from '#auth/principal.js';
import { decodeJwtClaims } from './oidc.js';

export interface Session {
  readonly token: string;
  /** Seconds since the epoch. */
  readonly expiresAt: number;
  readonly principal: Principal;
  /** What the header shows: the user's name or e-mail from the token, else their id. */
  readonly displayName: string;
  readonly refreshToken?: string;
}

/** A session from an ID token, or undefined when the token names no user. */
export function sessionFromToken(token: string, refreshToken?: string): Session | undefined {
  const claims = decodeJwtClaims(token);
  const principal = principalFromClaims(claims as Claims);
  const exp = claims['exp'];
  if (!principal || typeof exp !== 'number') return undefined;
  const name = [claims['name'], claims['email'], claims['cognito:username']].find((value): value is string => typeof value === 'string' && value !== '');
  return { token, expiresAt: exp, principal, displayName: name ?? principal.sub, ...(refreshToken === undefined ? {} : { refreshToken }) };
}
