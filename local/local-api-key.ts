/**
 * The local stand-in for the API keys of the FHIR matching routes: one key in `<dataDir>/api-key`, created by whoever
 * needs it first (`npm start`, `npm run api-key`), or a throwaway one for `--in-memory`. The check mirrors the Lambda
 * authorizer deployed in AWS (functions/api-key-authorizer): no key is a 401, a wrong key a 403, compared in constant
 * time.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { issuedKeys, type IssuedKey } from '#auth/api-keys.js';

export const LOCAL_API_KEY_FILE = 'api-key';

const newKey = () => randomBytes(24).toString('base64url');

export async function localApiKey(dataDir: string): Promise<string> {
  const file = join(dataDir, LOCAL_API_KEY_FILE);
  try {
    const stored = (await readFile(file, 'utf8')).trim();
    if (stored.length >= 16) return stored;
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true });
  const key = newKey();
  try {
    // `wx`: if another process created it meanwhile, read theirs instead of overwriting it.
    await writeFile(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    if ((error as { code?: string }).code === 'EEXIST') return (await readFile(file, 'utf8')).trim();
    throw error;
  }
}

export const ephemeralApiKey = (): string => newKey();

/** The local key as the deployed authorizer holds it: one client, `local`. */
export const localIssuedKeys = (key: string): IssuedKey[] => issuedKeys({ local: key });
