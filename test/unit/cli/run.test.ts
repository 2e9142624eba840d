import { describe, expect, it } from 'vitest';
import { CLI_WORDS } from '#cli/cli-words.js';
import { parseProfileText, type ProfileRead } from '#cli/profile-file.js';
import { runCli } from '#cli/run.js';
import type { Locale } from '#i18n/locale.js';
import type { ScreeningResult } from '#screening/result.js';
import { NCT05212584 } from '#trial/nct05212584.js';
import { eligibleProfile } from '#test/support/profiles.js';

/** An environment whose files live in memory and whose output is captured: the CLI's own code, no process. */
function environment(files: Record<string, string>, now = new Date('2026-11-24T17:00:00Z')) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    env: {
      writeOut: (text: string) => void out.push(text),
      writeErr: (text: string) => void err.push(text),
      now: () => now,
      terminalWidth: undefined,
      readProfile: async (path: string, locale?: Locale): Promise<ProfileRead> => {
        const text = files[path];
        return text === undefined ? { ok: false, problem: 'unreadable', message: CLI_WORDS[locale ?? 'en'].unreadable('no-such-file') } : parseProfileText(text, locale);
      },
    },
  };
}

const ids = NCT05212584.criteria.map((c) => c.id);

describe('runCli', () => {
  it('screens as of today in the site time zone when --as-of is not given', async () => {
    // 17:00 UTC on the 24th is 01:00 on the 25th in Langfang.
    const { env, out } = environment({ 'p.json': JSON.stringify(eligibleProfile('2026-11-25')) });
    expect(await runCli(['screen', 'p.json', '--json'], env)).toBe(0);
    const result = JSON.parse(out.join('')) as ScreeningResult;
    expect(result.asOf).toBe('2026-11-25');
    expect(result.criteria.map((c) => c.id)).toEqual(ids);
  });

  it('uses --as-of, and --trial names the trial', async () => {
    const { env, out } = environment({ 'p.json': JSON.stringify(eligibleProfile('2026-01-10')) });
    expect(await runCli(['screen', 'p.json', '--as-of', '2026-01-10', '--trial', 'nct05212584', '--json'], env)).toBe(0);
    expect(JSON.parse(out.join(''))).toMatchObject({ asOf: '2026-01-10', trialId: 'NCT05212584', verdict: 'eligible' });
  });

  it('prints the table by default', async () => {
    const { env, out, err } = environment({ 'p.json': JSON.stringify(eligibleProfile('2026-11-25')) });
    expect(await runCli(['screen', 'p.json', '--as-of', '2026-11-25'], env)).toBe(0);
    expect(err).toEqual([]);
    for (const id of ids) expect(out.join('')).toContain(id);
  });

  it('exits 2 for an unknown trial, bad arguments or an invalid profile, naming each bad field on stderr', async () => {
    const { env, out, err } = environment({
      'bad.json': JSON.stringify({ labs: { hemoglobin: { value: 80, unit: 'mg', date: '2026-11-20' } }, cd7: { percent: 170, method: 'flow-cytometry', date: '2026-11-20' } }),
    });
    expect(await runCli(['screen', 'bad.json', '--trial', 'NCT00000000'], env)).toBe(2);
    expect(err.pop()).toMatch(/unknown trial "NCT00000000"; known trials: NCT05212584/);
    expect(await runCli(['screen', 'bad.json', '--as-of', '2026-02-30'], env)).toBe(2);
    expect(err.pop()).toMatch(/--as-of must be a calendar date written YYYY-MM-DD/);
    expect(await runCli(['screen', 'bad.json'], env)).toBe(2);
    const lines = (err.pop() ?? '').trimEnd().split('\n');
    expect(lines[0]).toBe('trial-match: bad.json is not a valid patient profile (2 problems):');
    expect(lines.slice(1)).toEqual([
      '  cd7.percent: must be at most 100',
      '  labs.hemoglobin.unit: unit must be one of: g/L, g/dL, mmol/L (UCUM codes)',
    ]);
    expect(out).toEqual([]);
  });

  it('words an invalid profile or Bundle in the language of the reasons (--lang zh-CN)', async () => {
    const { env, err } = environment({
      'bad.json': JSON.stringify({ labs: { hemoglobin: { value: 80, unit: 'mg', date: '2026-11-20' } }, cd7: { percent: 170, method: 'flow-cytometry', date: '2026-11-20' } }),
      'bundle.json': JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Patient', id: 'p', birthDate: '2019-02-30' } }] }),
    });
    expect(await runCli(['screen', 'bad.json', '--lang', 'zh-CN'], env)).toBe(2);
    expect((err.pop() ?? '').trimEnd().split('\n')).toEqual([
      'trial-match：bad.json 不是有效的患者资料（2 个问题）：',
      '  cd7.percent：须不大于 100',
      '  labs.hemoglobin.unit：单位须为以下之一：g/L, g/dL, mmol/L（UCUM 编码）',
    ]);
    expect(await runCli(['screen', 'bundle.json', '--lang', 'zh-CN'], env)).toBe(2);
    expect((err.pop() ?? '').trimEnd().split('\n')).toEqual([
      'trial-match：bundle.json 不是有效的 FHIR Bundle（1 个问题）：',
      '  entry[0].resource.birthDate：不是有效的日历日期',
    ]);
  });

  it('exits 1 when the file cannot be read', async () => {
    const { env, err } = environment({});
    expect(await runCli(['screen', 'absent.json'], env)).toBe(1);
    expect(err).toEqual(['trial-match: cannot read absent.json: no such file\n']);
  });

  it('prints the usage for help (exit 0) and after a usage error (exit 2)', async () => {
    const { env, out, err } = environment({});
    expect(await runCli(['--help'], env)).toBe(0);
    expect(out.join('')).toMatch(/^Usage:/);
    expect(await runCli([], env)).toBe(2);
    expect(err.join('')).toMatch(/missing command[\s\S]*Usage:/);
  });

  it('speaks Chinese throughout in a zh_CN terminal or with --lang zh-CN: help, usage errors, unknown trial, unreadable and broken files', async () => {
    const { env: english, out, err } = environment({ 'broken.json': '{\n  "labs": {\n}' });
    const env = { ...english, language: 'zh-CN' as const };
    expect(await runCli(['help'], env)).toBe(0);
    expect(out.pop()).toMatch(/^用法：\n[\s\S]*选项：[\s\S]*退出码：/);
    expect(await runCli(['screen'], env)).toBe(2);
    expect(err.pop()).toMatch(/^trial-match：缺少患者资料文件：trial-match screen <profile\.json>\n\n用法：/);
    expect(await runCli(['screen', 'broken.json', '--trial', 'NCT00000000'], env)).toBe(2);
    expect(err.pop()).toBe('trial-match：未知试验 "NCT00000000"；已知试验：NCT05212584\n');
    expect(await runCli(['screen', 'absent.json'], env)).toBe(1);
    expect(err.pop()).toBe('trial-match：无法读取 absent.json：文件不存在\n');
    expect(await runCli(['screen', 'broken.json'], env)).toBe(2);
    expect(err.pop()).toBe('trial-match：broken.json：不是有效的 JSON：内容提前结束（花括号、方括号或字符串未闭合？）\n');
    // --lang wins over the terminal, both ways.
    expect(await runCli(['screen', 'absent.json', '--lang', 'en'], env)).toBe(1);
    expect(err.pop()).toBe('trial-match: cannot read absent.json: no such file\n');
    expect(await runCli(['--help', '--lang', 'zh-CN'], english)).toBe(0);
    expect(out.pop()).toMatch(/^用法：/);
  });
});

