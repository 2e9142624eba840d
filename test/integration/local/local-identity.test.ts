/**
 * The local identity and `npm run token`: the key is created once and shared through the data directory, and a
 * token printed by the command (a real child process) is accepted by the local authorizer.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalAuthorizer } from '#local/local-authorizer.js';
import {
  InvalidTokenRequestError,
  LOCAL_AUDIENCE,
  LOCAL_ISSUER,
  LOCAL_KEY_FILE,
  localIdentity,
} from '#local/local-identity.js';
import { parseMintArgs, UsageError } from '#local/mint-token.js';
import { principalFromClaims } from '#auth/principal.js';

const run = promisify(execFile);
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'trial-match-identity-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function mintCommand(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'local/mint-token.ts', ...args], { cwd: process.cwd() });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('localIdentity', () => {
  it('creates one private key file, and every caller at once ends up with the same key', async () => {
    const dir = join(dataDir, 'race');
    const identities = await Promise.all(Array.from({ length: 6 }, () => localIdentity(dir)));
    const kids = new Set(identities.map((identity) => identity.jwks.keys[0]?.kid));
    expect(kids.size).toBe(1);
    expect(await readdir(dir)).toEqual([LOCAL_KEY_FILE]);
    expect((await stat(join(dir, LOCAL_KEY_FILE))).mode & 0o777).toBe(0o600);
    const again = await localIdentity(dir);
    expect(again.jwks).toEqual(identities[0]?.jwks);
    expect(JSON.stringify(again.jwks)).not.toMatch(/"d"|"p"|"q"/);
  });

  it('mints Cognito-shaped ID tokens for its issuer and audience', async () => {
    const identity = await localIdentity(join(dataDir, 'claims'));
    expect(identity.issuer).toBe(LOCAL_ISSUER);
    expect(identity.audience).toBe(LOCAL_AUDIENCE);
    const token = await identity.mintToken({ role: 'coordinator', sub: 'coord-wang', siteId: 'hebei-yanda-ludaopei', expiresIn: '30m' });
    const decision = await createLocalAuthorizer(identity).authorize(`Bearer ${token}`);
    if (!decision.ok) throw new Error(decision.reason);
    expect(Number(decision.claims['exp']) - Number(decision.claims['iat'])).toBe(1800);
    expect(principalFromClaims(decision.claims)).toEqual({ sub: 'coord-wang', roles: ['coordinator'], siteId: 'hebei-yanda-ludaopei' });
  });

  it('refuses requests for tokens the API would refuse', async () => {
    const identity = await localIdentity(join(dataDir, 'claims'));
    await expect(identity.mintToken({ role: 'coordinator', sub: 'c' })).rejects.toThrow(InvalidTokenRequestError);
    await expect(identity.mintToken({ role: 'physician', sub: ' ' })).rejects.toThrow(InvalidTokenRequestError);
    await expect(identity.mintToken({ role: 'physician', sub: 'dr', siteId: 'x' })).rejects.toThrow(InvalidTokenRequestError);
    await expect(identity.mintToken({ role: 'physician', sub: 'dr', expiresIn: 'soon' })).rejects.toThrow(InvalidTokenRequestError);
  });

  it('refuses a key file that is not a signing key instead of silently replacing it', async () => {
    const dir = join(dataDir, 'broken');
    await localIdentity(dir);
    const path = join(dir, LOCAL_KEY_FILE);
    await writeFile(path, JSON.stringify({ kty: 'oct', k: 'abc' }));
    await expect(localIdentity(dir)).rejects.toThrow(/not a local RSA signing key/);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ kty: 'oct', k: 'abc' });
  });
});

describe('parseMintArgs', () => {
  it('reads a physician and a coordinator', () => {
    expect(parseMintArgs(['--role', 'physician', '--sub', 'dr-li'])).toEqual({
      help: false,
      dataDir: '.local-data',
      token: { role: 'physician', sub: 'dr-li' },
    });
    expect(
      parseMintArgs(['--role', 'coordinator', '--sub', 'coord-wang', '--site', 'hebei-yanda-ludaopei', '--data-dir', '/tmp/x', '--expires-in', '600']),
    ).toEqual({
      help: false,
      dataDir: '/tmp/x',
      token: { role: 'coordinator', sub: 'coord-wang', siteId: 'hebei-yanda-ludaopei', expiresIn: 600 },
    });
    expect(parseMintArgs(['--help'])).toEqual({ help: true });
  });

  it('says what is wrong with bad arguments', () => {
    const cases: [string[], RegExp][] = [
      [[], /--role is required/],
      [['--role', 'nurse', '--sub', 'x'], /--role must be physician or coordinator/],
      [['--role', 'physician'], /--sub is required/],
      [['--role', 'coordinator', '--sub', 'c'], /--site is required for a coordinator/],
      [['--role', 'physician', '--sub', 'd', '--site', 's'], /--site is only for coordinators/],
      [['--role', 'physician', '--sub', 'd', '--expires-in', 'forever'], /--expires-in/],
      [['--role', 'physician', '--sub', 'd', '--expires-in', '0'], /--expires-in must be positive/],
      [['--role', 'physician', '--sub', 'd', '--bogus'], /bogus/],
      [['--role', 'physician', '--sub', 'd', 'extra'], /extra|positional/i],
    ];
    for (const [args, message] of cases) {
      expect(() => parseMintArgs(args), args.join(' ')).toThrow(UsageError);
      expect(() => parseMintArgs(args), args.join(' ')).toThrow(message);
    }
  });
});

describe('npm run token', () => {
  it('prints a token the local authorizer accepts, signed with the data directory key', async () => {
    const dir = join(dataDir, 'cli');
    const coordinator = await mintCommand(['--role', 'coordinator', '--sub', 'coord-wang', '--site', 'hebei-yanda-ludaopei', '--data-dir', dir]);
    expect(coordinator.code).toBe(0);
    const token = coordinator.stdout.trim();
    expect(token.split('.')).toHaveLength(3);

    // The server side loads the same directory and so trusts the key the command created.
    const decision = await createLocalAuthorizer(await localIdentity(dir)).authorize(`Bearer ${token}`);
    if (!decision.ok) throw new Error(decision.reason);
    expect(decision.claims).toMatchObject({ sub: 'coord-wang', 'cognito:groups': '[coordinator]', 'custom:site_id': 'hebei-yanda-ludaopei' });

    const otherDir = await createLocalAuthorizer(await localIdentity(join(dataDir, 'elsewhere'))).authorize(`Bearer ${token}`);
    expect(otherDir.ok).toBe(false);
  });

  it('exits 2 with a clear message for bad arguments and prints no token', async () => {
    const result = await mintCommand(['--role', 'coordinator', '--sub', 'coord-wang', '--data-dir', join(dataDir, 'cli')]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('--site is required for a coordinator');
    expect(result.stderr).toContain('usage:');
  });
});
