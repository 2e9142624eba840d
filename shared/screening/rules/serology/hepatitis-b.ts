/**
 * Active hepatitis B, read from HBsAg, anti-HBc and HBV DNA. Detectable HBV DNA is active infection; HBsAg
 * positive without detectable DNA is chronic infection the site reviews (antiviral prophylaxis); HBsAg negative,
 * anti-HBc positive, DNA undetectable is resolved infection, not active hepatitis (the site may still require
 * prophylaxis or DNA monitoring, and the reason says so).
 */
import type { SerologyRule } from '#trial/definition.js';
import type { HepatitisBFinding } from '../../reasons.js';
import { constant, constantRequest, decided, missingData, request, undecided, unknown, type Evaluator } from '../evaluation.js';
import { PanelReading } from './markers.js';
import type { ProfileFields } from '../profile-fields.js';

export function hepatitisBEvaluator(rule: SerologyRule, criterionId: string, fields: ProfileFields): Evaluator {
  const readHbsAg = fields.reader(`${rule.field}.hbsAg`);
  const readAntiHbc = fields.reader(`${rule.field}.antiHbc`);
  const readHbvDna = fields.reader(`${rule.field}.hbvDna`);
  const window = rule.freshnessDays;
  const reading = new PanelReading(window);
  const none = constant(missingData(rule.subject, rule.field, criterionId, rule.need, window));
  // What to ask for depends on the rule alone: built once.
  const chronicReview = constantRequest(request(rule.field, criterionId, 'site-review', 'hbv-chronic-review'));
  const dnaNeeded = constantRequest(request(`${rule.field}.hbvDna`, criterionId, 'follow-up', 'hbv-dna', { windowDays: window }));
  const hbsAgNeeded = constantRequest(request(`${rule.field}.hbsAg`, criterionId, 'follow-up', 'hbsag', { windowDays: window }));
  const hbsAgMissing = constantRequest(request(`${rule.field}.hbsAg`, criterionId, 'missing', 'hbsag', { windowDays: window }));
  const reason = (finding: HepatitisBFinding, date: string) => ({ code: 'hepatitis-b', finding, date }) as const;

  return (values, asOf) => {
    reading.start(asOf);
    const hbsAg = reading.current(readHbsAg(values));
    const antiHbc = reading.current(readAntiHbc(values));
    const hbvDna = reading.current(readHbvDna(values));
    const changesOn = reading.changesOn;

    if (hbvDna?.entry['detected'] === true) return decided('not_met', reason('replicating', hbvDna.date), hbvDna.staleFrom);
    const dnaNegative = hbvDna?.entry['detected'] === false;
    if (hbsAg?.entry['result'] === 'positive') {
      if (dnaNegative && hbvDna) return undecided([reason('chronic-without-replication', hbsAg.date)], chronicReview, changesOn);
      return undecided([reason('dna-needed', hbsAg.date)], dnaNeeded, changesOn);
    }
    if (hbsAg?.entry['result'] === 'negative') {
      if (antiHbc?.entry['result'] === 'positive') {
        if (dnaNegative && hbvDna) return decided('met', reason('resolved', hbvDna.date), changesOn);
        return undecided([reason('dna-needed', antiHbc.date)], dnaNeeded, changesOn);
      }
      if (antiHbc?.entry['result'] === 'negative') return decided('met', reason('never-infected', hbsAg.date), changesOn);
      // A newer result (a detectable DNA dated tomorrow) can change a clear reading: changesOn counts every marker.
      return decided('met', reason('hbsag-negative', hbsAg.date), changesOn);
    }
    if (antiHbc?.entry['result'] === 'positive') return undecided([reason('hbsag-needed', antiHbc.date)], hbsAgNeeded, changesOn);
    if (antiHbc || dnaNegative) {
      // Reassuring results without HBsAg: HBsAg is still what decides, but nothing here contests a statement.
      return unknown({ code: 'not-reported', subject: 'hbsAg' }, hbsAgMissing, changesOn);
    }
    return reading.noneCurrent(none, rule.subject, rule.field, criterionId, rule.need);
  };
}
