/**
 * The CLI's own words in English and Simplified Chinese: its help, its usage errors, a file it cannot read or parse,
 * an unknown trial. A coordinator who chose `--lang zh-CN` (or works in a `zh_CN` terminal) reads the whole CLI in
 * Chinese, not only the screening; option names, file names and values stay as typed. The screening's own words are
 * the service's catalogue (shared/i18n).
 */
import type { Locale } from '#i18n/locale.js';

/** What is wrong with a command line, as data; worded by `describeUsageProblem`. */
export type UsageProblem =
  | { readonly code: 'unknown-option'; readonly option: string; readonly detail: string }
  | { readonly code: 'option-needs-value'; readonly option: string; readonly detail: string }
  | { readonly code: 'option-takes-no-value'; readonly option: string; readonly detail: string }
  | { readonly code: 'invalid-arguments'; readonly detail: string }
  | { readonly code: 'missing-command' }
  | { readonly code: 'unknown-command'; readonly command: string }
  | { readonly code: 'missing-file'; readonly batch: boolean }
  | { readonly code: 'too-many-files'; readonly count: number }
  | { readonly code: 'bad-as-of'; readonly value: string }
  | { readonly code: 'empty-trial' }
  | { readonly code: 'bad-lang'; readonly value: string; readonly choices: readonly string[] }
  | { readonly code: 'json-with-batch' }
  | { readonly code: 'bad-format'; readonly value: string }
  | { readonly code: 'empty-out' }
  | { readonly code: 'out-without-batch' };

/** Why a file could not be read, as data. */
export type UnreadableReason = 'no-such-file' | 'permission-denied' | 'directory' | { readonly other: string };

/** Where a file's JSON broke; `description` is V8's own (English) account of the problem, when it is safe to show. */
export type JsonBreak =
  | { readonly kind: 'empty' }
  | { readonly kind: 'ends-early' }
  /** The file holds one JSON value per line: NDJSON, for `--batch`. */
  | { readonly kind: 'one-value-per-line' }
  | { readonly kind: 'at'; readonly line: number; readonly column: number; readonly description?: string }
  | { readonly kind: 'invalid'; readonly description?: string };

interface CliWords {
  readonly usage: string;
  usageProblem(problem: UsageProblem): string;
  /** A usage error's message as printed, before the help. */
  usageError(message: string): string;
  unreadable(reason: UnreadableReason): string;
  cannotRead(path: string, reason: string): string;
  jsonBreak(where: JsonBreak): string;
  unknownTrial(trialId: string, known: readonly string[]): string;
  notJson(file: string, problem: string): string;
  notValidFile(file: string, kind: FileKind, count: number): string;
  /** Stands for the field path of a problem with the whole file. */
  readonly wholeFile: Readonly<Record<FileKind, string>>;
  /** A batch line that could not be screened: what it was meant to be. */
  readonly invalidLine: Readonly<Record<FileKind, string>>;
  readonly wholeLine: string;
  readonly colon: string;
  readonly separator: string;
}

/** What a refused file or batch line was meant to be. */
export type FileKind = 'profile' | 'bundle';

const EN_USAGE = `Usage:
  trial-match screen <profile.json | bundle.json> [--as-of YYYY-MM-DD] [--trial NCT-ID] [--lang en|zh-CN] [--json]
  trial-match screen --batch <patients.ndjson> [--out results.ndjson|results.csv] [--format ndjson|csv]
                     [--as-of YYYY-MM-DD] [--trial NCT-ID] [--lang en|zh-CN]

Screens a patient profile (JSON), or a FHIR R4 Bundle (translated into one), against the trial's inclusion
and exclusion criteria. With --batch, screens one Bundle or profile per line (NDJSON, e.g. a FHIR Bulk Data
export of Bundles), writes one result per line and prints a summary: counts by verdict, the data most often
missing.

Options:
  --as-of YYYY-MM-DD  screening date (default: today in the trial site's time zone)
  --trial ID          trial registration number (default: the only trial, NCT05212584)
  --lang en|zh-CN     language of everything printed: reasons, labels, problems, this help (default: from LANG, else en)
  --json              print the screening result as JSON instead of a table
  --batch             the file holds one Bundle or profile per line
  --out FILE          write the batch results there (default: standard output)
  --format ndjson|csv batch results format (default: from --out's extension, else ndjson)
  -h, --help          show this help

Exit codes: 0 screened (whatever the verdict; in a batch, lines that could not be screened are counted),
1 the file could not be read or another failure, 2 invalid input (bad arguments, not JSON, or a profile or
Bundle that fails validation).`;

const ZH_USAGE = `用法：
  trial-match screen <profile.json | bundle.json> [--as-of YYYY-MM-DD] [--trial NCT-ID] [--lang en|zh-CN] [--json]
  trial-match screen --batch <patients.ndjson> [--out results.ndjson|results.csv] [--format ndjson|csv]
                     [--as-of YYYY-MM-DD] [--trial NCT-ID] [--lang en|zh-CN]

按试验的入选和排除标准筛选一份患者资料（JSON），或一个 FHIR R4 Bundle（先转换为患者资料）。
使用 --batch 时，逐行筛选文件中的 Bundle 或患者资料（NDJSON，例如 FHIR Bulk Data 导出的 Bundle），
每行写出一条结果，并打印汇总：各结论的行数，以及最常缺失的资料。

选项：
  --as-of YYYY-MM-DD  筛选日期（默认：试验中心所在时区的今天）
  --trial ID          试验注册号（默认：唯一的试验 NCT05212584）
  --lang en|zh-CN     所有输出的语言：理由、标签、问题和本帮助（默认：取自 LANG，否则为 en）
  --json              以 JSON 输出筛选结果，而不是表格
  --batch             文件每行一个 Bundle 或患者资料
  --out FILE          批量结果写入该文件（默认：标准输出）
  --format ndjson|csv 批量结果的格式（默认：按 --out 的扩展名，否则为 ndjson）
  -h, --help          显示本帮助

退出码：0 已筛选（无论结论如何；批量筛选时，无法筛选的行会计入汇总），1 无法读取文件或其他故障，
2 输入无效（参数错误、不是 JSON，或患者资料、Bundle 未通过校验）。`;

const EN: CliWords = {
  usage: EN_USAGE,
  usageProblem(problem) {
    switch (problem.code) {
      case 'unknown-option':
      case 'option-needs-value':
      case 'option-takes-no-value':
      case 'invalid-arguments':
        // Node's parseArgs names the offending option in a sentence clear enough to show as it is.
        return problem.detail;
      case 'missing-command':
        return 'missing command: expected "screen"';
      case 'unknown-command':
        return `unknown command "${problem.command}": expected "screen"`;
      case 'missing-file':
        return problem.batch ? 'missing the NDJSON file: trial-match screen --batch <patients.ndjson>' : 'missing the profile file: trial-match screen <profile.json>';
      case 'too-many-files':
        return `expected one profile file, got ${problem.count}: screen one profile at a time (or one NDJSON file with --batch)`;
      case 'bad-as-of':
        return `--as-of must be a calendar date written YYYY-MM-DD (e.g. 2026-11-25), got "${problem.value}"`;
      case 'empty-trial':
        return '--trial needs a trial registration number (e.g. NCT05212584)';
      case 'bad-lang':
        return `--lang must be one of ${problem.choices.join(', ')}, got "${problem.value}"`;
      case 'json-with-batch':
        return '--json is for one file; a batch writes NDJSON or CSV (--format)';
      case 'bad-format':
        return `--format must be ndjson or csv, got "${problem.value}"`;
      case 'empty-out':
        return '--out needs a file name';
      case 'out-without-batch':
        return '--out and --format go with --batch';
    }
  },
  usageError: (message) => `trial-match: ${message}`,
  unreadable(reason) {
    if (reason === 'no-such-file') return 'no such file';
    if (reason === 'permission-denied') return 'permission denied';
    if (reason === 'directory') return 'is a directory, not a file';
    return reason.other;
  },
  cannotRead: (path, reason) => `trial-match: cannot read ${path}: ${reason}`,
  jsonBreak(where) {
    const what = (description: string | undefined) => (description === undefined ? '' : `: ${description}`);
    switch (where.kind) {
      case 'empty':
        return 'the file is empty';
      case 'ends-early':
        return 'not valid JSON: it ends too early (an unclosed brace, bracket or string?)';
      case 'one-value-per-line':
        return 'one JSON value per line (NDJSON), not one profile: screen it with --batch';
      case 'at':
        return `not valid JSON at line ${where.line}, column ${where.column}${what(where.description)}`;
      case 'invalid':
        return `not valid JSON${what(where.description)}`;
    }
  },
  unknownTrial: (trialId, known) => `trial-match: unknown trial "${trialId}"; known trials: ${known.join(', ')}`,
  notJson: (file, problem) => `trial-match: ${file}: ${problem}`,
  notValidFile: (file, kind, count) =>
    `trial-match: ${file} is not a valid ${kind === 'bundle' ? 'FHIR Bundle' : 'patient profile'} (${count} ${count === 1 ? 'problem' : 'problems'}):`,
  wholeFile: { profile: '(the whole profile)', bundle: '(the whole Bundle)' },
  invalidLine: { profile: 'invalid profile', bundle: 'invalid FHIR Bundle' },
  wholeLine: '(whole)',
  colon: ': ',
  separator: '; ',
};

const ZH: CliWords = {
  usage: ZH_USAGE,
  usageProblem(problem) {
    switch (problem.code) {
      case 'unknown-option':
        return `未知选项 ${problem.option}（以“-”开头的文件名请放在命令末尾的 -- 之后）`;
      case 'option-needs-value':
        return `选项 ${problem.option} 需要一个取值`;
      case 'option-takes-no-value':
        return `选项 ${problem.option} 不接受取值`;
      case 'invalid-arguments':
        return `参数无效：${problem.detail}`;
      case 'missing-command':
        return '缺少命令：应为 "screen"';
      case 'unknown-command':
        return `未知命令 "${problem.command}"：应为 "screen"`;
      case 'missing-file':
        return problem.batch ? '缺少 NDJSON 文件：trial-match screen --batch <patients.ndjson>' : '缺少患者资料文件：trial-match screen <profile.json>';
      case 'too-many-files':
        return `应为一个患者资料文件，实际为 ${problem.count} 个：每次筛选一份资料（或用 --batch 筛选一个 NDJSON 文件）`;
      case 'bad-as-of':
        return `--as-of 须为 YYYY-MM-DD 格式的日历日期（例如 2026-11-25），实际为 "${problem.value}"`;
      case 'empty-trial':
        return '--trial 需要一个试验注册号（例如 NCT05212584）';
      case 'bad-lang':
        return `--lang 须为 ${problem.choices.join('、')} 之一，实际为 "${problem.value}"`;
      case 'json-with-batch':
        return '--json 用于单个文件；批量筛选写出 NDJSON 或 CSV（--format）';
      case 'bad-format':
        return `--format 须为 ndjson 或 csv，实际为 "${problem.value}"`;
      case 'empty-out':
        return '--out 需要一个文件名';
      case 'out-without-batch':
        return '--out 和 --format 须与 --batch 一起使用';
    }
  },
  usageError: (message) => `trial-match：${message}`,
  unreadable(reason) {
    if (reason === 'no-such-file') return '文件不存在';
    if (reason === 'permission-denied') return '没有读取权限';
    if (reason === 'directory') return '这是一个目录，不是文件';
    return reason.other;
  },
  cannotRead: (path, reason) => `trial-match：无法读取 ${path}：${reason}`,
  jsonBreak(where) {
    // V8's description has no Chinese; it is shown as the parser's own words.
    const what = (description: string | undefined) => (description === undefined ? '' : `（解析器提示：${description}）`);
    switch (where.kind) {
      case 'empty':
        return '文件为空';
      case 'ends-early':
        return '不是有效的 JSON：内容提前结束（花括号、方括号或字符串未闭合？）';
      case 'one-value-per-line':
        return '每行一个 JSON 值（NDJSON），不是单份资料：请用 --batch 筛选';
      case 'at':
        return `不是有效的 JSON：第 ${where.line} 行第 ${where.column} 列${what(where.description)}`;
      case 'invalid':
        return `不是有效的 JSON${what(where.description)}`;
    }
  },
  unknownTrial: (trialId, known) => `trial-match：未知试验 "${trialId}"；已知试验：${known.join('、')}`,
  notJson: (file, problem) => `trial-match：${file}：${problem}`,
  notValidFile: (file, kind, count) => `trial-match：${file} 不是有效的${kind === 'bundle' ? ' FHIR Bundle' : '患者资料'}（${count} 个问题）：`,
  wholeFile: { profile: '（整份资料）', bundle: '（整个 Bundle）' },
  invalidLine: { profile: '资料无效', bundle: 'FHIR Bundle 无效' },
  wholeLine: '（整体）',
  colon: '：',
  separator: '；',
};

export const CLI_WORDS: Readonly<Record<Locale, CliWords>> = { en: EN, 'zh-CN': ZH };
