/**
 * The web app on the local stack: its files (built into memory at start), the config that says "local sign-in,
 * API on this origin", and the two routes only the local stack has: the list of local identities and a token for
 * one of them. They live here, never in the route table CDK deploys (shared/http/routes.ts). Every file carries the
 * security headers CloudFront adds in AWS (web/security-headers.ts).
 */
import { buildWebApp, type WebBuild } from '#web/build/build-web-app.js';
import { CACHE_REVALIDATE, webSecurityHeaders } from '#web/security-headers.js';
import type { HttpReply } from './api-gateway-event.js';
import type { LocalIdentity } from './local-identity.js';
import { LOCAL_WEB_IDENTITIES } from './local-web-identities.js';

export interface LocalWebRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

export type LocalWebHandler = (request: LocalWebRequest) => Promise<HttpReply>;

export interface LocalWebApp {
  readonly build: WebBuild;
  /** The handler for a request the web app serves, or undefined (then it is the API's). */
  match(method: string, path: string): LocalWebHandler | undefined;
}

export interface LocalWebAppOptions {
  readonly identity: Pick<LocalIdentity, 'mintToken'>;
  /** How often the coordinator's pages refresh. */
  readonly pollIntervalMs?: number;
  /**
   * Sign in with an OpenID Connect provider instead of the local identities (the `auth` of config.json, as the CDK
   * app writes it): for trying the app against a development identity provider, and for the browser test of the
   * authorization code flow with PKCE. The provider's origins are added to the CSP's connect-src.
   */
  readonly oidc?: { readonly issuer: string; readonly clientId: string; readonly authorizationEndpoint?: string; readonly tokenEndpoint?: string; readonly endSessionEndpoint?: string };
}

export const LOCAL_POLL_INTERVAL_MS = 5_000;

function reply(statusCode: number, contentType: string, body: Buffer | string, extra: Record<string, string> = {}, headers = webSecurityHeaders({ connect: [] })): HttpReply {
  return {
    statusCode,
    headers: { ...headers, 'content-type': contentType, ...extra },
    cookies: [],
    body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
  };
}

const json = (statusCode: number, value: unknown): HttpReply =>
  reply(statusCode, 'application/json', JSON.stringify(value), { 'cache-control': 'no-store' });

const problem = (statusCode: number, title: string, detail: string): HttpReply =>
  reply(statusCode, 'application/problem+json', JSON.stringify({ type: 'about:blank', title, status: statusCode, detail }), {
    'cache-control': 'no-store',
  });

const header = (request: LocalWebRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

export async function createLocalWebApp(options: LocalWebAppOptions): Promise<LocalWebApp> {
  const build = await buildWebApp();
  const { oidc } = options;
  const auth = oidc ? { kind: 'oidc', scope: 'openid', ...oidc } : { kind: 'local' };
  const config = JSON.stringify({ apiBaseUrl: '', auth, pollIntervalMs: options.pollIntervalMs ?? LOCAL_POLL_INTERVAL_MS });
  const providerOrigins = oidc
    ? [...new Set([oidc.issuer, oidc.authorizationEndpoint, oidc.tokenEndpoint].filter((url): url is string => url !== undefined).map((url) => new URL(url).origin))]
    : [];
  const headers = webSecurityHeaders({ connect: providerOrigins });

  const file: LocalWebHandler = async (request) => {
    const entry = build.files.get(request.path === '/' ? '/index.html' : request.path);
    if (!entry) return problem(404, 'Not found', 'no such file of the web app');
    return reply(200, entry.contentType, entry.body, { 'cache-control': entry.cacheControl }, headers);
  };

  const identities: LocalWebHandler = async () => json(200, LOCAL_WEB_IDENTITIES);

  const token: LocalWebHandler = async (request) => {
    if ((header(request, 'content-type') ?? '').split(';')[0]?.trim() !== 'application/json') {
      return problem(415, 'Unsupported content type', 'send {"id": "<identity>"} as application/json');
    }
    // A page of another origin may send this request but can never read the answer (no CORS); refuse it anyway.
    const origin = header(request, 'origin');
    const host = header(request, 'host');
    if (origin !== undefined && host !== undefined && origin !== `http://${host}`) {
      return problem(403, 'Not allowed', 'local tokens are given to the web app of this origin only');
    }
    let id: unknown;
    try {
      id = (JSON.parse(request.body.toString('utf8')) as { id?: unknown }).id;
    } catch {
      return problem(400, 'The request is malformed', 'the body is not JSON');
    }
    const identity = LOCAL_WEB_IDENTITIES.find((candidate) => candidate.id === id);
    if (!identity) return problem(404, 'Not found', 'no local identity has that id');
    const minted = await options.identity.mintToken({
      role: identity.role,
      sub: identity.id,
      ...(identity.siteId === undefined ? {} : { siteId: identity.siteId }),
    });
    return json(200, { token: minted });
  };

  return {
    build,
    match(method, path) {
      if (method === 'GET' && (path === '/' || path === '/index.html' || path.startsWith('/assets/'))) return file;
      if (method === 'GET' && path === '/config.json') {
        return async () => reply(200, 'application/json', config, { 'cache-control': CACHE_REVALIDATE });
      }
      if (method === 'GET' && path === '/local/identities') return identities;
      if (method === 'POST' && path === '/local/token') return token;
      return undefined;
    },
  };
}
