/**
 * The local data directory holds patients' data (the database) and the key that signs local tokens: it is private
 * to its user before anything is written to it. The directory and every directory under it become 0700 and every
 * file 0600 (also those an older version left readable), and the process's umask becomes 077, so the files the
 * database creates later (LevelDB writes new tables and logs as it compacts) are private from the start.
 */
import { chmod, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';

export const PRIVATE_DIRECTORY_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

export async function preparePrivateDataDir(dataDir: string): Promise<void> {
  process.umask(0o077);
  await mkdir(dataDir, { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  await chmod(dataDir, PRIVATE_DIRECTORY_MODE);
  for (const entry of await readdir(dataDir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isDirectory()) await chmod(path, PRIVATE_DIRECTORY_MODE);
    else if (entry.isFile()) await chmod(path, PRIVATE_FILE_MODE);
  }
}
