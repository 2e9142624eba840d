/**
 * The FHIR mapping report under the result table: how many values were read from the Bundle, the readings worth a
 * note, and every resource or coding that was not used and why. Pure: the width is a parameter.
 */
import type { RenderedNotUsed, RenderedProvenance } from '#fhir/fhir-messages.js';
import type { Locale } from '#i18n/locale.js';
import { wrap } from './result-table.js';

const WORDS = {
  en: {
    heading: (read: number) => `FHIR Bundle: ${read} value${read === 1 ? '' : 's'} read`,
    notUsed: (count: number) => `Not used (${count}):`,
    none: 'Not used: nothing',
  },
  'zh-CN': {
    heading: (read: number) => `FHIR Bundle：读取 ${read} 项`,
    notUsed: (count: number) => `未使用（${count}项）：`,
    none: '未使用：无',
  },
} as const;

export function formatMappingReport(
  report: { readonly provenance: readonly RenderedProvenance[]; readonly notUsed: readonly RenderedNotUsed[] },
  locale: Locale,
  terminalWidth: number,
): string {
  const width = Math.min(120, Math.max(60, Math.floor(terminalWidth)));
  const words = WORDS[locale];
  const lines = ['', words.heading(report.provenance.length)];
  for (const entry of report.provenance) {
    if (entry.text === undefined) continue;
    const [first = '', ...more] = wrap(`${entry.field} ← ${entry.path}: ${entry.text}`, width - 4);
    lines.push(`  * ${first}`, ...more.map((line) => `    ${line}`));
  }
  lines.push('', report.notUsed.length === 0 ? words.none : words.notUsed(report.notUsed.length));
  for (const entry of report.notUsed) {
    const text = entry.text.replace(/^(?:not used: |未使用：)/, '');
    const [first = '', ...more] = wrap(text, width - 4);
    lines.push(`  - ${first}`, ...more.map((line) => `    ${line}`));
  }
  return `${lines.join('\n')}\n`;
}
