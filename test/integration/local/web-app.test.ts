/**
 * The web app as the local stack serves it: every file with the security headers CloudFront adds in AWS, the
 * config for local sign-in, and the local-only token route, which no deployed route table has.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '#local/local-stack.js';
import { LOCAL_WEB_IDENTITIES } from '#local/local-web-identities.js';
import { ROUTES } from '#http/routes.js';
import { webSecurityHeaders } from '#web/security-headers.js';

let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocalStack({ inMemory: true, port: 0, quiet: true, rescreenIntervalMs: false, web: true });
});
afterAll(async () => {
  await stack?.stop();
});

describe('the web app on the local stack', () => {
  it('serves index.html and its fingerprinted files with the security headers and no inline code', async () => {
    const index = await fetch(`${stack.apiUrl}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    for (const [name, value] of Object.entries(webSecurityHeaders({ connect: [] }))) expect(index.headers.get(name), name).toBe(value);
    const html = await index.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(html).not.toMatch(/\sstyle=/);
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)" integrity="(sha384-[^"]+)"/g)];
    expect(assets).toHaveLength(2);
    for (const [, path] of assets) {
      const asset = await fetch(`${stack.apiUrl}${path}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('cache-control')).toContain('immutable');
      expect(asset.headers.get('content-security-policy')).toContain("script-src 'self'");
    }
    expect((await fetch(`${stack.apiUrl}/assets/nothing.js`)).status).toBe(404);
  });

  it('tells the app to sign in locally and call the API on its own origin', async () => {
    expect(await (await fetch(`${stack.apiUrl}/config.json`)).json()).toEqual({ apiBaseUrl: '', auth: { kind: 'local' }, pollIntervalMs: 5000 });
  });

  it('gives a token for a local identity, which the API then accepts', async () => {
    expect(await (await fetch(`${stack.apiUrl}/local/identities`)).json()).toEqual(LOCAL_WEB_IDENTITIES);
    const reply = await fetch(`${stack.apiUrl}/local/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id":"coord-wang"}' });
    const { token } = (await reply.json()) as { token: string };
    const inbox = await fetch(`${stack.apiUrl}/sites/hebei-yanda-ludaopei/candidates`, { headers: { authorization: `Bearer ${token}` } });
    expect(inbox.status).toBe(200);
  });

  it('refuses a token to another origin, an unknown identity and a non-JSON body', async () => {
    const post = (body: string, headers: Record<string, string>) => fetch(`${stack.apiUrl}/local/token`, { method: 'POST', headers, body });
    expect((await post('{"id":"dr-li"}', { 'content-type': 'application/json', origin: 'https://evil.example' })).status).toBe(403);
    expect((await post('{"id":"nobody"}', { 'content-type': 'application/json' })).status).toBe(404);
    expect((await post('id=dr-li', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
  });

  it('keeps its local routes out of the route table CDK deploys', () => {
    const paths = ROUTES.map((route) => route.path);
    for (const local of ['/', '/config.json', '/local/identities', '/local/token']) expect(paths).not.toContain(local);
  });
});
