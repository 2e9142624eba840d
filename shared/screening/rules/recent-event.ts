/** An event that excludes while recent: "myocardial infarction within the past 12 months" (inclusive). */
import type { RecentEventRule } from '../../trial/definition.js';
import { addMonths, dayNumber, isoDate } from '../calendar.js';
import { asRecord, asString, decided, missingData, pathReader, unknown, type Evaluator } from './evaluation.js';

export function recentEventEvaluator(rule: RecentEventRule, criterionId: string): Evaluator {
  const read = pathReader(rule.field);
  const window = `the past ${rule.withinMonths} months`;
  return (profile, asOf) => {
    const event = asRecord(read(profile));
    const status = event ? asString(event['status']) : undefined;
    if (status === 'absent') return decided('met', `${rule.label}: absent`);
    if (status !== 'present') return missingData(rule.label, rule.field, criterionId, rule.request);
    const on = event ? asString(event['mostRecentOn']) : undefined;
    if (on === undefined || dayNumber(on) > asOf) {
      return unknown(
        on === undefined ? `${rule.label} reported without a date` : `${rule.label} dated ${on}, after the screening date`,
        { field: `${rule.field}.mostRecentOn`, criterionId, problem: 'incomplete', request: rule.request },
        on === undefined ? null : dayNumber(on),
      );
    }
    const windowEnds = addMonths(on, rule.withinMonths);
    if (asOf <= windowEnds) {
      return decided('not_met', `${rule.label} on ${on} is within ${window} (until ${isoDate(windowEnds)})`, windowEnds + 1);
    }
    return decided('met', `${rule.label} on ${on} is more than ${rule.withinMonths} months before the screening date`);
  };
}
