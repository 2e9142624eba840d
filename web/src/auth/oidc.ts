/**
 * OpenID Connect sign-in for a browser app: the authorization code flow with PKCE (RFC 7636, OAuth 2.0 for
 * Browser-Based Apps), against Cognito's hosted UI or the OIDC provider a China deployment names.
 *
 * Tokens live in memory only. What must survive the redirect to the provider and back (state, nonce, the PKCE
 * verifier: none of them a token, none of them patient data) is kept in sessionStorage for that round trip and
 * removed as soon as the provider answers. The ID token comes straight from the token endpoint over TLS, which
 * OIDC Core §3.1.3.7 accepts in place of checking its signature here; its issuer, audience, expiry and nonce are
 * checked, and the API's authorizer checks the signature on every call.
 */
import { codeChallenge, randomToken } from './pkce.js';

export interface OidcSettings {
  readonly issuer: string;
  readonly clientId: string;
  readonly scope: string;
  /** Where the provider sends the browser back: the app's own address. */
  readonly redirectUri: string;
  /** Given when the provider has no discovery document, or to save the request. */
  readonly authorizationEndpoint?: string;
  readonly tokenEndpoint?: string;
  readonly endSessionEndpoint?: string;
}

export interface OidcEndpoints {
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly endSessionEndpoint?: string;
}

/** What the app keeps across the redirect, and checks on the way back. */
export interface LoginTransaction {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

export interface TokenSet {
  readonly idToken: string;
  readonly refreshToken?: string;
  /** Seconds since the epoch. */
  readonly expiresAt: number;
  readonly claims: Readonly<Record<string, unknown>>;
}

export class SignInError extends Error {
  override name = 'SignInError';
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export async function discoverEndpoints(settings: OidcSettings, fetcher: Fetch = fetch): Promise<OidcEndpoints> {
  if (settings.authorizationEndpoint && settings.tokenEndpoint) {
    return {
      authorizationEndpoint: settings.authorizationEndpoint,
      tokenEndpoint: settings.tokenEndpoint,
      ...(settings.endSessionEndpoint ? { endSessionEndpoint: settings.endSessionEndpoint } : {}),
    };
  }
  const response = await fetcher(`${settings.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw new SignInError(`the identity provider's discovery document answered ${response.status}`);
  const document = (await response.json()) as Record<string, unknown>;
  if (document['issuer'] !== settings.issuer) throw new SignInError('the discovery document names another issuer');
  const authorization = document['authorization_endpoint'];
  const token = document['token_endpoint'];
  const endSession = document['end_session_endpoint'];
  if (typeof authorization !== 'string' || typeof token !== 'string') throw new SignInError('the discovery document has no endpoints');
  return { authorizationEndpoint: authorization, tokenEndpoint: token, ...(typeof endSession === 'string' ? { endSessionEndpoint: endSession } : {}) };
}

/** The address to send the browser to, and the transaction to keep until it comes back. */
export async function authorizationRequest(
  settings: OidcSettings,
  endpoints: OidcEndpoints,
  locale: string,
): Promise<{ readonly url: string; readonly transaction: LoginTransaction }> {
  const transaction: LoginTransaction = { state: randomToken(), nonce: randomToken(), codeVerifier: randomToken(48) };
  const url = new URL(endpoints.authorizationEndpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', settings.clientId);
  url.searchParams.set('redirect_uri', settings.redirectUri);
  url.searchParams.set('scope', settings.scope);
  url.searchParams.set('state', transaction.state);
  url.searchParams.set('nonce', transaction.nonce);
  url.searchParams.set('code_challenge', await codeChallenge(transaction.codeVerifier));
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('ui_locales', locale);
  return { url: url.toString(), transaction };
}

/** The code from the provider's answer, after checking it answers our request (state). */
export function authorizationCode(callback: URL, transaction: LoginTransaction): string {
  const error = callback.searchParams.get('error');
  if (error !== null) throw new SignInError(`the identity provider refused: ${error}`);
  if (callback.searchParams.get('state') !== transaction.state) throw new SignInError('the answer does not belong to this sign-in (state)');
  const code = callback.searchParams.get('code');
  if (code === null || code === '') throw new SignInError('the identity provider sent no code');
  return code;
}

function base64urlDecode(segment: string): string {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(segment.length / 4) * 4, '=');
  const binary = atob(base64);
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** The claims of a JWT, unverified (see the module comment for why that is enough here). */
export function decodeJwtClaims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1];
  if (payload === undefined) throw new SignInError('the ID token is not a JWT');
  const claims: unknown = JSON.parse(base64urlDecode(payload));
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) throw new SignInError('the ID token has no claims');
  return claims as Record<string, unknown>;
}

/** OIDC Core §3.1.3.7: issuer, audience, expiry, and (on sign-in) the nonce we sent. */
export function checkIdToken(
  idToken: string,
  expected: { readonly issuer: string; readonly clientId: string; readonly nonce?: string; readonly now: number },
): Record<string, unknown> {
  const claims = decodeJwtClaims(idToken);
  if (claims['iss'] !== expected.issuer) throw new SignInError('the ID token was issued by someone else');
  const audience = claims['aud'];
  const audiences = Array.isArray(audience) ? audience : [audience];
  if (!audiences.includes(expected.clientId)) throw new SignInError('the ID token is for another application');
  const exp = claims['exp'];
  if (typeof exp !== 'number' || exp <= expected.now) throw new SignInError('the ID token has expired');
  if (expected.nonce !== undefined && claims['nonce'] !== expected.nonce) throw new SignInError('the ID token does not answer this sign-in (nonce)');
  return claims;
}

async function tokenRequest(
  endpoints: OidcEndpoints,
  body: URLSearchParams,
  fetcher: Fetch,
): Promise<{ id_token?: unknown; refresh_token?: unknown }> {
  const response = await fetcher(endpoints.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
    credentials: 'omit',
  });
  if (!response.ok) throw new SignInError(`the token endpoint answered ${response.status}`);
  return (await response.json()) as { id_token?: unknown; refresh_token?: unknown };
}

function tokenSet(
  reply: { id_token?: unknown; refresh_token?: unknown },
  settings: OidcSettings,
  now: number,
  nonce: string | undefined,
  previousRefreshToken?: string,
): TokenSet {
  if (typeof reply.id_token !== 'string') throw new SignInError('the token endpoint sent no ID token');
  const claims = checkIdToken(reply.id_token, { issuer: settings.issuer, clientId: settings.clientId, now, ...(nonce === undefined ? {} : { nonce }) });
  const refreshToken = typeof reply.refresh_token === 'string' ? reply.refresh_token : previousRefreshToken;
  return { idToken: reply.id_token, claims, expiresAt: claims['exp'] as number, ...(refreshToken === undefined ? {} : { refreshToken }) };
}

export async function exchangeCode(
  settings: OidcSettings,
  endpoints: OidcEndpoints,
  code: string,
  transaction: LoginTransaction,
  fetcher: Fetch = fetch,
  now = Math.floor(Date.now() / 1000),
): Promise<TokenSet> {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: settings.redirectUri,
    client_id: settings.clientId,
    code_verifier: transaction.codeVerifier,
  });
  return tokenSet(await tokenRequest(endpoints, body, fetcher), settings, now, transaction.nonce);
}

/** A new ID token before the current one expires, so a long form is never lost to a redirect. */
export async function refreshTokens(
  settings: OidcSettings,
  endpoints: OidcEndpoints,
  refreshToken: string,
  fetcher: Fetch = fetch,
  now = Math.floor(Date.now() / 1000),
): Promise<TokenSet> {
  const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: settings.clientId });
  return tokenSet(await tokenRequest(endpoints, body, fetcher), settings, now, undefined, refreshToken);
}

/** Where to send the browser to end the provider's session too (Cognito's /logout takes its own parameters). */
export function logoutUrl(settings: OidcSettings, endpoints: OidcEndpoints, idToken: string | undefined): string | undefined {
  if (!endpoints.endSessionEndpoint) return undefined;
  const url = new URL(endpoints.endSessionEndpoint);
  if (url.pathname.endsWith('/logout')) {
    url.searchParams.set('client_id', settings.clientId);
    url.searchParams.set('logout_uri', settings.redirectUri);
  } else {
    url.searchParams.set('post_logout_redirect_uri', settings.redirectUri);
    if (idToken) url.searchParams.set('id_token_hint', idToken);
    url.searchParams.set('client_id', settings.clientId);
  }
  return url.toString();
}
