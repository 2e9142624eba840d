/** An event that excludes while recent: "myocardial infarction within the past 12 months" (inclusive). */
import type { RecentEventRule } from '../../trial/definition.js';
import { addMonths, dayNumber, isoDate } from '../calendar.js';
import { asRecord, asString, decided, missingData, pathReader, request, unknown, type Evaluator } from './evaluation.js';

export function recentEventEvaluator(rule: RecentEventRule, criterionId: string): Evaluator {
  const read = pathReader(rule.field);
  const months = rule.withinMonths;
  return (profile, asOf) => {
    const event = asRecord(read(profile));
    const status = event ? asString(event['status']) : undefined;
    if (status === 'absent') return decided('met', { code: 'condition', subject: rule.subject, status: 'absent' });
    if (status !== 'present') return missingData(rule.subject, rule.field, criterionId, rule.need);
    const on = event ? asString(event['mostRecentOn']) : undefined;
    const dateField = `${rule.field}.mostRecentOn`;
    if (on === undefined) {
      return unknown({ code: 'event-undated', subject: rule.subject }, request(dateField, criterionId, 'incomplete', rule.dateNeed));
    }
    if (dayNumber(on) > asOf) {
      return unknown(
        { code: 'future-dated', subject: rule.subject, date: on, asOf: isoDate(asOf) },
        request(dateField, criterionId, 'incomplete', rule.dateNeed, { check: on }),
        dayNumber(on),
      );
    }
    const windowEnds = addMonths(on, months);
    if (asOf <= windowEnds) {
      return decided('not_met', { code: 'event-within', subject: rule.subject, date: on, months, until: isoDate(windowEnds) }, windowEnds + 1);
    }
    return decided('met', { code: 'event-before', subject: rule.subject, date: on, months });
  };
}
