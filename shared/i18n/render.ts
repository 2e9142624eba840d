/**
 * Renders structured screening results into a language, at the edge (API replies, CLI, web app). The structure is
 * kept beside the text, so no client loses anything: `reasons` stay data, `reason` is their sentence.
 */
import type { Reason } from '#screening/reasons.js';
import type { CriterionResult, DataRequest, ScreeningResult } from '#screening/result.js';
import { formatQuantity } from '#units/convert.js';
import type { Catalogue, Words } from './catalogue.js';
import { EN } from './en.js';
import type { Locale } from './locale.js';
import { ZH_CN } from './zh-cn.js';

export const CATALOGUES: Readonly<Record<Locale, Catalogue>> = { en: EN, 'zh-CN': ZH_CN };

export interface RenderedRequest extends DataRequest {
  /** What to send, in the reply's language. */
  readonly request: string;
}

export interface RenderedCriterion extends Omit<CriterionResult, 'missing'> {
  /** The reasons as one sentence in the reply's language. */
  readonly reason: string;
  readonly missing: readonly RenderedRequest[];
  /** The criterion in the reply's language, when that is not the record's English (a translation). */
  readonly translatedText?: string;
}

export interface RenderedScreening extends Omit<ScreeningResult, 'criteria' | 'missingData'> {
  readonly language: Locale;
  /** What the verdict means, worded so no one reads a pre-screen as enrolment. */
  readonly verdictLabel: string;
  readonly criteria: readonly RenderedCriterion[];
  readonly missingData: readonly RenderedRequest[];
}

const own = (table: Readonly<Record<string, string>>, key: string): string | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;

const wordsCache = new WeakMap<Catalogue, Words>();

function wordsOf(catalogue: Catalogue): Words {
  let words = wordsCache.get(catalogue);
  if (words) return words;
  const unit = (code: string) => own(catalogue.units, code) ?? code;
  const withUnit = (value: string, code: string) => {
    if (code === '') return value;
    return code === '%' ? `${value}%` : `${value} ${unit(code)}`;
  };
  words = {
    subject: (key) => own(catalogue.subjects, key) ?? key,
    value: (key) => own(catalogue.values, key) ?? key,
    number: (value) => formatQuantity(value),
    quantity: (value, code, converted, limitUnit) => {
      const shown = withUnit(formatQuantity(value), code);
      if (converted === undefined || limitUnit === undefined) return shown;
      // A converted value is for reading, not deciding (that is exact): two decimals, marked when rounded.
      const rounded = Math.round(converted * 100) / 100;
      return catalogue.converted(shown, `${rounded === converted ? '' : '≈ '}${withUnit(formatQuantity(rounded), limitUnit)}`);
    },
  };
  wordsCache.set(catalogue, words);
  return words;
}

export function renderReason(reason: Reason, locale: Locale): string {
  const catalogue = CATALOGUES[locale];
  const sentence = catalogue.reasons[reason.code] as (r: Reason, w: Words) => string;
  return sentence(reason, wordsOf(catalogue));
}

export function renderReasons(reasons: readonly Reason[], locale: Locale): string {
  return reasons.map((reason) => renderReason(reason, locale)).join(CATALOGUES[locale].separator);
}

export function renderRequest(request: DataRequest, locale: Locale): RenderedRequest {
  const catalogue = CATALOGUES[locale];
  const parts = catalogue.requestParts;
  let text = own(catalogue.needs, request.need) ?? request.need;
  if (request.windowDays !== undefined) text += parts.within(request.windowDays);
  if (request.since !== undefined) text += parts.since(request.since);
  if (request.check !== undefined) text += parts.check(request.check);
  return { ...request, request: text };
}

/** Every text a result carries, in one language. Results stored before reasons were data pass through as stored. */
export function renderScreening(result: ScreeningResult, locale: Locale): RenderedScreening {
  const catalogue = CATALOGUES[locale];
  return {
    ...result,
    language: locale,
    verdictLabel: catalogue.verdicts[result.verdict],
    criteria: result.criteria.map((criterion) => renderCriterion(criterion, locale, catalogue)),
    missingData: result.missingData.map((request) => renderStoredRequest(request, locale)),
  };
}

/** A request as stored: one from before requests were data already carries its English text. */
function renderStoredRequest(request: DataRequest & { request?: string }, locale: Locale): RenderedRequest {
  return typeof request.need === 'string' ? renderRequest(request, locale) : { ...request, request: request.request ?? '' };
}

function renderCriterion(criterion: CriterionResult, locale: Locale, catalogue: Catalogue): RenderedCriterion {
  const legacy = criterion as CriterionResult & { reason?: string; missing: readonly (DataRequest & { request?: string })[] };
  const translatedText = catalogue.criterionTexts ? own(catalogue.criterionTexts, criterion.id) : undefined;
  return {
    ...criterion,
    reason: Array.isArray(criterion.reasons) ? renderReasons(criterion.reasons, locale) : (legacy.reason ?? ''),
    missing: legacy.missing.map((request) => renderStoredRequest(request, locale)),
    ...(translatedText === undefined ? {} : { translatedText }),
  };
}

/** The label of a verdict or an outcome in one language (CLI, web app, inbox). */
export const verdictLabel = (verdict: ScreeningResult['verdict'], locale: Locale) => CATALOGUES[locale].verdicts[verdict];
export const outcomeLabel = (outcome: CriterionResult['outcome'], locale: Locale) => CATALOGUES[locale].outcomes[outcome];
export const problemLabel = (problem: DataRequest['problem'], locale: Locale) => CATALOGUES[locale].problems[problem];
