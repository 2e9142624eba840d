/**
 * The local stack's data on disk: the data directory is private to its user (0700, every file 0600) from before the
 * database starts, including one left readable by an older version; and a database left inconsistent by `kill -9`
 * (dynalite writes index entries before the item) is repaired on start, so no referral is listed twice.
 */
import { chmod, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '#local/local-stack.js';
import { apiClient } from '#test/support/api-client.js';
import { crashMidPut, type DynaliteItem } from '#test/support/dynalite-crash.js';
import { eligibleProfile } from '#test/support/profiles.js';

const SITE = 'hebei-yanda-ludaopei';
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function dataDirectory(): Promise<string> {
  const parent = await mkdtemp(join(tmpdir(), 'trial-match-persist-'));
  cleanups.push(() => rm(parent, { recursive: true, force: true }));
  return join(parent, 'data');
}

async function start(dataDir: string): Promise<LocalStack> {
  const stack = await startLocalStack({ dataDir, port: 0, rescreenIntervalMs: false, quiet: true });
  cleanups.push(() => stack.stop());
  return stack;
}

async function modesUnder(root: string): Promise<{ path: string; mode: number; directory: boolean }[]> {
  const found = [{ path: root, mode: (await stat(root)).mode & 0o777, directory: true }];
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    found.push({ path, mode: (await stat(path)).mode & 0o777, directory: entry.isDirectory() });
  }
  return found;
}

describe('the data directory', () => {
  it('is created 0700 with every file 0600', async () => {
    const dataDir = await dataDirectory();
    const stack = await start(dataDir);
    const call = apiClient(() => stack.apiUrl);
    const physician = await stack.mintToken({ role: 'physician', sub: 'dr-disk' });
    const created = await call('POST', '/referrals', physician, { trialId: 'NCT05212584', prescreeningConsent: { attested: true }, profile: eligibleProfile('2026-11-20') });
    expect(created.status).toBe(201);
    const modes = await modesUnder(dataDir);
    expect(modes.filter((m) => !m.directory).length).toBeGreaterThan(2);
    for (const { path, mode, directory } of modes) expect(mode.toString(8), path).toBe(directory ? '700' : '600');
  });

  it('takes back a directory and files an older version left readable', async () => {
    const dataDir = await dataDirectory();
    await mkdir(join(dataDir, 'dynalite'), { recursive: true, mode: 0o755 });
    await chmod(dataDir, 0o755);
    await writeFile(join(dataDir, 'local-jwt-key.json.old'), '{}', { mode: 0o644 });
    await start(dataDir);
    for (const { path, mode, directory } of await modesUnder(dataDir)) expect(mode.toString(8), path).toBe(directory ? '700' : '600');
  });
});

describe('after kill -9', () => {
  it('lists a referral caught between its index entries and its item once, as it really is', async () => {
    const dataDir = await dataDirectory();
    let stack = await start(dataDir);
    let call = apiClient(() => stack.apiUrl);
    const physician = await stack.mintToken({ role: 'physician', sub: 'dr-crash' });
    const coordinator = await stack.mintToken({ role: 'coordinator', sub: 'coord-crash', siteId: SITE });
    const created = await call('POST', '/referrals', physician, { trialId: 'NCT05212584', prescreeningConsent: { attested: true }, profile: eligibleProfile('2026-11-20') });
    const id = String(created.body.id);
    await stack.drainQueue();
    const tableName = stack.tableName;
    await stack.stop();
    cleanups.pop();

    // The coordinator's move to `candidate` got as far as the index when the process died.
    await crashMidPut(join(dataDir, 'dynalite'), tableName, { pk: { S: `REFERRAL#${id}` }, sk: { S: 'REFERRAL' } }, (item: DynaliteItem) => {
      const siteSk = String(item['siteSk']?.['S'] ?? '').replace(/^potential-candidate#/, 'candidate#');
      const candidate = item['candidate']?.['M'] as Record<string, Record<string, unknown>>;
      return { ...item, siteSk: { S: siteSk }, candidate: { M: { ...candidate, status: { S: 'candidate' } } } };
    });

    stack = await start(dataDir);
    call = apiClient(() => stack.apiUrl);
    const inbox = await call('GET', `/sites/${SITE}/candidates?limit=100`, coordinator);
    const listed = (inbox.body.items as { referralId: string; status: string }[]).filter((item) => item.referralId === id);
    expect(listed).toEqual([expect.objectContaining({ referralId: id, status: 'potential-candidate' })]);
    expect(((await call('GET', `/sites/${SITE}/candidates?status=candidate`, coordinator)).body.items as unknown[]).length).toBe(0);
    // And the referral moves on normally.
    expect((await call('PATCH', `/sites/${SITE}/candidates/${id}`, coordinator, { status: 'candidate' })).status).toBe(200);
    const after = await call('GET', `/sites/${SITE}/candidates?limit=100`, coordinator);
    expect((after.body.items as { referralId: string }[]).filter((item) => item.referralId === id)).toHaveLength(1);
  });
});
