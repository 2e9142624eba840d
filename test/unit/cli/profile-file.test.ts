import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProfileText, readProfileFile } from '#cli/profile-file.js';

describe('parseProfileText', () => {
  it('accepts a valid profile, with or without a byte order mark', () => {
    const text = JSON.stringify({ diagnosis: { type: 'T-ALL' }, cd7: { percent: 90, method: 'flow-cytometry', date: '2026-11-20' } });
    expect(parseProfileText(text)).toMatchObject({ ok: true, profile: { diagnosis: { type: 'T-ALL' } } });
    expect(parseProfileText(`\ufeff${text}`).ok).toBe(true);
  });

  it('locates broken JSON by line and column without quoting the text (it is health data)', () => {
    const parsed = parseProfileText('{\n  "name": "Li Na",\n}');
    expect(parsed).toEqual({ ok: false, problem: 'not-json', message: expect.stringMatching(/^not valid JSON at line 3, column 1/) });
    const quoted = parseProfileText('{"diagnosis": Li Na}');
    expect(quoted.ok === false && quoted.problem === 'not-json' && quoted.message).not.toMatch(/Li Na/);
  });

  it('explains empty and truncated files', () => {
    expect(parseProfileText('  \n')).toEqual({ ok: false, problem: 'not-json', message: 'the file is empty' });
    for (const truncated of ['{"labs": {', '{"labs": ', '{"labs": {"hemoglobin": {"unit": "g/']) {
      expect(parseProfileText(truncated)).toMatchObject({ ok: false, problem: 'not-json', message: expect.stringMatching(/ends too early/) });
    }
  });

  it('points an NDJSON export given as one profile to --batch, and does not repeat the position V8 gives', () => {
    const ndjson = `${JSON.stringify({ diagnosis: { type: 'T-ALL' } })}\n${JSON.stringify({ diagnosis: { type: 'T-LBL' } })}\n`;
    expect(parseProfileText(ndjson)).toEqual({ ok: false, problem: 'not-json', message: 'one JSON value per line (NDJSON), not one profile: screen it with --batch' });
    expect(parseProfileText(ndjson, 'zh-CN')).toMatchObject({ message: '每行一个 JSON 值（NDJSON），不是单份资料：请用 --batch 筛选' });
    // Two values on one line are a broken profile, not an export.
    const twice = parseProfileText('{"a": 1} {"b": 2}');
    expect(twice).toEqual({ ok: false, problem: 'not-json', message: 'not valid JSON at line 1, column 10: unexpected non-whitespace character after JSON' });
  });

  it('names each bad field of a profile that fails the schema', () => {
    const parsed = parseProfileText(JSON.stringify({ labs: { hemoglobin: { value: 9, unit: 'mg', date: '2026-11-20' } }, cd7: { percent: -1 } }));
    expect(parsed.ok).toBe(false);
    const fields = parsed.ok === false && parsed.problem === 'invalid-profile' ? parsed.issues.map((i) => i.field) : [];
    expect(fields).toEqual(expect.arrayContaining(['labs.hemoglobin.unit', 'cd7.percent', 'cd7.method', 'cd7.date']));
  });

  it('refuses a JSON value that is not an object', () => {
    expect(parseProfileText('[]')).toEqual({ ok: false, problem: 'invalid-profile', issues: [{ field: '', message: 'expected an object, received an array' }] });
  });
});

describe('readProfileFile', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trial-match-cli-'));
    await writeFile(join(dir, 'profile.json'), '{"diagnosis": {"type": "T-LBL"}}');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads and validates a file', async () => {
    expect(await readProfileFile(join(dir, 'profile.json'))).toEqual({ ok: true, profile: { diagnosis: { type: 'T-LBL' } } });
  });

  it('reports a missing file or a directory as unreadable', async () => {
    expect(await readProfileFile(join(dir, 'absent.json'))).toEqual({ ok: false, problem: 'unreadable', message: 'no such file' });
    expect(await readProfileFile(dir)).toEqual({ ok: false, problem: 'unreadable', message: 'is a directory, not a file' });
  });
});
