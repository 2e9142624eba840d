/**
 * HIV infection from an antigen/antibody screen: a reactive screen counts once a supplementary test confirms it,
 * and a confirmed infection is lifelong (it never goes out of date). A non-reactive screen is current for the window.
 */
import type { SerologyRule } from '#trial/definition.js';
import { dayNumber } from '../../calendar.js';
import { asRecord, asString, constant, constantRequest, decided, missingData, request, undecided, type Evaluator } from '../evaluation.js';
import { PanelReading } from './markers.js';
import type { ProfileFields } from '../profile-fields.js';

export function hivEvaluator(rule: SerologyRule, criterionId: string, fields: ProfileFields): Evaluator {
  const readScreen = fields.reader(`${rule.field}.hivAgAb`);
  const window = rule.freshnessDays;
  const reading = new PanelReading(window);
  const screenField = `${rule.field}.hivAgAb`;
  const none = constant(missingData(rule.subject, screenField, criterionId, rule.need, window));
  const confirmationNeeded = constantRequest(request(`${rule.field}.hivAgAb.confirmed`, criterionId, 'follow-up', 'hiv-confirmation'));
  return (values, asOf) => {
    const screen = asRecord(readScreen(values));
    const screenedOn = screen ? asString(screen['date']) : undefined;
    if (screen && screenedOn !== undefined && screen['result'] === 'reactive' && screen['confirmed'] === true && dayNumber(screenedOn) <= asOf) {
      return decided('not_met', { code: 'hiv', finding: 'confirmed', date: screenedOn });
    }
    reading.start(asOf);
    const hivAgAb = reading.current(screen);
    if (!hivAgAb) return reading.noneCurrent(none, rule.subject, screenField, criterionId, rule.need);
    if (hivAgAb.entry['result'] === 'non-reactive') {
      return decided('met', { code: 'hiv', finding: 'non-reactive', date: hivAgAb.date }, reading.changesOn);
    }
    return undecided([{ code: 'hiv', finding: 'reactive-unconfirmed', date: hivAgAb.date }], confirmationNeeded, reading.changesOn);
  };
}
