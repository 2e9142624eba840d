/** PKCE and the OIDC pieces of the web app's sign-in, with WebCrypto as the browser has it (Node's is the same API). */
import { describe, expect, it } from 'vitest';
import {
  authorizationCode,
  authorizationRequest,
  checkIdToken,
  discoverEndpoints,
  exchangeCode,
  logoutUrl,
  refreshTokens,
  SignInError,
  type OidcEndpoints,
  type OidcSettings,
} from '#web/src/auth/oidc.js';
import { base64url, codeChallenge, isCodeVerifier, randomToken } from '#web/src/auth/pkce.js';

const SETTINGS: OidcSettings = {
  issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_TEST',
  clientId: 'web-client',
  scope: 'openid email profile',
  redirectUri: 'https://app.example.org/',
};
const ENDPOINTS: OidcEndpoints = {
  authorizationEndpoint: 'https://trial-match.auth.us-east-1.amazoncognito.com/oauth2/authorize',
  tokenEndpoint: 'https://trial-match.auth.us-east-1.amazoncognito.com/oauth2/token',
  endSessionEndpoint: 'https://trial-match.auth.us-east-1.amazoncognito.com/logout',
};
const NOW = 1_800_000_000;

const jwt = (claims: Record<string, unknown>) =>
  `${base64url(new TextEncoder().encode('{"alg":"RS256"}'))}.${base64url(new TextEncoder().encode(JSON.stringify(claims)))}.signature`;

describe('PKCE (RFC 7636)', () => {
  it('computes the S256 challenge of the RFC’s example verifier (appendix B)', async () => {
    expect(await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes verifiers of 43 unreserved characters from 32 random bytes, different every time', () => {
    const verifiers = new Set(Array.from({ length: 50 }, () => randomToken()));
    expect(verifiers.size).toBe(50);
    for (const verifier of verifiers) {
      expect(verifier).toHaveLength(43);
      expect(isCodeVerifier(verifier)).toBe(true);
    }
    expect(randomToken(48)).toHaveLength(64);
  });

  it('refuses a verifier outside 43-128 unreserved characters', async () => {
    expect(isCodeVerifier('short')).toBe(false);
    expect(isCodeVerifier('a'.repeat(129))).toBe(false);
    expect(isCodeVerifier(`${'a'.repeat(42)}+`)).toBe(false);
    await expect(codeChallenge('too-short')).rejects.toThrow(RangeError);
  });

  it('encodes base64url without padding or + and /', () => {
    expect(base64url(new Uint8Array([251, 255, 191]))).toBe('-_-_');
    expect(base64url(new Uint8Array([1]))).toBe('AQ');
  });
});

describe('the authorization request', () => {
  it('asks for a code with an S256 challenge of the verifier it keeps, a state and a nonce', async () => {
    const { url, transaction } = await authorizationRequest(SETTINGS, ENDPOINTS, 'zh-CN');
    const request = new URL(url);
    expect(request.origin + request.pathname).toBe(ENDPOINTS.authorizationEndpoint);
    const parameters = Object.fromEntries(request.searchParams);
    expect(parameters).toMatchObject({
      response_type: 'code',
      client_id: 'web-client',
      redirect_uri: 'https://app.example.org/',
      scope: 'openid email profile',
      code_challenge_method: 'S256',
      state: transaction.state,
      nonce: transaction.nonce,
      ui_locales: 'zh-CN',
    });
    expect(parameters['code_challenge']).toBe(await codeChallenge(transaction.codeVerifier));
    // The verifier itself never travels in the address.
    expect(url).not.toContain(transaction.codeVerifier);
  });

  it('takes the code only from an answer to this request (state), and reports a refusal', () => {
    const transaction = { state: 'expected-state', nonce: 'n', codeVerifier: 'v'.repeat(43) };
    expect(authorizationCode(new URL('https://app.example.org/?code=abc&state=expected-state'), transaction)).toBe('abc');
    expect(() => authorizationCode(new URL('https://app.example.org/?code=abc&state=forged'), transaction)).toThrow(SignInError);
    expect(() => authorizationCode(new URL('https://app.example.org/?error=access_denied&state=expected-state'), transaction)).toThrow(/access_denied/);
    expect(() => authorizationCode(new URL('https://app.example.org/?state=expected-state'), transaction)).toThrow(/no code/);
  });
});

describe('the ID token', () => {
  const good = { iss: SETTINGS.issuer, aud: 'web-client', exp: NOW + 3600, nonce: 'n-1', sub: 'u-1' };

  it('is accepted from the right issuer, for this client, unexpired, answering our nonce', () => {
    expect(checkIdToken(jwt(good), { issuer: SETTINGS.issuer, clientId: 'web-client', nonce: 'n-1', now: NOW })).toMatchObject({ sub: 'u-1' });
  });

  it.each([
    ['another issuer', { iss: 'https://evil.example' }, /issued by someone else/],
    ['another audience', { aud: 'other-client' }, /another application/],
    ['expiry passed', { exp: NOW - 1 }, /expired/],
    ['another nonce', { nonce: 'replayed' }, /nonce/],
  ])('is refused with %s', (_name, change, message) => {
    expect(() => checkIdToken(jwt({ ...good, ...change }), { issuer: SETTINGS.issuer, clientId: 'web-client', nonce: 'n-1', now: NOW })).toThrow(message);
  });
});

describe('the token endpoint', () => {
  it('exchanges the code with the verifier (no secret) and keeps the refresh token in the result', async () => {
    const sent: { url: string; body: URLSearchParams }[] = [];
    const fetcher = async (url: string, init?: RequestInit) => {
      sent.push({ url, body: init?.body as URLSearchParams });
      return new Response(JSON.stringify({ id_token: jwt({ iss: SETTINGS.issuer, aud: 'web-client', exp: NOW + 3600, nonce: 'n-2' }), refresh_token: 'r-1' }), { status: 200 });
    };
    const tokens = await exchangeCode(SETTINGS, ENDPOINTS, 'the-code', { state: 's', nonce: 'n-2', codeVerifier: 'v'.repeat(43) }, fetcher, NOW);
    expect(tokens.refreshToken).toBe('r-1');
    expect(tokens.expiresAt).toBe(NOW + 3600);
    expect(sent[0]?.url).toBe(ENDPOINTS.tokenEndpoint);
    expect(Object.fromEntries(sent[0]?.body ?? [])).toEqual({
      grant_type: 'authorization_code',
      code: 'the-code',
      redirect_uri: 'https://app.example.org/',
      client_id: 'web-client',
      code_verifier: 'v'.repeat(43),
    });
  });

  it('refreshes without a nonce and keeps the refresh token when the provider sends none back', async () => {
    const fetcher = async () => new Response(JSON.stringify({ id_token: jwt({ iss: SETTINGS.issuer, aud: 'web-client', exp: NOW + 7200 }) }), { status: 200 });
    const tokens = await refreshTokens(SETTINGS, ENDPOINTS, 'r-1', fetcher, NOW);
    expect(tokens.refreshToken).toBe('r-1');
    expect(tokens.expiresAt).toBe(NOW + 7200);
  });

  it('fails clearly when the provider refuses', async () => {
    const fetcher = async () => new Response('{"error":"invalid_grant"}', { status: 400 });
    await expect(exchangeCode(SETTINGS, ENDPOINTS, 'c', { state: 's', nonce: 'n', codeVerifier: 'v'.repeat(43) }, fetcher, NOW)).rejects.toThrow(/400/);
  });
});

describe('discovery and sign-out', () => {
  it('reads the endpoints from the issuer’s discovery document, checking it is the issuer’s', async () => {
    const fetcher = async (url: string) => {
      expect(url).toBe('https://idp.example.cn/realms/trial-match/.well-known/openid-configuration');
      return new Response(
        JSON.stringify({
          issuer: 'https://idp.example.cn/realms/trial-match',
          authorization_endpoint: 'https://idp.example.cn/auth',
          token_endpoint: 'https://idp.example.cn/token',
          end_session_endpoint: 'https://idp.example.cn/logout-oidc',
        }),
      );
    };
    const settings = { ...SETTINGS, issuer: 'https://idp.example.cn/realms/trial-match' };
    expect(await discoverEndpoints(settings, fetcher)).toEqual({
      authorizationEndpoint: 'https://idp.example.cn/auth',
      tokenEndpoint: 'https://idp.example.cn/token',
      endSessionEndpoint: 'https://idp.example.cn/logout-oidc',
    });
    await expect(discoverEndpoints(settings, async () => new Response(JSON.stringify({ issuer: 'https://other' })))).rejects.toThrow(/another issuer/);
  });

  it('uses configured endpoints without asking (Cognito’s hosted UI)', async () => {
    const settings = { ...SETTINGS, authorizationEndpoint: 'https://a.example/authorize', tokenEndpoint: 'https://a.example/token' };
    expect(await discoverEndpoints(settings, async () => Promise.reject(new Error('no request expected')))).toEqual({
      authorizationEndpoint: 'https://a.example/authorize',
      tokenEndpoint: 'https://a.example/token',
    });
  });

  it('signs out of Cognito with its own parameters, and of other providers the OIDC way', () => {
    expect(logoutUrl(SETTINGS, ENDPOINTS, 'id-token')).toBe(
      'https://trial-match.auth.us-east-1.amazoncognito.com/logout?client_id=web-client&logout_uri=https%3A%2F%2Fapp.example.org%2F',
    );
    const oidc = logoutUrl(SETTINGS, { ...ENDPOINTS, endSessionEndpoint: 'https://idp.example.cn/end-session' }, 'id-token');
    expect(Object.fromEntries(new URL(oidc ?? '').searchParams)).toEqual({
      post_logout_redirect_uri: 'https://app.example.org/',
      id_token_hint: 'id-token',
      client_id: 'web-client',
    });
  });
});
