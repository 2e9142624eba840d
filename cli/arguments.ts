/**
 * The CLI's command line, parsed into a plain value (no I/O, so every case is unit-tested). Unknown options and
 * malformed values are usage errors, reported as sentences a person can act on, in the language the command line
 * asks for (`--lang`), else the terminal's.
 */
import { parseArgs } from 'node:util';
import { isLocale, LOCALES, type Locale } from '#i18n/locale.js';
import { IsoDate } from '#profile/schema.js';
import { CLI_WORDS, type UsageProblem } from './cli-words.js';

/** The help text, in `locale`. */
export const usage = (locale: Locale): string => CLI_WORDS[locale].usage;

export interface ScreenCommand {
  readonly command: 'screen';
  readonly profilePath: string;
  /** Absent: today in the trial site's time zone, decided by the caller (it owns the clock). */
  readonly asOf?: string;
  readonly trialId?: string;
  /** Absent: the terminal's language (LANG), decided by the caller. */
  readonly language?: Locale;
  readonly json: boolean;
}

export interface BatchCommand {
  readonly command: 'batch';
  readonly inputPath: string;
  /** Absent: standard output. */
  readonly outPath?: string;
  readonly format: 'ndjson' | 'csv';
  readonly asOf?: string;
  readonly trialId?: string;
  readonly language?: Locale;
}

export type CommandLine =
  | ScreenCommand
  | BatchCommand
  /** `language`: the one `--lang` asked for, when it did. */
  | { readonly command: 'help'; readonly language?: Locale }
  /** `message`: worded in `language`, the one `--lang` asked for, else the caller's. */
  | { readonly command: 'usage-error'; readonly message: string; readonly language: Locale };

/**
 * The language `--lang` asks for, read from the raw arguments: a usage error may stop parsing before the options
 * are known, and it should still be worded in the language asked for.
 */
function askedLanguage(argv: readonly string[]): Locale | undefined {
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === '--') break;
    const value = argument === '--lang' ? argv[i + 1] : argument?.startsWith('--lang=') ? argument.slice('--lang='.length) : undefined;
    if (value !== undefined && isLocale(value)) return value;
  }
  return undefined;
}

/** parseArgs' error (a Node error with a code) as a usage problem; the option it names is its first quoted word. */
function parseArgsProblem(error: unknown): UsageProblem {
  const detail = error instanceof Error ? error.message : 'invalid arguments';
  const code = error !== null && typeof error === 'object' && 'code' in error ? error.code : undefined;
  const option = /'(-{1,2}[^' ]+)/.exec(detail)?.[1];
  if (option === undefined) return { code: 'invalid-arguments', detail };
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return { code: 'unknown-option', option, detail };
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return /does not take an argument/.test(detail) ? { code: 'option-takes-no-value', option, detail } : { code: 'option-needs-value', option, detail };
  }
  return { code: 'invalid-arguments', detail };
}

/** `fallbackLanguage`: the terminal's, for messages when `--lang` does not say. */
export function parseCommandLine(argv: readonly string[], fallbackLanguage: Locale = 'en'): CommandLine {
  const asked = askedLanguage(argv);
  const language = asked ?? fallbackLanguage;
  const usageError = (problem: UsageProblem): CommandLine => ({ command: 'usage-error', message: CLI_WORDS[language].usageProblem(problem), language });
  const help: CommandLine = asked === undefined ? { command: 'help' } : { command: 'help', language: asked };
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        'as-of': { type: 'string' },
        trial: { type: 'string' },
        lang: { type: 'string' },
        json: { type: 'boolean', default: false },
        batch: { type: 'boolean', default: false },
        out: { type: 'string' },
        format: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    return usageError(parseArgsProblem(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return help;
  const [command, ...rest] = positionals;
  if (command === undefined) return usageError({ code: 'missing-command' });
  if (command === 'help') return help;
  if (command !== 'screen') return usageError({ code: 'unknown-command', command });
  const [profilePath, ...extra] = rest;
  if (profilePath === undefined || profilePath === '') {
    return usageError({ code: 'missing-file', batch: values.batch });
  }
  if (extra.length > 0) return usageError({ code: 'too-many-files', count: rest.length });

  const asOf = values['as-of'];
  if (asOf !== undefined && !IsoDate.safeParse(asOf).success) {
    return usageError({ code: 'bad-as-of', value: asOf });
  }
  const trialId = values.trial;
  if (trialId !== undefined && trialId.trim() === '') return usageError({ code: 'empty-trial' });

  const chosen = values.lang;
  if (chosen !== undefined && !isLocale(chosen)) return usageError({ code: 'bad-lang', value: chosen, choices: LOCALES });

  if (values.batch) {
    if (values.json) return usageError({ code: 'json-with-batch' });
    const format = values.format ?? (values.out?.toLowerCase().endsWith('.csv') ? 'csv' : 'ndjson');
    if (format !== 'ndjson' && format !== 'csv') return usageError({ code: 'bad-format', value: format });
    if (values.out !== undefined && values.out.trim() === '') return usageError({ code: 'empty-out' });
    return {
      command: 'batch',
      inputPath: profilePath,
      format,
      ...(values.out === undefined ? {} : { outPath: values.out }),
      ...(asOf === undefined ? {} : { asOf }),
      ...(trialId === undefined ? {} : { trialId }),
      ...(chosen === undefined ? {} : { language: chosen }),
    };
  }
  if (values.out !== undefined || values.format !== undefined) return usageError({ code: 'out-without-batch' });

  return {
    command: 'screen',
    profilePath,
    json: values.json,
    ...(asOf === undefined ? {} : { asOf }),
    ...(trialId === undefined ? {} : { trialId }),
    ...(chosen === undefined ? {} : { language: chosen }),
  };
}
