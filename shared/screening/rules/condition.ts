/**
 * A reported condition the criterion needs absent (most exclusions) or present (a lymphoma's extramedullary
 * disease). Current states (an infection) must have been assessed recently; a history item need not.
 */
import type { ConditionRule } from '../../trial/definition.js';
import { dayNumber } from '../calendar.js';
import {
  asRecord,
  asString,
  currencyOf,
  decided,
  missingData,
  notCurrent,
  pathReader,
  unknown,
  type Evaluator,
} from './evaluation.js';

export function conditionEvaluator(rule: ConditionRule, criterionId: string): Evaluator {
  const read = pathReader(rule.field);
  const window = rule.currentWithinDays;
  return (profile, asOf) => {
    const condition = asRecord(read(profile));
    const status = condition ? asString(condition['status']) : undefined;
    if (status !== 'present' && status !== 'absent') {
      return missingData(rule.label, rule.field, criterionId, rule.request);
    }
    const assessedOn = condition ? asString(condition['assessedOn']) : undefined;
    const outcome = status === rule.metWhen ? 'met' : 'not_met';
    if (window === undefined) {
      return decided(outcome, `${rule.label}: ${status}${assessedOn === undefined ? '' : ` (assessed ${assessedOn})`}`);
    }
    if (assessedOn === undefined) {
      return unknown(`${rule.label} reported ${status} without an assessment date`, {
        field: `${rule.field}.assessedOn`,
        criterionId,
        problem: 'incomplete',
        request: rule.request,
      });
    }
    const currency = currencyOf(dayNumber(assessedOn), asOf, window);
    if (currency.state !== 'current') {
      return notCurrent(currency, `${rule.label} (${status})`, assessedOn, window, asOf, rule.field, criterionId, rule.request);
    }
    return decided(outcome, `${rule.label}: ${status} (assessed ${assessedOn})`, currency.staleFrom);
  };
}
