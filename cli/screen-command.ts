/**
 * `trial-match screen <profile.json | bundle.json>`: reads and validates a profile (or translates a FHIR Bundle), screens it with the same engine the service
 * uses, and prints a table or the ScreeningResult JSON. Problems go to stderr, one line per bad field; nothing
 * from the profile's contents is echoed except what the result itself reports.
 */
import { renderMappingReport } from '#fhir/fhir-messages.js';
import { renderScreening } from '#i18n/render.js';
import { screen } from '#screening/screen.js';
import type { TrialDefinition } from '#trial/definition.js';
import { findTrial, siteTimeZone, TRIALS } from '#trial/registry.js';
import type { ScreenCommand } from './arguments.js';
import { EXIT, type CliEnvironment, type ExitCode } from './environment.js';
import { formatMappingReport } from './mapping-report.js';
import { formatResultTable } from './result-table.js';
import { screeningDate } from '#referral/screening-date.js';

export async function runScreenCommand(command: ScreenCommand, env: CliEnvironment): Promise<ExitCode> {
  const trial = chooseTrial(command.trialId);
  if (!trial) {
    env.writeErr(`trial-match: unknown trial "${command.trialId ?? ''}"; known trials: ${TRIALS.map((t) => t.id).join(', ')}\n`);
    return EXIT.invalidInput;
  }

  const read = await env.readProfile(command.profilePath);
  if (!read.ok) {
    const where = command.profilePath;
    switch (read.problem) {
      case 'unreadable':
        env.writeErr(`trial-match: cannot read ${where}: ${read.message}\n`);
        return EXIT.failure;
      case 'not-json':
        env.writeErr(`trial-match: ${where}: ${read.message}\n`);
        return EXIT.invalidInput;
      case 'invalid-profile':
      case 'invalid-bundle': {
        const count = read.issues.length;
        const what = read.problem === 'invalid-bundle' ? 'FHIR Bundle' : 'patient profile';
        const lines = read.issues.map((issue) => `  ${issue.field === '' ? `(the whole ${read.problem === 'invalid-bundle' ? 'Bundle' : 'profile'})` : issue.field}: ${issue.message}`);
        env.writeErr(`trial-match: ${where} is not a valid ${what} (${count} ${count === 1 ? 'problem' : 'problems'}):\n${lines.join('\n')}\n`);
        return EXIT.invalidInput;
      }
    }
  }

  // The site's calendar day, not the machine's: that is the day the screening result is dated in the service.
  const asOf = command.asOf ?? screeningDate(env.now(), siteTimeZone(trial));
  const locale = command.language ?? env.language ?? 'en';
  const result = renderScreening(screen(read.profile, trial, asOf), locale);
  const report = read.translation === undefined ? undefined : renderMappingReport(read.translation, locale);
  if (command.json) {
    env.writeOut(`${JSON.stringify(report === undefined ? result : { ...result, fhir: report }, null, 2)}\n`);
    return EXIT.ok;
  }
  env.writeOut(formatResultTable(result, { trialId: trial.id, title: trial.title }, env.terminalWidth ?? 100));
  if (report !== undefined) env.writeOut(formatMappingReport(report, locale, env.terminalWidth ?? 100));
  return EXIT.ok;
}

function chooseTrial(trialId: string | undefined): TrialDefinition | undefined {
  if (trialId !== undefined) return findTrial(trialId.trim().toUpperCase());
  return TRIALS.length === 1 ? TRIALS[0] : undefined;
}
