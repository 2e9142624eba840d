/**
 * A viral load (CMV or EBV DNA in blood). Not detected speaks for the patient being clear; detected is not by
 * itself "clinically significant" or "uncontrollable" (the record's words): the site judges it.
 */
import type { ViralLoadRule } from '#trial/definition.js';
import type { Reason } from '../../reasons.js';
import { asNumber, asString, constant, constantRequest, decided, missingData, request, undecided, type Evaluator } from '../evaluation.js';
import { PanelReading } from './markers.js';
import type { ProfileFields } from '../profile-fields.js';

export function viralLoadEvaluator(rule: ViralLoadRule, criterionId: string, fields: ProfileFields): Evaluator {
  const read = fields.reader(rule.field);
  const window = rule.freshnessDays;
  const reading = new PanelReading(window);
  const none = constant(missingData(rule.subject, rule.field, criterionId, rule.need, window));
  const review = constantRequest(request(rule.field, criterionId, 'site-review', rule.reviewNeed));
  return (values, asOf) => {
    reading.start(asOf);
    const load = reading.current(read(values));
    if (!load) return reading.noneCurrent(none, rule.subject, rule.field, criterionId, rule.need);
    if (load.entry['detected'] !== true) {
      return decided('met', { code: 'viral-load', subject: rule.subject, detected: false, date: load.date }, reading.changesOn);
    }
    // The value and unit only mean something for a detected load.
    const value = asNumber(load.entry['value']);
    const unit = asString(load.entry['unit']);
    const reason: Reason = {
      code: 'viral-load',
      subject: rule.subject,
      detected: true,
      ...(value !== undefined ? { value } : {}),
      ...(unit !== undefined ? { unit } : {}),
      date: load.date,
    };
    return undecided([reason], review, reading.changesOn);
  };
}
