import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '#cli/arguments.js';

describe('parseCommandLine', () => {
  it('reads the screen command with its profile file, defaulting to a table screened today', () => {
    expect(parseCommandLine(['screen', 'examples/a.json'])).toEqual({ command: 'screen', profilePath: 'examples/a.json', json: false });
  });

  it('reads --as-of, --trial and --json in any order', () => {
    expect(parseCommandLine(['screen', '--json', 'p.json', '--as-of', '2026-11-25', '--trial', 'NCT05212584'])).toEqual({
      command: 'screen',
      profilePath: 'p.json',
      asOf: '2026-11-25',
      trialId: 'NCT05212584',
      json: true,
    });
    expect(parseCommandLine(['screen', 'p.json', '--as-of=2024-02-29'])).toMatchObject({ asOf: '2024-02-29' });
  });

  it('answers help for --help, -h and the help command, even next to other arguments', () => {
    expect(parseCommandLine(['--help'])).toEqual({ command: 'help' });
    expect(parseCommandLine(['-h'])).toEqual({ command: 'help' });
    expect(parseCommandLine(['help'])).toEqual({ command: 'help' });
    expect(parseCommandLine(['screen', 'p.json', '--help'])).toEqual({ command: 'help' });
  });

  it.each([
    [[], /missing command/],
    [['rank', 'p.json'], /unknown command "rank"/],
    [['screen'], /missing the profile file/],
    [['screen', 'a.json', 'b.json'], /one profile file/],
    [['screen', 'p.json', '--asof', '2026-11-25'], /--asof/],
    [['screen', 'p.json', '--as-of'], /--as-of/],
    [['screen', 'p.json', '--json=yes'], /--json/],
    [['screen', 'p.json', '--trial', ' '], /--trial needs/],
  ])('refuses %j with a usage error', (argv, message) => {
    const parsed = parseCommandLine(argv);
    expect(parsed.command).toBe('usage-error');
    expect(parsed.command === 'usage-error' && parsed.message).toMatch(message);
  });

  it.each(['2026-13-01', '2026-02-30', '2025-02-29', '25-11-2026', '2026/11/25', 'today', '2026-11-25T00:00:00Z'])(
    'refuses --as-of %s, saying the expected form',
    (asOf) => {
      const parsed = parseCommandLine(['screen', 'p.json', '--as-of', asOf]);
      expect(parsed).toEqual({ command: 'usage-error', message: `--as-of must be a calendar date written YYYY-MM-DD (e.g. 2026-11-25), got "${asOf}"`, language: 'en' });
    },
  );
});

describe('usage errors in the language asked for', () => {
  it('words them in --lang, wherever it stands, even when parsing stops before it', () => {
    expect(parseCommandLine(['screen', 'p.json', '--as-of', '2026-02-30', '--lang', 'zh-CN'])).toEqual({
      command: 'usage-error',
      message: '--as-of 须为 YYYY-MM-DD 格式的日历日期（例如 2026-11-25），实际为 "2026-02-30"',
      language: 'zh-CN',
    });
    expect(parseCommandLine(['--lang=zh-CN', 'screen', 'p.json', '--asof', 'x'])).toMatchObject({ message: expect.stringMatching(/^未知选项 --asof（/), language: 'zh-CN' });
    expect(parseCommandLine(['screen', '--lang', 'zh-CN', 'p.json', '--as-of'])).toMatchObject({ message: '选项 --as-of 需要一个取值' });
    expect(parseCommandLine(['screen', '--lang', 'zh-CN', 'p.json', '--json=yes'])).toMatchObject({ message: '选项 --json 不接受取值' });
  });

  it('falls back to the terminal language, and an --lang it cannot read does not count', () => {
    expect(parseCommandLine(['rank'], 'zh-CN')).toEqual({ command: 'usage-error', message: '未知命令 "rank"：应为 "screen"', language: 'zh-CN' });
    expect(parseCommandLine(['screen', 'p.json', '--lang', 'fr'], 'zh-CN')).toMatchObject({ message: '--lang 须为 en、zh-CN 之一，实际为 "fr"' });
    expect(parseCommandLine(['screen', 'p.json', '--lang', 'en', '--json=1'], 'zh-CN')).toMatchObject({ language: 'en', message: expect.stringMatching(/^Option '--json' does not take an argument/) });
    // Past "--" everything is a file name, even "--lang".
    expect(parseCommandLine(['rank', '--', '--lang', 'zh-CN'])).toMatchObject({ language: 'en' });
  });

  it('answers help in the language --lang asks for, else leaves it to the caller', () => {
    expect(parseCommandLine(['--help', '--lang', 'zh-CN'])).toEqual({ command: 'help', language: 'zh-CN' });
    expect(parseCommandLine(['help'], 'zh-CN')).toEqual({ command: 'help' });
  });
});

describe('--batch', () => {
  it('reads the NDJSON file, the output and its format (from --out, else NDJSON)', () => {
    expect(parseCommandLine(['screen', '--batch', 'registry.ndjson'])).toEqual({ command: 'batch', inputPath: 'registry.ndjson', format: 'ndjson' });
    expect(parseCommandLine(['screen', '--batch', 'r.ndjson', '--out', 'results.CSV', '--lang', 'zh-CN', '--as-of', '2026-11-25'])).toEqual({
      command: 'batch',
      inputPath: 'r.ndjson',
      outPath: 'results.CSV',
      format: 'csv',
      language: 'zh-CN',
      asOf: '2026-11-25',
    });
    expect(parseCommandLine(['screen', '--batch', 'r.ndjson', '--format', 'csv'])).toMatchObject({ format: 'csv' });
  });

  it.each([
    [['screen', '--batch'], /missing the NDJSON file/],
    [['screen', '--batch', 'r.ndjson', '--json'], /--json is for one file/],
    [['screen', '--batch', 'r.ndjson', '--format', 'xlsx'], /--format must be ndjson or csv/],
    [['screen', 'p.json', '--out', 'x.csv'], /--out and --format go with --batch/],
  ])('refuses %j', (argv, message) => {
    const parsed = parseCommandLine(argv);
    expect(parsed.command === 'usage-error' && parsed.message).toMatch(message);
  });
});
