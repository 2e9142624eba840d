/**
 * A stand-in for the identity provider the web app signs in with in AWS (Cognito's hosted UI, or a China
 * deployment's OIDC provider), which cannot run here. It keeps the contract the app relies on: the authorization
 * endpoint answers with a code and the state, the token endpoint accepts the code once, for the same client and
 * redirect URI, only with the verifier whose S256 challenge was sent (RFC 7636), and answers with an ID token that
 * echoes the nonce. Tokens are minted by the local stack's identity, so the local API accepts them.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AuthorizationSeen {
  readonly parameters: Readonly<Record<string, string>>;
}

export interface TokenExchangeSeen {
  readonly parameters: Readonly<Record<string, string>>;
  readonly status: number;
}

export interface FakeOidcProvider {
  readonly origin: string;
  readonly authorizations: readonly AuthorizationSeen[];
  readonly exchanges: readonly TokenExchangeSeen[];
  close(): Promise<void>;
}

const base64url = (bytes: Buffer) => bytes.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeOidcProvider(options: {
  readonly clientId: string;
  readonly mint: (nonce: string) => Promise<string>;
}): Promise<FakeOidcProvider> {
  const authorizations: AuthorizationSeen[] = [];
  const exchanges: TokenExchangeSeen[] = [];
  const codes = new Map<string, { challenge: string; nonce: string; redirectUri: string }>();

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://provider');
    if (request.method === 'GET' && url.pathname === '/authorize') {
      const parameters = Object.fromEntries(url.searchParams);
      authorizations.push({ parameters });
      const { client_id, redirect_uri, state = '', nonce = '', code_challenge = '', code_challenge_method, response_type } = parameters;
      if (client_id !== options.clientId || response_type !== 'code' || code_challenge_method !== 'S256' || !redirect_uri) {
        response.writeHead(400).end('bad authorization request');
        return;
      }
      const code = randomUUID();
      codes.set(code, { challenge: code_challenge, nonce, redirectUri: redirect_uri });
      const back = new URL(redirect_uri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', state);
      response.writeHead(302, { location: back.toString() }).end();
      return;
    }
    if (request.method === 'POST' && url.pathname === '/token') {
      void body(request).then(async (text) => {
        const parameters = Object.fromEntries(new URLSearchParams(text));
        const issued = codes.get(parameters['code'] ?? '');
        codes.delete(parameters['code'] ?? '');
        const verifier = parameters['code_verifier'] ?? '';
        const ok =
          issued !== undefined &&
          parameters['grant_type'] === 'authorization_code' &&
          parameters['client_id'] === options.clientId &&
          parameters['redirect_uri'] === issued.redirectUri &&
          base64url(createHash('sha256').update(verifier).digest()) === issued.challenge;
        exchanges.push({ parameters, status: ok ? 200 : 400 });
        const headers = { 'content-type': 'application/json', 'access-control-allow-origin': '*', 'cache-control': 'no-store' };
        if (!ok || !issued) {
          response.writeHead(400, headers).end('{"error":"invalid_grant"}');
          return;
        }
        response.writeHead(200, headers).end(JSON.stringify({ id_token: await options.mint(issued.nonce), token_type: 'Bearer', expires_in: 3600 }));
      });
      return;
    }
    if (request.method === 'GET' && url.pathname === '/logout') {
      // Cognito's /logout names the way back logout_uri; OIDC RP-initiated logout, post_logout_redirect_uri.
      const back = url.searchParams.get('logout_uri') ?? url.searchParams.get('post_logout_redirect_uri');
      if (back === null) response.writeHead(400).end('no way back');
      else response.writeHead(302, { location: back }).end();
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    authorizations,
    exchanges,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
