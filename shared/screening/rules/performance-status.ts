/**
 * Performance status on whichever scale the physician used: ECOG (the record's), Karnofsky, or Lansky for
 * children under the age parameter, read against ECOG ≤ 2 through the trial's named equivalence. The most recent
 * current assessment decides; on the same day ECOG comes first, then Karnofsky, then Lansky.
 */
import type { PerformanceStatusRule } from '#trial/definition.js';
import { completedYears, dayNumber } from '../calendar.js';
import type { PerformanceScale, Reason } from '../reasons.js';
import type { DataRequest } from '../result.js';
import {
  asNumber,
  asRecord,
  asString,
  constant,
  constantRequest,
  decided,
  earliest,
  missingData,
  notCurrent,
  request,
  type Evaluator,
} from './evaluation.js';
import type { FieldReader, ProfileFields } from './profile-fields.js';

interface Assessment {
  readonly scale: PerformanceScale;
  readonly score: number;
  readonly date: string;
  readonly day: number;
}

interface Scale {
  readonly scale: PerformanceScale;
  readonly read: FieldReader;
}

export function performanceStatusEvaluator(rule: PerformanceStatusRule, criterionId: string, fields: ProfileFields): Evaluator {
  const scales: readonly Scale[] = [
    { scale: 'ecog', read: fields.reader(rule.ecogField) },
    { scale: 'karnofsky', read: fields.reader(rule.karnofskyField) },
    { scale: 'lansky', read: fields.reader(rule.lanskyField) },
  ];
  const readBirthDate = fields.reader(rule.birthDateField);
  const window = rule.freshnessDays;
  const limitOf = (scale: PerformanceScale) =>
    scale === 'ecog' ? rule.ecogMax : scale === 'karnofsky' ? rule.karnofskyMin : rule.lanskyMin;
  const passes = (a: Assessment) => (a.scale === 'ecog' ? a.score <= rule.ecogMax : a.score >= limitOf(a.scale));
  const none = constant(missingData(rule.subject, rule.field, criterionId, rule.need, window));
  const scoreMissing = constantRequest(request(rule.field, criterionId, 'missing', rule.need, { windowDays: window }));
  const birthDateMissing = constantRequest(request(rule.birthDateField, criterionId, 'missing', 'birth-date'));

  return (values, asOf) => {
    const birthDate = asString(readBirthDate(values));
    let chosen: Assessment | undefined;
    let chosenStaleFrom = 0;
    let newestOld: Assessment | undefined;
    let nextDay: number | null = null;
    let nextDate = '';
    let lanskyRefused: Extract<Reason, { code: 'lansky-not-applicable' }> | undefined;
    for (let i = 0; i < scales.length; i++) {
      const { scale, read } = scales[i] as Scale;
      const entry = asRecord(read(values));
      const score = entry ? asNumber(entry['score']) : undefined;
      const date = entry ? asString(entry['date']) : undefined;
      if (score === undefined || date === undefined) continue;
      const day = dayNumber(date);
      if (scale === 'lansky') {
        const age = birthDate !== undefined && dayNumber(birthDate) <= day ? completedYears(birthDate, day) : undefined;
        if (age === undefined || age >= rule.lanskyUnderYears) {
          lanskyRefused = { code: 'lansky-not-applicable', score, date, ageKnown: age !== undefined, underYears: rule.lanskyUnderYears };
          continue;
        }
      }
      if (day > asOf) {
        // The first scale dated on the earliest future day: it becomes usable then.
        if (nextDay === null || day < nextDay) {
          nextDay = day;
          nextDate = date;
        }
        continue;
      }
      const staleFrom = day + window + 1;
      if (asOf >= staleFrom) {
        if (!newestOld || day > newestOld.day) newestOld = { scale, score, date, day };
      } else if (!chosen || day > chosen.day) {
        chosen = { scale, score, date, day };
        chosenStaleFrom = staleFrom;
      }
    }

    if (chosen) {
      const ok = passes(chosen);
      return decided(
        ok ? 'met' : 'not_met',
        { code: 'performance', scale: chosen.scale, score: chosen.score, date: chosen.date, limit: limitOf(chosen.scale), passes: ok },
        earliest(chosenStaleFrom, nextDay),
      );
    }
    if (lanskyRefused) {
      const missing: DataRequest[] = [scoreMissing];
      if (!lanskyRefused.ageKnown) missing.push(birthDateMissing);
      return { outcome: 'unknown', reasons: [lanskyRefused], missing, changesOn: nextDay, observed: false };
    }
    if (newestOld) return notCurrent(STALE, newestOld.scale, newestOld.date, window, asOf, rule.field, criterionId, rule.need, nextDay);
    if (nextDay !== null) {
      return notCurrent({ state: 'future', currentFrom: nextDay }, rule.subject, nextDate, window, asOf, rule.field, criterionId, rule.need);
    }
    return none;
  };
}

const STALE = { state: 'stale' } as const;
