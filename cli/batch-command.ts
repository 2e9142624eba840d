/**
 * `trial-match screen --batch <patients.ndjson>`: one FHIR Bundle or profile per line, screened with the same
 * translator and engine as the service; one result per line (NDJSON or CSV) to a file or standard output; the
 * summary to standard output (or standard error when the results take standard output); a progress bar on a
 * terminal's standard error. A line that cannot be screened is reported as such and counted, never skipped silently.
 */
import type { Locale } from '#i18n/locale.js';
import { screen } from '#screening/screen.js';
import type { TrialDefinition } from '#trial/definition.js';
import { siteTimeZone } from '#trial/registry.js';
import type { BatchCommand } from './arguments.js';
import { csvRow, CSV_HEADER, ndjsonRow, type BatchLine } from './batch-results.js';
import { BatchTally, formatBatchSummary } from './batch-summary.js';
import { EXIT, type CliEnvironment, type ExitCode } from './environment.js';
import { chosenTrial, knownTrialIds } from './chosen-trial.js';
import { CLI_WORDS } from './cli-words.js';
import { profileFromJson, unreadableReason, whereJsonBroke } from './profile-file.js';
import { ProgressBar } from './progress-bar.js';
import { screeningDate } from '#referral/screening-date.js';

/** The id a line carries: the Bundle's, else its Patient's. Profiles carry none. */
function idOf(json: unknown): string | undefined {
  const bundle = json as { resourceType?: unknown; id?: unknown; entry?: { resource?: { resourceType?: unknown; id?: unknown } }[] };
  if (bundle?.resourceType !== 'Bundle') return undefined;
  if (typeof bundle.id === 'string') return bundle.id;
  const patient = Array.isArray(bundle.entry) ? bundle.entry.find((e) => e?.resource?.resourceType === 'Patient')?.resource : undefined;
  return typeof patient?.id === 'string' ? patient.id : undefined;
}

export function screenLine(text: string, line: number, trial: TrialDefinition, asOf: string, locale: Locale = 'en'): BatchLine {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { line, error: CLI_WORDS[locale].jsonBreak(whereJsonBroke(text, error)) };
  }
  const id = idOf(json);
  const read = profileFromJson(json, locale);
  if (!read.ok) {
    const words = CLI_WORDS[locale];
    const issues = read.problem === 'not-json' ? read.message : read.issues.map((i) => `${i.field || words.wholeLine}${words.colon}${i.message}`).join(words.separator);
    const invalid = words.invalidLine[read.problem === 'invalid-bundle' ? 'bundle' : 'profile'];
    return { line, ...(id === undefined ? {} : { id }), error: `${invalid}${words.colon}${issues}` };
  }
  const result = screen(read.profile, trial, asOf);
  const siteVerified = new Set(result.criteria.filter((c) => c.siteVerified).map((c) => c.id));
  return {
    line,
    ...(id === undefined ? {} : { id }),
    verdict: result.verdict,
    score: result.score,
    // What the referring physician can send; consent, which only the site verifies, is left to the site.
    missing: result.missingData.filter((request) => !siteVerified.has(request.criterionId)).map((request) => request.field),
    reviewAt: result.reviewAt,
    ...(read.translation === undefined ? {} : { notUsed: read.translation.notUsed.length }),
  };
}

export async function runBatchCommand(command: BatchCommand, env: CliEnvironment): Promise<ExitCode> {
  const locale = command.language ?? env.language ?? 'en';
  const words = CLI_WORDS[locale];
  const trial = chosenTrial(command.trialId);
  if (!trial) {
    env.writeErr(`${words.unknownTrial(command.trialId ?? '', knownTrialIds())}\n`);
    return EXIT.invalidInput;
  }
  if (!env.openLines || !env.openOutput) throw new Error('this environment cannot run batches');
  let input;
  try {
    input = await env.openLines(command.inputPath);
  } catch (error) {
    env.writeErr(`${words.cannotRead(command.inputPath, words.unreadable(unreadableReason(error)))}\n`);
    return EXIT.failure;
  }
  const asOf = command.asOf ?? screeningDate(env.now(), siteTimeZone(trial));
  const output = await env.openOutput(command.outPath);
  const row = command.format === 'csv' ? csvRow : ndjsonRow;
  if (command.format === 'csv') await output.write(CSV_HEADER);
  const tally = new BatchTally();
  const progress = env.errIsTerminal && env.clock ? new ProgressBar(env.writeErr, input.bytes, env.clock) : undefined;
  let lineNumber = 0;
  let bytes = 0;
  // Results are written in chunks: one write per line would make the file system the bottleneck.
  let pending = '';
  for await (const text of input.lines) {
    lineNumber++;
    bytes += Buffer.byteLength(text, 'utf8') + 1;
    if (text.trim() === '') continue;
    const result = screenLine(text, lineNumber, trial, asOf, locale);
    tally.add(result);
    pending += row(result);
    if (pending.length > 64 * 1024) {
      await output.write(pending);
      pending = '';
    }
    progress?.update(bytes, lineNumber);
  }
  if (pending !== '') await output.write(pending);
  await output.close();
  progress?.finish();
  const summary = formatBatchSummary(tally, locale);
  if (command.outPath === undefined) env.writeErr(summary);
  else env.writeOut(summary);
  return EXIT.ok;
}
