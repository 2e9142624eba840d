/** An event that excludes while recent: "myocardial infarction within the past 12 months" (inclusive). */
import type { RecentEventRule } from '#trial/definition.js';
import { addMonths, isoDate } from '../calendar.js';
import { asRecord, asString, decided, missingData, unusableEventDate, usableEventDate, type Evaluator } from './evaluation.js';
import type { ProfileFields } from './profile-fields.js';

export function recentEventEvaluator(rule: RecentEventRule, criterionId: string, fields: ProfileFields): Evaluator {
  const read = fields.reader(rule.field);
  const months = rule.withinMonths;
  const dateField = `${rule.field}.mostRecentOn`;
  return (values, asOf) => {
    const event = asRecord(read(values));
    const status = event ? asString(event['status']) : undefined;
    if (status === 'absent') return decided('met', { code: 'condition', subject: rule.subject, status: 'absent' });
    if (status !== 'present') return missingData(rule.subject, rule.field, criterionId, rule.need);
    const on = event ? asString(event['mostRecentOn']) : undefined;
    if (!usableEventDate(on, asOf)) return unusableEventDate(on, asOf, rule.subject, dateField, criterionId, rule.dateNeed);
    const windowEnds = addMonths(on, months);
    if (asOf <= windowEnds) {
      return decided('not_met', { code: 'event-within', subject: rule.subject, date: on, months, until: isoDate(windowEnds) }, windowEnds + 1);
    }
    return decided('met', { code: 'event-before', subject: rule.subject, date: on, months });
  };
}
