/**
 * A reported condition the criterion needs absent (most exclusions) or present. Current states (an infection)
 * must have been assessed recently; a history item need not. Some findings reported present are the site's to
 * judge (measurable extramedullary disease): unknown, with a site-review request.
 */
import type { Reason } from '../reasons.js';
import type { ConditionRule } from '../../trial/definition.js';
import { dayNumber } from '../calendar.js';
import {
  asRecord,
  asString,
  currencyOf,
  decidedBy,
  missingData,
  notCurrent,
  pathReader,
  request,
  undecided,
  unknown,
  type Evaluation,
  type Evaluator,
} from './evaluation.js';

export function conditionEvaluator(rule: ConditionRule, criterionId: string): Evaluator {
  const read = pathReader(rule.field);
  const readHsct = rule.distinctFromHsct === undefined ? undefined : pathReader(rule.distinctFromHsct);
  const window = rule.currentWithinDays;

  /** "Prior allogeneic HSCT is not a solid organ transplant", said whenever an HSCT is reported. */
  const withHsctNote = (evaluation: Evaluation, profile: Parameters<Evaluator>[0]): Evaluation => {
    const hsct = readHsct ? asRecord(readHsct(profile)) : undefined;
    if (!hsct || hsct['status'] !== 'present') return evaluation;
    const date = asString(hsct['date']);
    const note: Reason = date === undefined ? { code: 'hsct-is-not-solid-organ' } : { code: 'hsct-is-not-solid-organ', date };
    return { ...evaluation, reasons: [...evaluation.reasons, note] };
  };

  const evaluate: Evaluator = (profile, asOf) => {
    const condition = asRecord(read(profile));
    const status = condition ? asString(condition['status']) : undefined;
    if (status !== 'present' && status !== 'absent') return missingData(rule.subject, rule.field, criterionId, rule.need, window);
    const assessedOn = condition ? asString(condition['assessedOn']) : undefined;
    const outcome = status === rule.metWhen ? 'met' : 'not_met';
    let changesOn: number | null = null;
    if (window !== undefined) {
      if (assessedOn === undefined) {
        return unknown(
          { code: 'condition-undated', subject: rule.subject, status },
          request(`${rule.field}.assessedOn`, criterionId, 'incomplete', rule.need, { windowDays: window }),
        );
      }
      const currency = currencyOf(dayNumber(assessedOn), asOf, window);
      if (currency.state !== 'current') return notCurrent(currency, rule.subject, assessedOn, window, asOf, rule.field, criterionId, rule.need);
      changesOn = currency.staleFrom;
    }
    const reason: Reason =
      assessedOn === undefined ? { code: 'condition', subject: rule.subject, status } : { code: 'condition', subject: rule.subject, status, assessedOn };
    if (status === 'present' && rule.siteReviewsPresent !== undefined) {
      const review: Reason =
        assessedOn === undefined ? { code: 'site-review', subject: rule.subject } : { code: 'site-review', subject: rule.subject, assessedOn };
      return undecided([review], request(rule.field, criterionId, 'site-review', rule.siteReviewsPresent), changesOn);
    }
    return decidedBy(outcome, [reason], changesOn);
  };
  return readHsct === undefined ? evaluate : (profile, asOf) => withHsctNote(evaluate(profile, asOf), profile);
}
