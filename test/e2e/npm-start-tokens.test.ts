/**
 * `npm start` prints the commands that mint tokens; a newcomer runs them as printed, in either mode (persisted or
 * `--in-memory`), and the tokens work against the API that printed them.
 */
import { exec, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, expect, it } from 'vitest';

const run = promisify(exec);
const repoRoot = new URL('../../', import.meta.url).pathname;
const children: ChildProcessWithoutNullStreams[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** Starts `npm start -- <args>` (the script it runs, without npm's own start-up) and waits for its banner. */
async function start(args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  const child = spawn(join(repoRoot, 'node_modules/.bin/tsx'), ['local/main.ts', ...args], { cwd: repoRoot, env });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (/tokens[\s\S]*coordinator[^\n]*\n/.test(output)) resolve(output);
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code) => reject(new Error(`npm start exited ${code}: ${output}`)));
  });
}

async function tokensWork(mode: 'persisted' | 'in-memory'): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'trial-match-start-'));
  dirs.push(dataDir);
  // As a newcomer would: the data directory comes from the environment both commands read, or from --data-dir.
  const env = { ...process.env, TRIAL_MATCH_DATA_DIR: join(dataDir, 'env-dir') };
  const banner = await start(['--port', '0', '--rescreen-every', '3600', '--data-dir', join(dataDir, 'flag-dir'), ...(mode === 'in-memory' ? ['--in-memory'] : [])], env);
  const api = /API\s+(http:\/\/\S+)/.exec(banner)?.[1];
  const commands = [...banner.matchAll(/(npm run token -- [^\n(]+?)\s*(?:\(|\n)/g)].map((m) => m[1] ?? '');
  expect(api, banner).toBeDefined();
  expect(commands, banner).toHaveLength(2);
  const [physicianCommand = '', coordinatorCommand = ''] = commands;
  const mint = async (command: string) => (await run(command.replace('npm run token', 'npm run -s token'), { cwd: repoRoot, env })).stdout.trim();
  const physician = await mint(physicianCommand);
  const coordinator = await mint(coordinatorCommand);
  const referrals = await fetch(`${api}/referrals`, { headers: { authorization: `Bearer ${physician}` } });
  expect(referrals.status, `${mode}: ${physicianCommand}`).toBe(200);
  const inbox = await fetch(`${api}/sites/hebei-yanda-ludaopei/candidates`, { headers: { authorization: `Bearer ${coordinator}` } });
  expect(inbox.status, `${mode}: ${coordinatorCommand}`).toBe(200);
}

it('prints token commands that work with a persisted database', async () => {
  await tokensWork('persisted');
}, 120_000);

it('prints token commands that work with --in-memory', async () => {
  await tokensWork('in-memory');
}, 120_000);
