/** HIV infection from an antigen/antibody screen: a reactive screen counts once a supplementary test confirms it. */
import type { SerologyRule } from '../../../trial/definition.js';
import { decided, pathReader, request, undecided, type Evaluator } from '../evaluation.js';
import { noCurrentMarker, readMarkers, staleFromOf } from './markers.js';

const MARKERS = ['hivAgAb'] as const;

export function hivEvaluator(rule: SerologyRule, criterionId: string): Evaluator {
  const read = pathReader(rule.field);
  const window = rule.freshnessDays;
  return (profile, asOf) => {
    const readings = readMarkers(read(profile), MARKERS, asOf, window);
    const { hivAgAb } = readings.current;
    if (!hivAgAb) return noCurrentMarker(readings, rule.subject, `${rule.field}.hivAgAb`, criterionId, rule.need, asOf, window);
    if (hivAgAb.entry['result'] === 'non-reactive') {
      return decided('met', { code: 'hiv', finding: 'non-reactive', date: hivAgAb.date }, staleFromOf(hivAgAb));
    }
    if (hivAgAb.entry['confirmed'] === true) return decided('not_met', { code: 'hiv', finding: 'confirmed', date: hivAgAb.date });
    return undecided(
      [{ code: 'hiv', finding: 'reactive-unconfirmed', date: hivAgAb.date }],
      request(`${rule.field}.hivAgAb.confirmed`, criterionId, 'follow-up', 'hiv-confirmation'),
      readings.changesOn,
    );
  };
}
