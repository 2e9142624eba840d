/**
 * `npm run token -- --role physician --sub dr-li`
 * `npm run token -- --role coordinator --sub coord-wang --site hebei-yanda-ludaopei`
 *
 * Prints a local ID token (signed with the key in the data directory, which the local API trusts) on stdout.
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Role } from '#auth/principal.js';
import { DEFAULT_TOKEN_LIFETIME, InvalidTokenRequestError, lifetimeSeconds, localIdentity, type MintTokenInput } from './local-identity.js';
import { DEFAULT_DATA_DIR } from './data-dir.js';

export { DEFAULT_DATA_DIR };

export const USAGE = `usage: npm run token -- --role <physician|coordinator> --sub <user id> [--site <site id>] [--expires-in <8h>] [--data-dir <${DEFAULT_DATA_DIR}>]
  --role        physician or coordinator
  --sub         the user's id (a physician owns their referrals by it)
  --site        the coordinator's site, e.g. hebei-yanda-ludaopei (required for coordinators)
  --expires-in  token lifetime: seconds or 30m, 8h, 2d (default ${DEFAULT_TOKEN_LIFETIME})
  --data-dir    where the local signing key lives (default ${DEFAULT_DATA_DIR})`;

export class UsageError extends Error {
  override name = 'UsageError';
}

export type MintCommand = { readonly help: true } | { readonly help: false; readonly dataDir: string; readonly token: MintTokenInput };

function isRole(value: string): value is Role {
  return value === 'physician' || value === 'coordinator';
}

/** The command line, checked: every mistake is a UsageError whose message says what to fix. */
export function parseMintArgs(argv: readonly string[]): MintCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        role: { type: 'string' },
        sub: { type: 'string' },
        site: { type: 'string' },
        'expires-in': { type: 'string' },
        'data-dir': { type: 'string', default: DEFAULT_DATA_DIR },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { help: true };
  const { role, sub, site } = values;
  if (role === undefined) throw new UsageError('--role is required (physician or coordinator)');
  if (!isRole(role)) throw new UsageError(`--role must be physician or coordinator, not "${role}"`);
  if (sub === undefined || sub.trim() === '') throw new UsageError('--sub is required (the user id)');
  if (role === 'coordinator' && (site === undefined || site.trim() === '')) {
    throw new UsageError('--site is required for a coordinator (the site they belong to)');
  }
  if (role === 'physician' && site !== undefined) throw new UsageError('--site is only for coordinators');
  const expiresInText = values['expires-in'];
  let expiresIn: number | string | undefined;
  if (expiresInText !== undefined) {
    expiresIn = /^\d+$/.test(expiresInText) ? Number(expiresInText) : expiresInText;
    try {
      if (lifetimeSeconds(expiresIn) <= 0) throw new UsageError('--expires-in must be positive');
    } catch (error) {
      if (error instanceof InvalidTokenRequestError) throw new UsageError(`--expires-in: ${error.message}`);
      throw error;
    }
  }
  return {
    help: false,
    dataDir: values['data-dir'],
    token: {
      role,
      sub: sub.trim(),
      ...(site === undefined ? {} : { siteId: site.trim() }),
      ...(expiresIn === undefined ? {} : { expiresIn }),
    },
  };
}

export async function runMintToken(argv: readonly string[]): Promise<number> {
  let command: MintCommand;
  try {
    command = parseMintArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`error: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  if (command.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const identity = await localIdentity(command.dataDir);
  process.stdout.write(`${await identity.mintToken(command.token)}\n`);
  return 0;
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  runMintToken(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
