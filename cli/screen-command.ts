/**
 * `trial-match screen <profile.json | bundle.json>`: reads and validates a profile (or translates a FHIR Bundle), screens it with the same engine the service
 * uses, and prints a table or the ScreeningResult JSON. Problems go to stderr, one line per bad field; nothing
 * from the profile's contents is echoed except what the result itself reports.
 */
import { renderMappingReport } from '#fhir/fhir-messages.js';
import { renderScreening } from '#i18n/render.js';
import { screen } from '#screening/screen.js';
import { siteTimeZone } from '#trial/registry.js';
import type { ScreenCommand } from './arguments.js';
import { chosenTrial, knownTrialIds } from './chosen-trial.js';
import { CLI_WORDS } from './cli-words.js';
import { EXIT, type CliEnvironment, type ExitCode } from './environment.js';
import { formatMappingReport } from './mapping-report.js';
import { formatResultTable } from './result-table.js';
import { screeningDate } from '#referral/screening-date.js';

export async function runScreenCommand(command: ScreenCommand, env: CliEnvironment): Promise<ExitCode> {
  const locale = command.language ?? env.language ?? 'en';
  const trial = chosenTrial(command.trialId);
  if (!trial) {
    env.writeErr(`${CLI_WORDS[locale].unknownTrial(command.trialId ?? '', knownTrialIds())}\n`);
    return EXIT.invalidInput;
  }

  const read = await env.readProfile(command.profilePath, locale);
  if (!read.ok) {
    const where = command.profilePath;
    switch (read.problem) {
      case 'unreadable':
        env.writeErr(`${CLI_WORDS[locale].cannotRead(where, read.message)}\n`);
        return EXIT.failure;
      case 'not-json':
        env.writeErr(`${CLI_WORDS[locale].notJson(where, read.message)}\n`);
        return EXIT.invalidInput;
      case 'invalid-profile':
      case 'invalid-bundle': {
        const words = CLI_WORDS[locale];
        const kind = read.problem === 'invalid-bundle' ? 'bundle' : 'profile';
        const lines = read.issues.map((issue) => `  ${issue.field === '' ? words.wholeFile[kind] : issue.field}${words.colon}${issue.message}`);
        env.writeErr(`${words.notValidFile(where, kind, read.issues.length)}\n${lines.join('\n')}\n`);
        return EXIT.invalidInput;
      }
    }
  }

  // The site's calendar day, not the machine's: that is the day the screening result is dated in the service.
  const asOf = command.asOf ?? screeningDate(env.now(), siteTimeZone(trial));
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
