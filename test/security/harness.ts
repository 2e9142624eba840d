/**
 * Shared pieces of the proof suites (fuzzing, authorization, faults, logs): the local stack with a persisted key
 * so the tests can also sign bad tokens with the right key, a raw HTTP client that sends exactly the bytes it is
 * given, and a snapshot of the table to show what a request changed.
 */
import { Agent, request } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { SignJWT, importJWK, type JWK } from 'jose';
import { expect } from 'vitest';
import { ephemeralIdentity, LOCAL_AUDIENCE, LOCAL_ISSUER, LOCAL_KEY_FILE } from '#local/local-identity.js';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '#local/local-stack.js';

export const SITE = 'hebei-yanda-ludaopei';
export const OTHER_SITE = 'another-site';
export const TRIAL = 'NCT05212584';

export interface Tokens {
  readonly owner: string;
  readonly otherPhysician: string;
  readonly coordinator: string;
  readonly otherSiteCoordinator: string;
  readonly expired: string;
  readonly forged: string;
  readonly wrongAudience: string;
  readonly algNone: string;
  readonly noRole: string;
}

export interface ProofStack {
  readonly stack: LocalStack;
  readonly tokens: Tokens;
  stop(): Promise<void>;
}

async function signWithStackKey(dataDir: string, claims: Record<string, unknown>, audience: string, expiresAt: number): Promise<string> {
  const jwk = JSON.parse(await readFile(join(dataDir, LOCAL_KEY_FILE), 'utf8')) as JWK & { kid: string };
  const key = await importJWK({ ...jwk, alg: 'RS256' }, 'RS256');
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: jwk.kid })
    .setIssuer(LOCAL_ISSUER)
    .setAudience(audience)
    .setIssuedAt(expiresAt - 3600)
    .setExpirationTime(expiresAt)
    .sign(key);
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export async function startProofStack(options: LocalStackOptions = {}): Promise<ProofStack> {
  const dataDir = await mkdtemp(join(tmpdir(), 'trial-match-proof-'));
  const stack = await startLocalStack({ dataDir, port: 0, rescreenIntervalMs: false, quiet: !process.env['FUZZ_VERBOSE'], ...options });
  const now = Math.floor(Date.now() / 1000);
  const physicianClaims = { sub: 'dr-li', 'cognito:groups': ['physician'], token_use: 'id' };
  const forger = await ephemeralIdentity();
  const tokens: Tokens = {
    owner: await stack.mintToken({ role: 'physician', sub: 'dr-li' }),
    otherPhysician: await stack.mintToken({ role: 'physician', sub: 'dr-wang' }),
    coordinator: await stack.mintToken({ role: 'coordinator', sub: 'coord-zhang', siteId: SITE }),
    otherSiteCoordinator: await stack.mintToken({ role: 'coordinator', sub: 'coord-other', siteId: OTHER_SITE }),
    expired: await signWithStackKey(dataDir, physicianClaims, LOCAL_AUDIENCE, now - 600),
    forged: await forger.mintToken({ role: 'physician', sub: 'dr-li' }),
    wrongAudience: await signWithStackKey(dataDir, physicianClaims, 'some-other-app', now + 3600),
    algNone: `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...physicianClaims, iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, exp: now + 3600 })}.`,
    noRole: await signWithStackKey(dataDir, { sub: 'dr-nobody', token_use: 'id' }, LOCAL_AUDIENCE, now + 3600),
  };
  return {
    stack,
    tokens,
    stop: async () => {
      await stack.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface RawRequest {
  readonly method: string;
  /** Sent as is: may hold percent-encodings, traversal and odd query strings. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
}

export interface RawResponse {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

const MAX_SOCKETS = 4;
const agent = new Agent({ keepAlive: true, maxSockets: MAX_SOCKETS });

/**
 * One request, exactly as given. A kept-alive socket the server closed while idle (its keepAliveTimeout passed, as
 * it does between batches on a loaded machine) resets the next request sent on it (ECONNRESET, or EPIPE while a long
 * body is still being written) before the server read a byte:
 * Node's documented answer is to send it again (`request.reusedSocket`), and so does this. After a long pause every
 * idle socket may be stale, and the agent hands them out one by one, so a reset on a reused socket is retried until
 * the request goes out on a fresh one (at most one retry per socket the agent keeps); a reset on a fresh socket is
 * the server's doing and fails.
 */
export async function send(baseUrl: string, req: RawRequest): Promise<RawResponse> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await sendOnce(baseUrl, req);
    } catch (error) {
      if (!(error instanceof StaleSocketReset) || attempt > MAX_SOCKETS) throw error;
    }
  }
}

class StaleSocketReset extends Error {}

function sendOnce(baseUrl: string, req: RawRequest): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: url.hostname, port: url.port, method: req.method, path: req.path, headers: req.headers, agent },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            contentType: String(response.headers['content-type'] ?? ''),
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('error', (error: NodeJS.ErrnoException) =>
      reject(outgoing.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE') ? new StaleSocketReset(error.message) : error),
    );
    if (req.body !== undefined) outgoing.write(req.body);
    outgoing.end();
  });
}

/** Every 4xx is problem+json whose status matches; a 422 names its fields. Never a 5xx. */
export function expectWellFormedReply(req: RawRequest, res: RawResponse): void {
  const where = `${req.method} ${req.path.slice(0, 120)} → ${res.status} ${res.text.slice(0, 200)}`;
  expect(res.status, where).toBeGreaterThanOrEqual(200);
  expect(res.status, where).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.contentType, where).toContain('application/problem+json');
    // A HEAD reply has the headers of the GET reply and no body.
    if (req.method === 'HEAD') {
      expect(res.text, where).toBe('');
      return;
    }
    const problem = JSON.parse(res.text) as { status?: unknown; type?: unknown; title?: unknown; errors?: { field?: unknown }[] };
    expect(problem.status, where).toBe(res.status);
    expect(typeof problem.type, where).toBe('string');
    expect(typeof problem.title, where).toBe('string');
    if (res.status === 422) {
      expect(problem.errors?.length, where).toBeGreaterThan(0);
      for (const error of problem.errors ?? []) expect(typeof error.field, where).toBe('string');
    }
  }
}

export type TableSnapshot = ReadonlyMap<string, string>;

/** JSON with object keys sorted at every level, so equal items print equal. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** The whole table, item by item (key → canonical JSON). */
export async function snapshotTable(stack: LocalStack): Promise<TableSnapshot> {
  const items = new Map<string, string>();
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await stack.dynamodb.send(new ScanCommand({ TableName: stack.tableName, ExclusiveStartKey: start, ConsistentRead: true }));
    for (const item of page.Items ?? []) {
      const key = `${item['pk']?.S ?? ''}|${item['sk']?.S ?? ''}`;
      items.set(key, canonicalJson(item));
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Keys added, removed or changed between two snapshots. */
export function changedKeys(before: TableSnapshot, after: TableSnapshot): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((key) => before.get(key) !== after.get(key));
}
