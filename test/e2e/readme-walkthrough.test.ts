/**
 * The README's curl walk-through, run as written (bash, curl, the real token command) against the local stack:
 * if the README drifts from the API, this fails.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '#local/local-stack.js';

const run = promisify(execFile);
const repoRoot = new URL('../../', import.meta.url).pathname;

let stack: LocalStack;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'trial-match-readme-'));
  stack = await startLocalStack({ dataDir, port: 0, rescreenIntervalMs: false, quiet: true });
});

afterAll(async () => {
  await stack?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

it('works as written', async () => {
  const readme = await readFile(join(repoRoot, 'README.md'), 'utf8');
  const block = /<!-- walkthrough:start -->\n```sh\n([\s\S]*?)```\n<!-- walkthrough:end -->/.exec(readme)?.[1];
  expect(block, 'the README has a walk-through block').toBeDefined();
  const { stdout } = await run('bash', ['-eu', '-c', block ?? ''], {
    cwd: repoRoot,
    env: { ...process.env, API: stack.apiUrl, TRIAL_MATCH_DATA_DIR: dataDir },
    timeout: 120_000,
  });
  expect(stdout).toContain('"id":"NCT05212584"');
  expect(stdout).toMatch(/referral [0-9a-f-]{36}: potential/);
  expect(stdout).toContain('"version":2');
  expect(stdout).toContain('"status":"candidate"');
  expect(stdout).toContain('"status":422');
  expect(stdout).toContain('cd7.percent');
  expect(stdout).toContain('DELETE 204');
  expect(stdout).toContain('GET after withdrawal 410');
  expect(stdout).toContain('"openapi"');
  // The FHIR walk-through: a Bundle referral, getClinicalTrial with the API key, and the ResearchStudy.
  expect(stdout).toMatch(/^bundle referral: potential$/m);
  expect(stdout).toContain('not used: Observation/cd7-bm (entry 9), LOINC 35641-0: CD7 as a share of all cells');
  expect(stdout).toMatch(/^NCT05212584 score 0\.\d+$/m);
  expect(stdout).toMatch(/^inc-consent: unknown: /m);
  expect(stdout).toContain('getClinicalTrial without a key 401');
  expect(stdout).toContain('"resourceType":"ResearchStudy"');
  await stack.drainQueue();
  expect(stack.siteDeliveries().length).toBeGreaterThanOrEqual(1);
}, 180_000);
