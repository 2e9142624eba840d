/** Active hepatitis C, read from anti-HCV and HCV RNA: detectable RNA is active infection; antibody alone is not. */
import type { SerologyRule } from '#trial/definition.js';
import type { HepatitisCFinding } from '../../reasons.js';
import { decided, pathReader, request, undecided, type Evaluator } from '../evaluation.js';
import { noCurrentMarker, readMarkers, staleFromOf } from './markers.js';

const MARKERS = ['antiHcv', 'hcvRna'] as const;

export function hepatitisCEvaluator(rule: SerologyRule, criterionId: string): Evaluator {
  const read = pathReader(rule.field);
  const window = rule.freshnessDays;
  return (profile, asOf) => {
    const readings = readMarkers(read(profile), MARKERS, asOf, window);
    const { antiHcv, hcvRna } = readings.current;
    const reason = (finding: HepatitisCFinding, date: string) => ({ code: 'hepatitis-c', finding, date }) as const;
    if (hcvRna?.entry['detected'] === true) return decided('not_met', reason('viremic', hcvRna.date), staleFromOf(hcvRna));
    if (hcvRna?.entry['detected'] === false) {
      return decided('met', reason(antiHcv?.entry['result'] === 'positive' ? 'cleared' : 'rna-negative', hcvRna.date), readings.changesOn);
    }
    // A clear reading can change when any marker goes out of date or a newer one (dated ahead) becomes usable.
    if (antiHcv?.entry['result'] === 'negative') return decided('met', reason('never-infected', antiHcv.date), readings.changesOn);
    if (antiHcv?.entry['result'] === 'positive') {
      return undecided(
        [reason('rna-needed', antiHcv.date)],
        request(`${rule.field}.hcvRna`, criterionId, 'follow-up', 'hcv-rna', { windowDays: window }),
        readings.changesOn,
      );
    }
    return noCurrentMarker(readings, rule.subject, rule.field, criterionId, rule.need, asOf, window);
  };
}
