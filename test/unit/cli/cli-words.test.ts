import { describe, expect, it } from 'vitest';
import { CLI_WORDS, type JsonBreak, type UnreadableReason, type UsageProblem } from '#cli/cli-words.js';
import { LOCALES } from '#i18n/locale.js';

/** One of every problem the command line can have, so a new code without Chinese words fails here. */
const PROBLEMS: readonly UsageProblem[] = [
  { code: 'unknown-option', option: '--asof', detail: "Unknown option '--asof'." },
  { code: 'option-needs-value', option: '--as-of', detail: "Option '--as-of <value>' argument missing" },
  { code: 'option-takes-no-value', option: '--json', detail: "Option '--json' does not take an argument" },
  { code: 'invalid-arguments', detail: 'something parseArgs said' },
  { code: 'missing-command' },
  { code: 'unknown-command', command: 'rank' },
  { code: 'missing-file', batch: true },
  { code: 'missing-file', batch: false },
  { code: 'too-many-files', count: 2 },
  { code: 'bad-as-of', value: '2026-02-30' },
  { code: 'empty-trial' },
  { code: 'bad-lang', value: 'fr', choices: ['en', 'zh-CN'] },
  { code: 'json-with-batch' },
  { code: 'bad-format', value: 'xlsx' },
  { code: 'empty-out' },
  { code: 'out-without-batch' },
];
const BREAKS: readonly JsonBreak[] = [
  { kind: 'empty' },
  { kind: 'ends-early' },
  { kind: 'one-value-per-line' },
  { kind: 'at', line: 3, column: 1, description: "unexpected token 'W'" },
  { kind: 'at', line: 3, column: 1 },
  { kind: 'invalid' },
];
const REASONS: readonly UnreadableReason[] = ['no-such-file', 'permission-denied', 'directory'];

/** Two English words in a row, once option names, file names, the command and values are taken out. */
const ENGLISH_PROSE = /\b[a-z]{2,}\s+[a-z]{2,}\b/i;
const prose = (text: string): string =>
  text.replace(/(?:trial-match|screen|--?[a-z-]+|<[^>]+>|"[^"]*"|\b(?:ndjson|csv|json|nct-id|yyyy-mm-dd|bundle|fhir|r4|bulk data|id|file|lang|en|zh-cn)\b)/gi, ' ');

describe('the CLI catalogue', () => {
  it('words every usage problem, unreadable file and JSON break in both languages', () => {
    for (const locale of LOCALES) {
      const words = CLI_WORDS[locale];
      const texts = [...PROBLEMS.map((p) => words.usageProblem(p)), ...BREAKS.map((b) => words.jsonBreak(b)), ...REASONS.map((r) => words.unreadable(r))];
      for (const text of texts) expect(text.trim()).not.toBe('');
      expect(new Set(texts).size).toBe(texts.length);
    }
  });

  it('has no English sentence left in the Chinese words (names, options and values aside)', () => {
    const zh = CLI_WORDS['zh-CN'];
    const texts = [
      zh.usage,
      ...PROBLEMS.filter((p) => p.code !== 'invalid-arguments').map((p) => zh.usageProblem(p)),
      ...BREAKS.map((b) => zh.jsonBreak({ ...b, ...(b.kind === 'at' ? { description: undefined } : {}) } as JsonBreak)),
      ...REASONS.map((r) => zh.unreadable(r)),
      zh.unknownTrial('NCT0', ['NCT05212584']),
      zh.cannotRead('a.json', zh.unreadable('no-such-file')),
      zh.notValidFile('a.json', 'bundle', 2),
    ];
    for (const text of texts) {
      expect(text).toMatch(/[\u4e00-\u9fff]/);
      expect(prose(text), text).not.toMatch(ENGLISH_PROSE);
    }
  });

  it('gives the same command lines and options, in the same order, in both languages of the help', () => {
    const synopsis = (text: string) => text.split('\n').filter((line) => /^\s+(trial-match|\[--)/.test(line));
    const options = (text: string) => text.match(/(?<![\w-])-{1,2}[a-z][a-z-]*/g);
    expect(synopsis(CLI_WORDS['zh-CN'].usage)).toEqual(synopsis(CLI_WORDS.en.usage));
    expect(options(CLI_WORDS['zh-CN'].usage)).toEqual(options(CLI_WORDS.en.usage));
  });
});
