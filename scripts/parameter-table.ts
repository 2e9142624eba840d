/**
 * The README's table of criteria readings, generated from the trial definition so the two cannot drift:
 * `npx tsx scripts/parameter-table.ts` prints it; a test checks the README holds exactly this table.
 */
import type { TrialDefinition, TrialParameter } from '#trial/definition.js';
import { NCT05212584 } from '#trial/nct05212584.js';

function shownValue(parameter: TrialParameter): string {
  const { value, unit } = parameter;
  const text =
    typeof value === 'object'
      ? Object.entries(value)
          .map(([key, v]) => `${key} ${v}`)
          .join(', ')
      : String(value);
  return unit === undefined ? text : `${text} ${unit}`;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function parameterTable(trial: TrialDefinition): string {
  const rows = Object.entries(trial.parameters).map(([name, parameter]) => `| \`${name}\` | ${cell(shownValue(parameter))} | ${cell(parameter.reading)} |`);
  return ['| Parameter | Value | Reading |', '|---|---|---|', ...rows].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(`${parameterTable(NCT05212584)}\n`);
