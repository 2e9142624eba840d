/**
 * The local stand-in for the Cognito user pool: one RSA key pair that signs ID tokens shaped like Cognito's
 * (`sub`, `cognito:groups`, `custom:site_id`, `token_use: id`). The key lives in `<dataDir>/local-jwt-key.json`
 * so the running server and `npm run token` agree; whoever needs it first creates it.
 */
import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  SignJWT,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
} from 'jose';
import * as z from 'zod/mini';
import type { Role } from '#auth/principal.js';

export const LOCAL_ISSUER = 'http://127.0.0.1/local-identity';
export const LOCAL_AUDIENCE = 'trial-match-local';
export const LOCAL_KEY_FILE = 'local-jwt-key.json';
export const LOCAL_TOKEN_ALGORITHM = 'RS256';
/** Long enough for a working day at the local API, short enough that a leaked token goes stale. */
export const DEFAULT_TOKEN_LIFETIME = '8h';

export interface MintTokenInput {
  readonly role: Role;
  readonly sub: string;
  /** Required for coordinators (the site they act for); physicians have none. */
  readonly siteId?: string;
  /** Seconds, or a duration such as `30m`, `8h`, `2d`. Negative seconds mint an already expired token (tests). */
  readonly expiresIn?: number | string;
  /** When the token is issued; defaults to now. */
  readonly issuedAt?: Date;
  /** An OpenID Connect sign-in's nonce, echoed in the token (a stand-in identity provider answering the web app). */
  readonly nonce?: string;
}

export interface LocalIdentity {
  readonly issuer: string;
  readonly audience: string;
  /** The public key, as the JWKS Cognito publishes at `/.well-known/jwks.json`. */
  readonly jwks: JSONWebKeySet;
  mintToken(input: MintTokenInput): Promise<string>;
}

/** Thrown for a mint request that would give a token the API must refuse anyway. */
export class InvalidTokenRequestError extends Error {
  override name = 'InvalidTokenRequestError';
}

const ROLES: readonly Role[] = ['physician', 'coordinator'];
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const;

const StoredKey = z.looseObject({
  kty: z.literal('RSA'),
  kid: z.string().check(z.minLength(1)),
  n: z.string(),
  e: z.string(),
  d: z.string(),
  p: z.string(),
  q: z.string(),
  dp: z.string(),
  dq: z.string(),
  qi: z.string(),
});

const DURATION = /^(\d+)\s*(s|m|h|d)$/;
const UNIT_SECONDS = { s: 1, m: 60, h: 3_600, d: 86_400 } as const;

/** A lifetime in seconds from a number of seconds or a `<n><s|m|h|d>` duration. */
export function lifetimeSeconds(expiresIn: number | string): number {
  if (typeof expiresIn === 'number') {
    if (!Number.isFinite(expiresIn)) throw new InvalidTokenRequestError('expiresIn must be a finite number of seconds');
    return Math.trunc(expiresIn);
  }
  const match = DURATION.exec(expiresIn.trim());
  if (!match) throw new InvalidTokenRequestError(`expiresIn "${expiresIn}" is not a duration like 30m, 8h or 2d`);
  return Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
}

function checkRequest(input: MintTokenInput): void {
  if (!ROLES.includes(input.role)) throw new InvalidTokenRequestError(`role must be one of ${ROLES.join(', ')}`);
  if (input.sub.trim().length === 0) throw new InvalidTokenRequestError('sub must not be empty');
  if (input.role === 'coordinator' && (input.siteId === undefined || input.siteId.trim().length === 0)) {
    throw new InvalidTokenRequestError('a coordinator token needs the site the coordinator belongs to');
  }
  if (input.role === 'physician' && input.siteId !== undefined) {
    throw new InvalidTokenRequestError('physicians do not belong to a site; leave the site out');
  }
}

function publicPart(privateJwk: JWK): JWK {
  const publicMembers = Object.entries(privateJwk).filter(([member]) => !(PRIVATE_MEMBERS as readonly string[]).includes(member));
  return { ...(Object.fromEntries(publicMembers) as JWK), use: 'sig', alg: LOCAL_TOKEN_ALGORITHM };
}

async function identityFromPrivateJwk(privateJwk: JWK & { kid: string }): Promise<LocalIdentity> {
  const signingKey = (await importJWK({ ...privateJwk, alg: LOCAL_TOKEN_ALGORITHM }, LOCAL_TOKEN_ALGORITHM)) as CryptoKey;
  const jwks: JSONWebKeySet = { keys: [publicPart(privateJwk)] };
  return {
    issuer: LOCAL_ISSUER,
    audience: LOCAL_AUDIENCE,
    jwks,
    async mintToken(input) {
      checkRequest(input);
      const issuedAt = Math.floor((input.issuedAt ?? new Date()).getTime() / 1000);
      const expiresAt = issuedAt + lifetimeSeconds(input.expiresIn ?? DEFAULT_TOKEN_LIFETIME);
      return new SignJWT({
        'cognito:groups': [input.role],
        'cognito:username': input.sub,
        token_use: 'id',
        auth_time: issuedAt,
        ...(input.siteId === undefined ? {} : { 'custom:site_id': input.siteId }),
        ...(input.nonce === undefined ? {} : { nonce: input.nonce }),
      })
        .setProtectedHeader({ alg: LOCAL_TOKEN_ALGORITHM, kid: privateJwk.kid, typ: 'JWT' })
        .setSubject(input.sub)
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt(issuedAt)
        .setExpirationTime(expiresAt)
        .setJti(randomUUID())
        .sign(signingKey);
    },
  };
}

async function newPrivateJwk(): Promise<JWK & { kid: string }> {
  const { privateKey } = await generateKeyPair(LOCAL_TOKEN_ALGORITHM, { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(publicPart(jwk)) };
}

/** A key pair that lives only in this process: for in-memory stacks and tests (e.g. a forger's key). */
export async function ephemeralIdentity(): Promise<LocalIdentity> {
  return identityFromPrivateJwk(await newPrivateJwk());
}

async function readKeyFile(path: string): Promise<JWK & { kid: string }> {
  const parsed = StoredKey.safeParse(JSON.parse(await readFile(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path} is not a local RSA signing key; delete it to create a new one`);
  return parsed.data;
}

/**
 * The persisted identity of `dataDir`, created on first use. The key is written to a private temporary file and
 * then hard-linked into place: the link fails if another process got there first, and then both use that key,
 * and nobody can ever read a half-written file.
 */
export async function localIdentity(dataDir: string): Promise<LocalIdentity> {
  const path = join(dataDir, LOCAL_KEY_FILE);
  try {
    return await identityFromPrivateJwk(await readKeyFile(path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const temporary = join(dataDir, `.${LOCAL_KEY_FILE}.${process.pid}.${randomUUID()}`);
  await writeFile(temporary, `${JSON.stringify(await newPrivateJwk())}\n`, { flag: 'wx', mode: 0o600 });
  try {
    await link(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(temporary);
  }
  return identityFromPrivateJwk(await readKeyFile(path));
}
