/**
 * A reported condition the criterion needs absent (most exclusions) or present. Current states (an infection)
 * must have been assessed recently; a history item need not. Some findings reported present are the site's to
 * judge (measurable extramedullary disease): unknown, with a site-review request.
 */
import type { Reason } from '../reasons.js';
import type { ConditionRule } from '#trial/definition.js';
import { dayNumber } from '../calendar.js';
import {
  asRecord,
  asString,
  constant,
  constantRequest,
  decidedBy,
  missingData,
  notCurrent,
  request,
  undecided,
  unknown,
  type Evaluation,
  type Evaluator,
} from './evaluation.js';
import type { ProfileFields } from './profile-fields.js';

type Status = 'present' | 'absent';

export function conditionEvaluator(rule: ConditionRule, criterionId: string, fields: ProfileFields): Evaluator {
  const read = fields.reader(rule.field);
  const readHsct = rule.distinctFromHsct === undefined ? undefined : fields.reader(rule.distinctFromHsct);
  const window = rule.currentWithinDays;
  const { subject } = rule;
  const reviewRequest =
    rule.siteReviewsPresent === undefined ? undefined : constantRequest(request(rule.field, criterionId, 'site-review', rule.siteReviewsPresent));

  const judged = (status: Status, assessedOn: string | undefined, changesOn: number | null): Evaluation => {
    if (status === 'present' && reviewRequest !== undefined) {
      const review: Reason = assessedOn === undefined ? { code: 'site-review', subject } : { code: 'site-review', subject, assessedOn };
      return undecided([review], reviewRequest, changesOn);
    }
    const reason: Reason = assessedOn === undefined ? { code: 'condition', subject, status } : { code: 'condition', subject, status, assessedOn };
    return decidedBy(status === rule.metWhen ? 'met' : 'not_met', [reason], changesOn);
  };

  // What depends on the rule alone is built once.
  const none = constant(missingData(subject, rule.field, criterionId, rule.need, window));
  const undatedAnswer = (status: Status): Evaluation =>
    constant(
      window === undefined
        ? judged(status, undefined, null)
        : unknown(
            { code: 'condition-undated', subject, status },
            request(`${rule.field}.assessedOn`, criterionId, 'incomplete', rule.need, { windowDays: window }),
          ),
    );
  const undated = { present: undatedAnswer('present'), absent: undatedAnswer('absent') };

  const evaluate: Evaluator = (values, asOf) => {
    const condition = asRecord(read(values));
    const status = condition ? asString(condition['status']) : undefined;
    if (status !== 'present' && status !== 'absent') return none;
    const assessedOn = asString(condition?.['assessedOn']);
    if (assessedOn === undefined) return undated[status];
    if (window === undefined) return judged(status, assessedOn, null);
    const day = dayNumber(assessedOn);
    if (day > asOf) return notCurrent({ state: 'future', currentFrom: day }, subject, assessedOn, window, asOf, rule.field, criterionId, rule.need);
    const staleFrom = day + window + 1;
    if (asOf >= staleFrom) return notCurrent({ state: 'stale' }, subject, assessedOn, window, asOf, rule.field, criterionId, rule.need);
    return judged(status, assessedOn, staleFrom);
  };
  if (readHsct === undefined) return evaluate;

  /** "Prior allogeneic HSCT is not a solid organ transplant", said whenever an HSCT is reported. */
  return (values, asOf) => {
    const evaluation = evaluate(values, asOf);
    const hsct = asRecord(readHsct(values));
    if (!hsct || hsct['status'] !== 'present') return evaluation;
    const date = asString(hsct['date']);
    const note: Reason = date === undefined ? { code: 'hsct-is-not-solid-organ' } : { code: 'hsct-is-not-solid-organ', date };
    const reasons = evaluation.reasons.slice();
    reasons.push(note);
    return { outcome: evaluation.outcome, reasons, missing: evaluation.missing, changesOn: evaluation.changesOn, observed: evaluation.observed };
  };
}
