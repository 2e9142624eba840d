/** Active hepatitis C, read from anti-HCV and HCV RNA: detectable RNA is active infection; antibody alone is not. */
import type { SerologyRule } from '#trial/definition.js';
import type { HepatitisCFinding } from '../../reasons.js';
import { constant, constantRequest, decided, missingData, request, undecided, type Evaluator } from '../evaluation.js';
import { PanelReading } from './markers.js';
import type { ProfileFields } from '../profile-fields.js';

export function hepatitisCEvaluator(rule: SerologyRule, criterionId: string, fields: ProfileFields): Evaluator {
  const readAntiHcv = fields.reader(`${rule.field}.antiHcv`);
  const readHcvRna = fields.reader(`${rule.field}.hcvRna`);
  const window = rule.freshnessDays;
  const reading = new PanelReading(window);
  const none = constant(missingData(rule.subject, rule.field, criterionId, rule.need, window));
  const rnaNeeded = constantRequest(request(`${rule.field}.hcvRna`, criterionId, 'follow-up', 'hcv-rna', { windowDays: window }));
  const reason = (finding: HepatitisCFinding, date: string) => ({ code: 'hepatitis-c', finding, date }) as const;
  return (values, asOf) => {
    reading.start(asOf);
    const antiHcv = reading.current(readAntiHcv(values));
    const hcvRna = reading.current(readHcvRna(values));
    if (hcvRna?.entry['detected'] === true) return decided('not_met', reason('viremic', hcvRna.date), hcvRna.staleFrom);
    if (hcvRna?.entry['detected'] === false) {
      return decided('met', reason(antiHcv?.entry['result'] === 'positive' ? 'cleared' : 'rna-negative', hcvRna.date), reading.changesOn);
    }
    // A clear reading can change when any marker goes out of date or a newer one (dated ahead) becomes usable.
    if (antiHcv?.entry['result'] === 'negative') return decided('met', reason('never-infected', antiHcv.date), reading.changesOn);
    if (antiHcv?.entry['result'] === 'positive') return undecided([reason('rna-needed', antiHcv.date)], rnaNeeded, reading.changesOn);
    return reading.noneCurrent(none, rule.subject, rule.field, criterionId, rule.need);
  };
}
