/**
 * Atrial fibrillation as the record's exclusion means it: current AF. Persistent or permanent AF, or AF reported
 * without its pattern, is current; paroxysmal AF is current while its last episode is within the window, and
 * history (said so) after it.
 */
import type { AtrialFibrillationRule } from '#trial/definition.js';
import { addMonths } from '../calendar.js';
import { asRecord, asString, decided, missingData, unusableEventDate, usableEventDate, type Evaluator } from './evaluation.js';
import type { ProfileFields } from './profile-fields.js';

export function atrialFibrillationEvaluator(rule: AtrialFibrillationRule, criterionId: string, fields: ProfileFields): Evaluator {
  const read = fields.reader(rule.field);
  const months = rule.paroxysmalWithinMonths;
  const dateField = `${rule.field}.lastEpisodeOn`;
  return (values, asOf) => {
    const af = asRecord(read(values));
    const status = af ? asString(af['status']) : undefined;
    if (status === 'absent') {
      const assessedOn = af ? asString(af['assessedOn']) : undefined;
      return decided('met', assessedOn === undefined ? { code: 'condition', subject: rule.subject, status } : { code: 'condition', subject: rule.subject, status, assessedOn });
    }
    if (status !== 'present') return missingData(rule.subject, rule.field, criterionId, rule.need);
    const pattern = af ? asString(af['pattern']) : undefined;
    const lastEpisodeOn = af ? asString(af['lastEpisodeOn']) : undefined;
    if (pattern !== 'paroxysmal') {
      const current = pattern === 'persistent' || pattern === 'permanent' ? pattern : 'unspecified';
      return decided('not_met', { code: 'af-current', pattern: current });
    }
    if (!usableEventDate(lastEpisodeOn, asOf)) return unusableEventDate(lastEpisodeOn, asOf, rule.subject, dateField, criterionId, rule.lastEpisodeNeed);
    const windowEnds = addMonths(lastEpisodeOn, months);
    if (asOf <= windowEnds) return decided('not_met', { code: 'af-current', pattern: 'paroxysmal', lastEpisodeOn }, windowEnds + 1);
    return decided('met', { code: 'af-remote-paroxysmal', lastEpisodeOn, months });
  };
}
