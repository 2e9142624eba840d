/**
 * A viral load (CMV or EBV DNA in blood). Not detected speaks for the patient being clear; detected is not by
 * itself "clinically significant" or "uncontrollable" (the record's words): the site judges it.
 */
import type { ViralLoadRule } from '#trial/definition.js';
import type { Reason } from '../../reasons.js';
import { asNumber, asString, decided, pathReader, request, undecided, type Evaluator } from '../evaluation.js';
import { noCurrentMarker, readMarkers } from './markers.js';

export function viralLoadEvaluator(rule: ViralLoadRule, criterionId: string): Evaluator {
  const [group, key] = splitField(rule.field);
  const read = pathReader(group);
  const keys = [key] as const;
  const window = rule.freshnessDays;
  return (profile, asOf) => {
    const readings = readMarkers(read(profile), keys, asOf, window);
    const load = readings.current[key];
    if (!load) return noCurrentMarker(readings, rule.subject, rule.field, criterionId, rule.need, asOf, window);
    const detected = load.entry['detected'] === true;
    const value = asNumber(load.entry['value']);
    const unit = asString(load.entry['unit']);
    const reason: Reason = {
      code: 'viral-load',
      subject: rule.subject,
      detected,
      ...(detected && value !== undefined ? { value } : {}),
      ...(detected && unit !== undefined ? { unit } : {}),
      date: load.date,
    };
    if (!detected) return decided('met', reason, readings.changesOn);
    return undecided([reason], request(rule.field, criterionId, 'site-review', rule.reviewNeed), readings.changesOn);
  };
}

function splitField(field: string): [group: string, key: string] {
  const at = field.lastIndexOf('.');
  return [field.slice(0, at), field.slice(at + 1)];
}
