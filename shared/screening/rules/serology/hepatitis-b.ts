/**
 * Active hepatitis B, read from HBsAg, anti-HBc and HBV DNA. Detectable HBV DNA is active infection; HBsAg
 * positive without detectable DNA is chronic infection the site reviews (antiviral prophylaxis); HBsAg negative,
 * anti-HBc positive, DNA undetectable is resolved infection, not active hepatitis (the site may still require
 * prophylaxis or DNA monitoring, and the reason says so).
 */
import type { SerologyRule } from '#trial/definition.js';
import type { HepatitisBFinding } from '../../reasons.js';
import { decided, pathReader, request, undecided, unknown, type Evaluator } from '../evaluation.js';
import { noCurrentMarker, readMarkers, staleFromOf } from './markers.js';

const MARKERS = ['hbsAg', 'antiHbc', 'hbvDna'] as const;

export function hepatitisBEvaluator(rule: SerologyRule, criterionId: string): Evaluator {
  const read = pathReader(rule.field);
  const window = rule.freshnessDays;
  const field = (marker: (typeof MARKERS)[number]) => `${rule.field}.${marker}`;
  return (profile, asOf) => {
    const readings = readMarkers(read(profile), MARKERS, asOf, window);
    const { hbsAg, antiHbc, hbvDna } = readings.current;
    const reason = (finding: HepatitisBFinding, date: string) => ({ code: 'hepatitis-b', finding, date }) as const;
    const changesOn = readings.changesOn;

    if (hbvDna?.entry['detected'] === true) return decided('not_met', reason('replicating', hbvDna.date), staleFromOf(hbvDna));
    const dnaNegative = hbvDna?.entry['detected'] === false;
    if (hbsAg?.entry['result'] === 'positive') {
      if (dnaNegative && hbvDna) {
        return undecided([reason('chronic-without-replication', hbsAg.date)], request(rule.field, criterionId, 'site-review', 'hbv-chronic-review'), changesOn);
      }
      return undecided([reason('dna-needed', hbsAg.date)], request(field('hbvDna'), criterionId, 'follow-up', 'hbv-dna', { windowDays: window }), changesOn);
    }
    if (hbsAg?.entry['result'] === 'negative') {
      if (antiHbc?.entry['result'] === 'positive') {
        if (dnaNegative && hbvDna) return decided('met', reason('resolved', hbvDna.date), changesOn);
        return undecided([reason('dna-needed', antiHbc.date)], request(field('hbvDna'), criterionId, 'follow-up', 'hbv-dna', { windowDays: window }), changesOn);
      }
      if (antiHbc?.entry['result'] === 'negative') return decided('met', reason('never-infected', hbsAg.date), changesOn);
      // A newer result (a detectable DNA dated tomorrow) can change a clear reading: changesOn counts every marker.
      return decided('met', reason('hbsag-negative', hbsAg.date), changesOn);
    }
    if (antiHbc?.entry['result'] === 'positive') {
      return undecided([reason('hbsag-needed', antiHbc.date)], request(field('hbsAg'), criterionId, 'follow-up', 'hbsag', { windowDays: window }), changesOn);
    }
    if (antiHbc || dnaNegative) {
      // Reassuring results without HBsAg: HBsAg is still what decides, but nothing here contests a statement.
      return unknown({ code: 'not-reported', subject: 'hbsAg' }, request(field('hbsAg'), criterionId, 'missing', 'hbsag', { windowDays: window }), changesOn);
    }
    return noCurrentMarker(readings, rule.subject, rule.field, criterionId, rule.need, asOf, window);
  };
}
