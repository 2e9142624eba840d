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
  currencyOf,
  decided,
  earliest,
  missingData,
  notCurrent,
  pathReader,
  request,
  type Evaluator,
} from './evaluation.js';

interface Assessment {
  readonly scale: PerformanceScale;
  readonly field: string;
  readonly score: number;
  readonly date: string;
  readonly day: number;
}

export function performanceStatusEvaluator(rule: PerformanceStatusRule, criterionId: string): Evaluator {
  const scales: readonly { scale: PerformanceScale; field: string; read: ReturnType<typeof pathReader> }[] = [
    { scale: 'ecog', field: rule.ecogField, read: pathReader(rule.ecogField) },
    { scale: 'karnofsky', field: rule.karnofskyField, read: pathReader(rule.karnofskyField) },
    { scale: 'lansky', field: rule.lanskyField, read: pathReader(rule.lanskyField) },
  ];
  const readBirthDate = pathReader(rule.birthDateField);
  const window = rule.freshnessDays;
  const limitOf = (scale: PerformanceScale) =>
    scale === 'ecog' ? rule.ecogMax : scale === 'karnofsky' ? rule.karnofskyMin : rule.lanskyMin;
  const passes = (a: Assessment) => (a.scale === 'ecog' ? a.score <= rule.ecogMax : a.score >= limitOf(a.scale));

  return (profile, asOf) => {
    const birthDate = asString(readBirthDate(profile));
    let chosen: { assessment: Assessment; staleFrom: number } | undefined;
    let newestOld: Assessment | undefined;
    let nextDay: number | null = null;
    let lanskyRefused: Reason | undefined;
    for (const { scale, field, read } of scales) {
      const entry = asRecord(read(profile));
      const score = entry ? asNumber(entry['score']) : undefined;
      const date = entry ? asString(entry['date']) : undefined;
      if (score === undefined || date === undefined) continue;
      const assessment: Assessment = { scale, field, score, date, day: dayNumber(date) };
      if (scale === 'lansky') {
        const age = birthDate !== undefined && dayNumber(birthDate) <= assessment.day ? completedYears(birthDate, assessment.day) : undefined;
        if (age === undefined || age >= rule.lanskyUnderYears) {
          lanskyRefused = { code: 'lansky-not-applicable', score, date, ageKnown: age !== undefined, underYears: rule.lanskyUnderYears };
          continue;
        }
      }
      const currency = currencyOf(assessment.day, asOf, window);
      if (currency.state === 'future') nextDay = earliest(nextDay, assessment.day);
      else if (currency.state === 'stale') {
        if (!newestOld || assessment.day > newestOld.day) newestOld = assessment;
      } else if (!chosen || assessment.day > chosen.assessment.day) chosen = { assessment, staleFrom: currency.staleFrom };
    }

    if (chosen) {
      const { assessment } = chosen;
      const ok = passes(assessment);
      return decided(
        ok ? 'met' : 'not_met',
        { code: 'performance', scale: assessment.scale, score: assessment.score, date: assessment.date, limit: limitOf(assessment.scale), passes: ok },
        earliest(chosen.staleFrom, nextDay),
      );
    }
    if (lanskyRefused && lanskyRefused.code === 'lansky-not-applicable') {
      const missing: DataRequest[] = [request(rule.field, criterionId, 'missing', rule.need, { windowDays: window })];
      if (!lanskyRefused.ageKnown) missing.push(request(rule.birthDateField, criterionId, 'missing', 'birth-date'));
      return { outcome: 'unknown', reasons: [lanskyRefused], missing, changesOn: nextDay, observed: false };
    }
    if (newestOld) {
      const outdated = notCurrent({ state: 'stale' }, newestOld.scale, newestOld.date, window, asOf, rule.field, criterionId, rule.need);
      return { ...outdated, changesOn: nextDay };
    }
    if (nextDay !== null) {
      const date = scales
        .map(({ read }) => asString(asRecord(read(profile))?.['date']))
        .find((d) => d !== undefined && dayNumber(d) === nextDay) as string;
      return notCurrent({ state: 'future', currentFrom: nextDay }, rule.subject, date, window, asOf, rule.field, criterionId, rule.need);
    }
    return missingData(rule.subject, rule.field, criterionId, rule.need, window);
  };
}
