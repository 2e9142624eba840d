/**
 * The real `trial-match` command, run as a child process (node bin/trial-match.js, as npx runs it) on every file in
 * examples/ and on broken input: exit codes, the table, the JSON, and the field-by-field validation errors. The
 * built bundle is rebuilt first (what `npm ci` builds), so the test runs the command users run, from this source.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScreeningResult } from '#screening/result.js';
import { NCT05212584 } from '#trial/nct05212584.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/trial-match.js');
const AS_OF = '2026-11-25';
const CRITERION_IDS = NCT05212584.criteria.map((c) => c.id);

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI; resolves with its exit code and output whatever the code (a non-zero exit is an expected outcome). */
function trialMatch(...args: string[]): Promise<Run> {
  return trialMatchIn({}, ...args);
}

/** Runs the CLI with these environment variables on top of the test's (a terminal's LANG, say). */
function trialMatchIn(variables: Readonly<Record<string, string>>, ...args: string[]): Promise<Run> {
  return new Promise((done, fail) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', ...variables } }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return fail(error);
      done({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
    });
  });
}

const examples = (await readdir(join(ROOT, 'examples'))).filter((name) => name.endsWith('.json')).sort();

beforeAll(async () => {
  await new Promise<void>((done, fail) =>
    execFile(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], { cwd: ROOT }, (error) => (error ? fail(error) : done())),
  );
}, 60_000);

describe('trial-match screen (child process)', () => {
  it('has examples of every verdict', () => {
    for (const verdict of ['eligible', 'potential', 'ineligible']) expect(examples.some((name) => name.startsWith(`${verdict}-`))).toBe(true);
  });

  describe.each(examples)('examples/%s', (name) => {
    // The file name starts with the verdict the example illustrates.
    const expected = name.split('-', 1)[0];

    it('prints a table with every criterion, the verdict, score, review date and missing data', async () => {
      const run = await trialMatch('screen', `examples/${name}`, '--as-of', AS_OF);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      for (const id of CRITERION_IDS) {
        const words = id.startsWith('inc-') ? '(met|NOT MET|unknown)' : '(clear|EXCLUDED|unknown)';
        expect(run.stdout).toMatch(new RegExp(`^${id} +${words}\\b`, 'm'));
      }
      const label = { eligible: 'Pre-screen eligible', potential: 'Potential candidate', ineligible: 'Not eligible on pre-screen' }[expected ?? ''];
      expect(run.stdout).toMatch(new RegExp(`^Verdict: +${label}`, 'm'));
      expect(run.stdout).toMatch(/^Score: +\d/m);
      expect(run.stdout).toMatch(/^Review at: +/m);
      expect(run.stdout).toMatch(/^Missing data/m);
      for (const line of run.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
    });

    it('--json prints the ScreeningResult with all 19 criteria', async () => {
      const run = await trialMatch('screen', `examples/${name}`, '--as-of', AS_OF, '--json');
      expect(run.code).toBe(0);
      const result = JSON.parse(run.stdout) as ScreeningResult;
      expect(result).toMatchObject({ trialId: 'NCT05212584', asOf: AS_OF, verdict: expected });
      expect(result.criteria.map((c) => c.id)).toEqual(CRITERION_IDS);
      expect(CRITERION_IDS).toHaveLength(19);
    });
  });

  describe('bad input', () => {
    let dir = '';
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'trial-match-e2e-'));
      await writeFile(
        join(dir, 'invalid.json'),
        JSON.stringify({
          diagnosis: { type: 'T-ALL' },
          labs: { hemoglobin: { value: 8.1, unit: 'g/100mL', date: '2026-11-20' } },
          cd7: { percent: 175, method: 'flow-cytometry', date: '2026-11-20' },
          ecog: { score: 1, date: '20/11/2026' },
          patientName: 'Wang Fang',
        }),
      );
      await writeFile(join(dir, 'broken.json'), '{\n  "diagnosis": { "type": "T-ALL" },\n  "note": Wang Fang\n}\n');
      await writeFile(join(dir, 'trailing-comma.json'), '{\n  "diagnosis": { "type": "T-ALL" },\n}\n');
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('an invalid profile exits 2 and names each bad field with what is wrong, one per line', async () => {
      const run = await trialMatch('screen', join(dir, 'invalid.json'), '--as-of', AS_OF);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines[0]).toMatch(/is not a valid patient profile \(4 problems\):$/);
      expect(lines.slice(1).sort()).toEqual([
        '  cd7.percent: must be at most 100',
        '  ecog.date: must be a calendar date written YYYY-MM-DD (e.g. 2026-11-20)',
        '  labs.hemoglobin.unit: unit must be one of: g/L, g/dL, mmol/L (UCUM codes)',
        '  patientName: is not a known field; remove it or check its spelling',
      ]);
      expect(run.stderr).not.toContain('Wang Fang');
    });

    it('a file that is not JSON exits 2, saying where when V8 says, and never quoting the file', async () => {
      const broken = await trialMatch('screen', join(dir, 'broken.json'));
      expect(broken.code).toBe(2);
      expect(broken.stderr).toMatch(/broken\.json: not valid JSON: unexpected token/);
      expect(broken.stderr).not.toContain('Wang');
      const trailing = await trialMatch('screen', join(dir, 'trailing-comma.json'));
      expect(trailing.code).toBe(2);
      expect(trailing.stderr).toMatch(/trailing-comma\.json: not valid JSON at line 3, column 1/);
    });

    it('a missing file exits 1', async () => {
      const run = await trialMatch('screen', join(dir, 'absent.json'));
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/cannot read .*absent\.json: no such file/);
    });

    it('a bad --as-of exits 2 with the expected form', async () => {
      const run = await trialMatch('screen', 'examples/eligible-t-all-adult.json', '--as-of', '2026-11-31');
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/--as-of must be a calendar date written YYYY-MM-DD \(e\.g\. 2026-11-25\), got "2026-11-31"/);
    });
  });

  describe('FHIR Bundles', () => {
    it('detects a Bundle, screens it, and lists what it did not use under the table', async () => {
      const run = await trialMatch('screen', 'examples/fhir/t-all-adult-relapse.transaction.json', '--as-of', AS_OF);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Verdict: +Potential candidate/m);
      expect(run.stdout).toMatch(/^FHIR Bundle: 16 values read$/m);
      expect(run.stdout).toContain('  - Observation/ferritin (entry 17), LOINC 2276-4: no code the criteria read');
      const json = JSON.parse((await trialMatch('screen', 'examples/fhir/t-all-adult-relapse.transaction.json', '--as-of', AS_OF, '--json')).stdout) as {
        fhir: { provenance: unknown[]; notUsed: unknown[] };
      };
      expect(json.fhir.provenance).toHaveLength(16);
      expect(json.fhir.notUsed).toHaveLength(5);
    });

    it('names the bad elements of an invalid Bundle and exits 2', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'trial-match-bundle-'));
      try {
        await writeFile(join(dir, 'bad.json'), JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Patient', birthDate: '1990-02-30' } }] }));
        const run = await trialMatch('screen', join(dir, 'bad.json'));
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/is not a valid FHIR Bundle \(1 problem\):\n {2}entry\[0\]\.resource\.birthDate: is not a calendar date\n$/);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('--batch screens one Bundle or profile per line, writes CSV or NDJSON, and prints the summary', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'trial-match-batch-'));
      try {
        const csv = join(dir, 'results.csv');
        const run = await trialMatch('screen', '--batch', 'examples/fhir/registry-export.ndjson', '--as-of', AS_OF, '--out', csv);
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/^Screened 6 lines; 2 could not be screened$/m);
        expect(run.stdout).toMatch(/^Potential candidate +4 +50\.0%$/m);
        const rows = (await readFile(csv, 'utf8')).trimEnd().split('\n');
        expect(rows[0]).toBe('line,id,verdict,score,missing_count,missing,review_at,not_used,error');
        expect(rows).toHaveLength(9);
        expect(rows[1]).toMatch(/^1,pt-1042,potential,47\.1,/);
        expect(rows[8]).toMatch(/^8,,,,,,,,"not valid JSON/);
        const ndjson = await trialMatch('screen', '--batch', 'examples/fhir/registry-export.ndjson', '--as-of', AS_OF);
        const lines = ndjson.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { line: number; verdict?: string; error?: string });
        expect(lines.map((l) => l.verdict ?? 'error')).toEqual(['potential', 'potential', 'potential', 'ineligible', 'eligible', 'potential', 'error', 'error']);
        // With the results on standard output, the summary goes to standard error.
        expect(ndjson.stderr).toMatch(/^Screened 6 lines/);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('speaks Chinese in a zh_CN terminal: the batch summary, a line that is not JSON, a file it cannot read', async () => {
      const zh = { LANG: 'zh_CN.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
      const run = await trialMatchIn(zh, 'screen', '--batch', 'examples/fhir/registry-export.ndjson', '--as-of', AS_OF);
      expect(run.code).toBe(0);
      const lines = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { line: number; error?: string });
      expect(lines.at(-1)).toEqual({ line: 8, error: expect.stringMatching(/^不是有效的 JSON：第 1 行第 2 列/) });
      expect(run.stderr).toMatch(/^已筛选 6 行/);
      const missing = await trialMatchIn(zh, 'screen', '--batch', 'examples/fhir/absent.ndjson');
      expect(missing.code).toBe(1);
      expect(missing.stderr).toBe('trial-match：无法读取 examples/fhir/absent.ndjson：文件不存在\n');
    });
  });
});
