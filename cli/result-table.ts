/**
 * A screening result as text for a terminal: one row per criterion (id, outcome, reason wrapped to the width),
 * then the verdict, score, review date and the data still needed. Pure: the width is a parameter.
 */
import type { CriterionResult, DataRequest, ScreeningResult } from '../shared/screening/result.js';

/** Narrower than this, the reason column would be too thin to read; wider, lines get hard to follow. */
const MIN_WIDTH = 60;
const MAX_WIDTH = 120;
const GAP = '  ';
const LABEL_WIDTH = 'Review at:  '.length;

const OUTCOME_LABELS: Readonly<Record<CriterionResult['outcome'], string>> = {
  met: 'met',
  not_met: 'NOT MET',
  unknown: 'unknown',
};

const VERDICT_LABELS: Readonly<Record<ScreeningResult['verdict'], string>> = {
  eligible: 'ELIGIBLE: every criterion the physician can report is met',
  potential: 'POTENTIAL CANDIDATE: nothing excludes the patient, some data is missing or stale',
  ineligible: 'INELIGIBLE: at least one criterion is not met',
};

export interface TableHeading {
  readonly trialId: string;
  readonly title: string;
}

export function formatResultTable(result: ScreeningResult, heading: TableHeading, terminalWidth = 100): string {
  const width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.floor(terminalWidth)));
  const idWidth = Math.max('CRITERION'.length, ...result.criteria.map((c) => c.id.length));
  const outcomeWidth = Math.max('OUTCOME'.length, ...Object.values(OUTCOME_LABELS).map((label) => label.length));
  const reasonWidth = width - idWidth - outcomeWidth - 2 * GAP.length;
  const indent = ' '.repeat(idWidth + outcomeWidth + 2 * GAP.length);

  const lines: string[] = [
    ...wrap(`${heading.trialId}: ${heading.title}`, width),
    `criteria version ${result.criteriaVersion}, screened as of ${result.asOf}`,
    '',
    ['CRITERION'.padEnd(idWidth), 'OUTCOME'.padEnd(outcomeWidth), 'REASON'].join(GAP),
    ['-'.repeat(idWidth), '-'.repeat(outcomeWidth), '-'.repeat(reasonWidth)].join(GAP),
  ];
  for (const criterion of result.criteria) {
    const reason = criterion.siteVerified ? `${criterion.reason} (verified by the site)` : criterion.reason;
    const [first = '', ...more] = wrap(reason, reasonWidth);
    lines.push([criterion.id.padEnd(idWidth), OUTCOME_LABELS[criterion.outcome].padEnd(outcomeWidth), first].join(GAP).trimEnd());
    for (const line of more) lines.push(indent + line);
  }

  const reviewAt =
    result.reviewAt === null ? 'none (only new data can change the verdict)' : `${result.reviewAt} (the verdict can change then with no new data)`;
  lines.push(
    '',
    ...labelled('Verdict:', VERDICT_LABELS[result.verdict], width),
    ...labelled('Score:', String(result.score), width),
    ...labelled('Review at:', reviewAt, width),
  );
  lines.push('', result.missingData.length === 0 ? 'Missing data: none' : `Missing data (${result.missingData.length}):`);
  for (const request of result.missingData) lines.push(...formatRequest(request, width));
  return `${lines.join('\n')}\n`;
}

/** `Label:     text`, the text wrapped under itself. */
function labelled(label: string, text: string, width: number): string[] {
  const indent = ' '.repeat(LABEL_WIDTH);
  const [first = '', ...more] = wrap(text, width - LABEL_WIDTH);
  return [label.padEnd(LABEL_WIDTH) + first, ...more.map((line) => indent + line)];
}

function formatRequest(request: DataRequest, width: number): string[] {
  const [first = '', ...more] = wrap(`${request.field} (${request.problem}, ${request.criterionId}): ${request.request}`, width - 4);
  return [`  - ${first}`, ...more.map((line) => `    ${line}`)];
}

/** Greedy word wrap; a word longer than the width is cut, so no line ever overflows. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    let rest = word;
    while (rest.length > width) {
      if (line !== '') {
        lines.push(line);
        line = '';
      }
      lines.push(rest.slice(0, width));
      rest = rest.slice(width);
    }
    if (line === '') line = rest;
    else if (line.length + 1 + rest.length <= width) line = `${line} ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}
