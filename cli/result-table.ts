/**
 * A screening result as text for a terminal, in the result's language: one row per criterion (id, outcome worded
 * for its kind, reason wrapped to the width), then the verdict (a pre-screen, worded so), score, the dates it can
 * change and the data still needed. Pure: the width is a parameter. Chinese wraps by character, at two columns each.
 */
import type { RenderedRequest, RenderedScreening } from '#i18n/render.js';
import { CATALOGUES, outcomeLabel, problemLabel } from '#i18n/render.js';
import type { Locale } from '#i18n/locale.js';
import { charWidth, displayWidth, padEnd } from './display-width.js';

/** Narrower than this, the reason column would be too thin to read; wider, lines get hard to follow. */
const MIN_WIDTH = 60;
const MAX_WIDTH = 120;
const GAP = '  ';

interface TableWords {
  readonly criterion: string;
  readonly outcome: string;
  readonly reason: string;
  readonly version: (version: number, asOf: string) => string;
  readonly siteVerified: string;
  readonly verdict: string;
  readonly score: string;
  readonly reviewAt: string;
  readonly rescreenAt: string;
  readonly reviewAtText: (date: string | null) => string;
  readonly rescreenAtText: (date: string | null) => string;
  readonly missingNone: string;
  readonly missingCount: (count: number) => string;
}

const WORDS: Readonly<Record<Locale, TableWords>> = {
  en: {
    criterion: 'CRITERION',
    outcome: 'OUTCOME',
    reason: 'REASON',
    version: (version, asOf) => `criteria version ${version}, pre-screened as of ${asOf}`,
    siteVerified: ' (verified by the site)',
    verdict: 'Verdict:',
    score: 'Score:',
    reviewAt: 'Review at:',
    rescreenAt: 'Rescreen:',
    reviewAtText: (date) => (date === null ? 'none: only new data can change an outcome' : `${date} (the first day an outcome can change with no new data)`),
    rescreenAtText: (date) => (date === null ? 'not scheduled: only new data can change the verdict' : `${date} (the verdict can change then with no new data)`),
    missingNone: 'Missing data: none',
    missingCount: (count) => `Missing data (${count}):`,
  },
  'zh-CN': {
    criterion: '标准',
    outcome: '结果',
    reason: '理由',
    version: (version, asOf) => `标准版本 ${version}，预筛日期 ${asOf}`,
    siteVerified: '（由研究中心核实）',
    verdict: '结论：',
    score: '评分：',
    reviewAt: '复核日期：',
    rescreenAt: '重新筛选：',
    reviewAtText: (date) => (date === null ? '无：只有新资料才能改变结果' : `${date}（无新资料时，最早可能改变某项结果的日期）`),
    rescreenAtText: (date) => (date === null ? '不安排：只有新资料才能改变结论' : `${date}（无新资料时结论可能在该日改变）`),
    missingNone: '缺失资料：无',
    missingCount: (count) => `缺失资料（${count}项）：`,
  },
};

export interface TableHeading {
  readonly trialId: string;
  readonly title: string;
}

export function formatResultTable(result: RenderedScreening, heading: TableHeading, terminalWidth = 100): string {
  const locale = result.language;
  const words = WORDS[locale];
  const width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.floor(terminalWidth)));
  const outcomes = Object.values(CATALOGUES[locale].outcomes);
  const idWidth = Math.max(displayWidth(words.criterion), ...result.criteria.map((c) => c.id.length));
  const outcomeWidth = Math.max(displayWidth(words.outcome), ...outcomes.map(displayWidth));
  const reasonWidth = width - idWidth - outcomeWidth - 2 * GAP.length;
  const indent = ' '.repeat(idWidth + outcomeWidth + 2 * GAP.length);

  const lines: string[] = [
    ...wrap(`${heading.trialId}: ${heading.title}`, width),
    words.version(result.criteriaVersion, result.asOf),
    '',
    [padEnd(words.criterion, idWidth), padEnd(words.outcome, outcomeWidth), words.reason].join(GAP),
    ['-'.repeat(idWidth), '-'.repeat(outcomeWidth), '-'.repeat(reasonWidth)].join(GAP),
  ];
  for (const criterion of result.criteria) {
    const reason = criterion.siteVerified ? `${criterion.reason}${words.siteVerified}` : criterion.reason;
    const [first = '', ...more] = wrap(reason, reasonWidth);
    lines.push([padEnd(criterion.id, idWidth), padEnd(outcomeLabel(criterion.outcome, locale), outcomeWidth), first].join(GAP).trimEnd());
    for (const line of more) lines.push(indent + line);
  }

  const labelWidth = Math.max(...[words.verdict, words.score, words.reviewAt, words.rescreenAt].map(displayWidth)) + 2;
  lines.push(
    '',
    ...labelled(words.verdict, result.verdictLabel, width, labelWidth),
    ...labelled(words.score, String(result.score), width, labelWidth),
    ...labelled(words.reviewAt, words.reviewAtText(result.reviewAt), width, labelWidth),
    ...labelled(words.rescreenAt, words.rescreenAtText(result.rescreenAt), width, labelWidth),
  );
  lines.push('', result.missingData.length === 0 ? words.missingNone : words.missingCount(result.missingData.length));
  for (const request of result.missingData) lines.push(...formatRequest(request, locale, width));
  return `${lines.join('\n')}\n`;
}

/** `Label:     text`, the text wrapped under itself. */
function labelled(label: string, text: string, width: number, labelWidth: number): string[] {
  const indent = ' '.repeat(labelWidth);
  const [first = '', ...more] = wrap(text, width - labelWidth);
  return [padEnd(label, labelWidth) + first, ...more.map((line) => indent + line)];
}

function formatRequest(request: RenderedRequest, locale: Locale, width: number): string[] {
  const [first = '', ...more] = wrap(`${request.field} (${problemLabel(request.problem, locale)}, ${request.criterionId}): ${request.request}`, width - 4);
  return [`  - ${first}`, ...more.map((line) => `    ${line}`)];
}

/**
 * Word wrap by display width; a word wider than the line is cut. Chinese has no spaces between words, so each wide
 * character is a place where a line may break.
 */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  const flush = () => {
    lines.push(line.trimEnd());
    line = '';
    lineWidth = 0;
  };
  for (const token of tokens(text)) {
    if (token === ' ') {
      if (lineWidth > 0 && lineWidth < width) {
        line += ' ';
        lineWidth += 1;
      }
      continue;
    }
    const tokenWidth = displayWidth(token);
    if (lineWidth + tokenWidth > width && lineWidth > 0) {
      // Chinese never starts a line with closing punctuation: carry the character before it down too.
      const carried = NO_LINE_START.has(token) ? Array.from(line).pop() : undefined;
      if (carried !== undefined && carried.trim() !== '') line = line.slice(0, line.length - carried.length);
      flush();
      if (carried !== undefined && carried.trim() !== '') {
        line = carried;
        lineWidth = displayWidth(carried);
      }
    }
    if (tokenWidth <= width) {
      line += token;
      lineWidth += tokenWidth;
      continue;
    }
    for (const char of token) {
      const w = charWidth(char.codePointAt(0) ?? 0);
      if (lineWidth + w > width) flush();
      line += char;
      lineWidth += w;
    }
  }
  if (line.trim() !== '' || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}

/** Closing punctuation that must not begin a line (the kinsoku rule Chinese typesetting follows too). */
const NO_LINE_START = new Set(['，', '。', '；', '：', '）', '、', '！', '？', '」', '』', '》']);

/** Words, single spaces, and each wide character as its own token. */
function tokens(text: string): string[] {
  const out: string[] = [];
  let word = '';
  for (const char of text) {
    if (/\s/.test(char)) {
      if (word !== '') out.push(word);
      word = '';
      if (out[out.length - 1] !== ' ') out.push(' ');
    } else if (charWidth(char.codePointAt(0) ?? 0) === 2) {
      if (word !== '') out.push(word);
      word = '';
      out.push(char);
    } else word += char;
  }
  if (word !== '') out.push(word);
  return out;
}
