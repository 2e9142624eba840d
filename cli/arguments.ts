/**
 * The CLI's command line, parsed into a plain value (no I/O, so every case is unit-tested). Unknown options and
 * malformed values are usage errors, reported as sentences a person can act on.
 */
import { parseArgs } from 'node:util';
import { isLocale, LOCALES, type Locale } from '#i18n/locale.js';
import { IsoDate } from '#profile/schema.js';

export const USAGE = `Usage:
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
  --lang en|zh-CN     language of reasons, labels and a refused file's problems (default: from LANG, else en)
  --json              print the screening result as JSON instead of a table
  --batch             the file holds one Bundle or profile per line
  --out FILE          write the batch results there (default: standard output)
  --format ndjson|csv batch results format (default: from --out's extension, else ndjson)
  -h, --help          show this help

Exit codes: 0 screened (whatever the verdict; in a batch, lines that could not be screened are counted),
1 the file could not be read or another failure, 2 invalid input (bad arguments, not JSON, or a profile or
Bundle that fails validation).`;

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
  | { readonly command: 'help' }
  | { readonly command: 'usage-error'; readonly message: string };

const usageError = (message: string): CommandLine => ({ command: 'usage-error', message });

export function parseCommandLine(argv: readonly string[]): CommandLine {
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
    // parseArgs' messages name the offending option ("Unknown option '--asof'"); they are clear enough to show.
    return usageError(error instanceof Error ? error.message : 'invalid arguments');
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };
  const [command, ...rest] = positionals;
  if (command === undefined) return usageError('missing command: expected "screen"');
  if (command === 'help') return { command: 'help' };
  if (command !== 'screen') return usageError(`unknown command "${command}": expected "screen"`);
  const [profilePath, ...extra] = rest;
  if (profilePath === undefined || profilePath === '') {
    return usageError(values.batch ? 'missing the NDJSON file: trial-match screen --batch <patients.ndjson>' : 'missing the profile file: trial-match screen <profile.json>');
  }
  if (extra.length > 0) return usageError(`expected one profile file, got ${rest.length}: screen one profile at a time (or one NDJSON file with --batch)`);

  const asOf = values['as-of'];
  if (asOf !== undefined && !IsoDate.safeParse(asOf).success) {
    return usageError(`--as-of must be a calendar date written YYYY-MM-DD (e.g. 2026-11-25), got "${asOf}"`);
  }
  const trialId = values.trial;
  if (trialId !== undefined && trialId.trim() === '') return usageError('--trial needs a trial registration number (e.g. NCT05212584)');

  const language = values.lang;
  if (language !== undefined && !isLocale(language)) return usageError(`--lang must be one of ${LOCALES.join(', ')}, got "${language}"`);

  if (values.batch) {
    if (values.json) return usageError('--json is for one file; a batch writes NDJSON or CSV (--format)');
    const format = values.format ?? (values.out?.toLowerCase().endsWith('.csv') ? 'csv' : 'ndjson');
    if (format !== 'ndjson' && format !== 'csv') return usageError(`--format must be ndjson or csv, got "${format}"`);
    if (values.out !== undefined && values.out.trim() === '') return usageError('--out needs a file name');
    return {
      command: 'batch',
      inputPath: profilePath,
      format,
      ...(values.out === undefined ? {} : { outPath: values.out }),
      ...(asOf === undefined ? {} : { asOf }),
      ...(trialId === undefined ? {} : { trialId }),
      ...(language === undefined ? {} : { language }),
    };
  }
  if (values.out !== undefined || values.format !== undefined) return usageError('--out and --format go with --batch');

  return {
    command: 'screen',
    profilePath,
    json: values.json,
    ...(asOf === undefined ? {} : { asOf }),
    ...(trialId === undefined ? {} : { trialId }),
    ...(language === undefined ? {} : { language }),
  };
}
