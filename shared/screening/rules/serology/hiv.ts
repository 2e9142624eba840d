/**
 * HIV infection from an antigen/antibody screen: a reactive screen counts once a supplementary test confirms it,
 * and a confirmed infection is lifelong (it never goes out of date). A non-reactive screen is current for the window.
 */
import type { SerologyRule } from '#trial/definition.js';
import { dayNumber } from '../../calendar.js';
import { asRecord, asString, decided, pathReader, request, undecided, type Evaluator } from '../evaluation.js';
import { noCurrentMarker, readMarkers } from './markers.js';

const MARKERS = ['hivAgAb'] as const;

export function hivEvaluator(rule: SerologyRule, criterionId: string): Evaluator {
  const read = pathReader(rule.field);
  const window = rule.freshnessDays;
  return (profile, asOf) => {
    const panel = asRecord(read(profile));
    const screen = panel ? asRecord(panel['hivAgAb']) : undefined;
    const screenedOn = screen ? asString(screen['date']) : undefined;
    if (screen && screenedOn !== undefined && screen['result'] === 'reactive' && screen['confirmed'] === true && dayNumber(screenedOn) <= asOf) {
      return decided('not_met', { code: 'hiv', finding: 'confirmed', date: screenedOn });
    }
    const readings = readMarkers(read(profile), MARKERS, asOf, window);
    const { hivAgAb } = readings.current;
    if (!hivAgAb) return noCurrentMarker(readings, rule.subject, `${rule.field}.hivAgAb`, criterionId, rule.need, asOf, window);
    if (hivAgAb.entry['result'] === 'non-reactive') {
      return decided('met', { code: 'hiv', finding: 'non-reactive', date: hivAgAb.date }, readings.changesOn);
    }
    return undecided(
      [{ code: 'hiv', finding: 'reactive-unconfirmed', date: hivAgAb.date }],
      request(`${rule.field}.hivAgAb.confirmed`, criterionId, 'follow-up', 'hiv-confirmation'),
      readings.changesOn,
    );
  };
}
