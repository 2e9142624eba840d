/** The batch summary: lines screened, counts by verdict, lines that failed, and the data most often missing. Pure. */
import { CATALOGUES } from '#i18n/render.js';
import type { Locale } from '#i18n/locale.js';
import type { Verdict } from '#screening/result.js';
import { isFailed, type BatchLine } from './batch-results.js';
import { displayWidth, padEnd } from './display-width.js';

export class BatchTally {
  readonly verdicts: Record<Verdict, number> = { eligible: 0, potential: 0, ineligible: 0 };
  failed = 0;
  private readonly missing = new Map<string, number>();

  add(line: BatchLine): void {
    if (isFailed(line)) {
      this.failed++;
      return;
    }
    this.verdicts[line.verdict]++;
    for (const field of line.missing) this.missing.set(field, (this.missing.get(field) ?? 0) + 1);
  }

  get screened(): number {
    return this.verdicts.eligible + this.verdicts.potential + this.verdicts.ineligible;
  }

  topMissing(count: number): [field: string, lines: number][] {
    return [...this.missing].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, count);
  }
}

const WORDS = {
  en: {
    title: (screened: number, failed: number) => `Screened ${screened.toLocaleString('en-US')} line${screened === 1 ? '' : 's'}${failed > 0 ? `; ${failed} could not be screened` : ''}`,
    verdict: 'VERDICT',
    lines: 'LINES',
    share: 'SHARE',
    failed: 'could not be screened',
    missing: 'MOST OFTEN MISSING',
  },
  'zh-CN': {
    title: (screened: number, failed: number) => `已筛选 ${screened} 行${failed > 0 ? `；${failed} 行无法筛选` : ''}`,
    verdict: '结论',
    lines: '行数',
    share: '占比',
    failed: '无法筛选',
    missing: '最常缺失的资料',
  },
} as const;

/** A verdict's label up to its dash: "Potential candidate", "潜在候选". */
const short = (label: string) => label.split(/ — |——/)[0] ?? label;
const padStart = (text: string, width: number) => ' '.repeat(Math.max(0, width - displayWidth(text))) + text;

export function formatBatchSummary(tally: BatchTally, locale: Locale): string {
  const words = WORDS[locale];
  const total = tally.screened + tally.failed;
  const share = (n: number) => (total === 0 ? '0%' : `${((100 * n) / total).toFixed(1)}%`);
  const labels = CATALOGUES[locale].verdicts;
  const rows: [string, number][] = [
    [short(labels.eligible), tally.verdicts.eligible],
    [short(labels.potential), tally.verdicts.potential],
    [labels.ineligible, tally.verdicts.ineligible],
    ...(tally.failed > 0 ? [[words.failed, tally.failed] as [string, number]] : []),
  ];
  const width = Math.max(...rows.map(([label]) => displayWidth(label)), displayWidth(words.verdict)) + 2;
  const lines = [words.title(tally.screened, tally.failed), '', `${padEnd(words.verdict, width)}${padStart(words.lines, 8)}  ${padStart(words.share, 6)}`];
  for (const [label, n] of rows) lines.push(`${padEnd(label, width)}${String(n).padStart(8)}  ${share(n).padStart(6)}`);
  const top = tally.topMissing(10);
  if (top.length > 0) {
    lines.push('', words.missing);
    const fieldWidth = Math.max(...top.map(([field]) => field.length)) + 2;
    for (const [field, n] of top) lines.push(`  ${padEnd(field, fieldWidth)}${String(n).padStart(8)}  ${share(n).padStart(6)}`);
  }
  return `${lines.join('\n')}\n`;
}
