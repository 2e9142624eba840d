/**
 * The test profiles are themselves tested: the arbitrary builds only schema-valid profiles, covers every field
 * the schema has, and reaches both sides of every boundary the criteria turn on; the eligible profile is eligible.
 */
import fc from 'fast-check';
import type * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { PatientProfile } from '#profile/schema.js';
import { addMonths, completedYears, dayNumber } from '#screening/calendar.js';
import { screen } from '#screening/screen.js';
import { NCT05212584, NCT05212584_PARAMETERS as P } from '#trial/nct05212584.js';
import { SUPPORTED_UNITS } from '#units/conversion-table.js';
import { compareProducts } from '#units/exact-decimal.js';
import { PROFILE_FACTS, daysBefore, eligibleProfile, nearEligibleArbitrary, profileArbitrary } from '#test/support/profiles.js';

const AS_OF = '2026-11-25';
const TODAY = dayNumber(AS_OF);
const WINDOW = 28;
const generated = fc.sample(profileArbitrary(AS_OF), { seed: 2026, numRuns: 5000 });

/** Every path of the schema down to its leaves (`cardiac.qtcMs.value`, `cd7[].method`, `cd7.method`). */
function schemaPaths(schema: z.core.$ZodType, path: string, into: Set<string>): Set<string> {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  switch (def.type) {
    case 'optional':
      return schemaPaths(def['innerType'] as z.core.$ZodType, path, into);
    case 'object':
      for (const [key, field] of Object.entries(def['shape'] as Record<string, z.core.$ZodType>)) {
        schemaPaths(field, path === '' ? key : `${path}.${key}`, into);
      }
      return into;
    case 'array':
      return schemaPaths(def['element'] as z.core.$ZodType, `${path}[]`, into);
    case 'union':
      for (const option of def['options'] as z.core.$ZodType[]) schemaPaths(option, path, into);
      return into;
    default:
      into.add(path);
      return into;
  }
}

/** Every path a value reaches, named as schemaPaths names them. */
function valuePaths(value: unknown, path: string, into: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const item of value) valuePaths(item, `${path}[]`, into);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, field] of Object.entries(value)) valuePaths(field, path === '' ? key : `${path}.${key}`, into);
  } else into.add(path);
  return into;
}

const current = (date: string | undefined) => date !== undefined && dayNumber(date) <= TODAY && TODAY - dayNumber(date) <= WINDOW;
const ageOn = (profile: PatientProfile, date: string): number | undefined => {
  const birthDate = profile.demographics?.birthDate;
  return birthDate === undefined || dayNumber(birthDate) > dayNumber(date) ? undefined : completedYears(birthDate, dayNumber(date));
};
/** Sign of (value in unit − the product of `limit` in limitUnit), exactly. */
const against = (analyte: keyof typeof SUPPORTED_UNITS, value: number, unit: string, limit: readonly number[], limitUnit: string): number => {
  const units: Readonly<Record<string, number>> = SUPPORTED_UNITS[analyte];
  return compareProducts([value, units[unit] ?? Number.NaN], [...limit, units[limitUnit] ?? Number.NaN]);
};
const cd7List = (p: PatientProfile) => (p.cd7 === undefined ? [] : Array.isArray(p.cd7) ? p.cd7 : [p.cd7]);

describe('profileArbitrary', () => {
  it('builds only schema-valid profiles', () => {
    for (const profile of generated.slice(0, 1000)) expect(PatientProfile.safeParse(profile).success).toBe(true);
    for (const profile of fc.sample(nearEligibleArbitrary(AS_OF), { seed: 2026, numRuns: 1000 })) {
      expect(PatientProfile.safeParse(profile).success).toBe(true);
    }
  });

  it('covers every field of the schema, including both forms of CD7', () => {
    const schema = schemaPaths(PatientProfile, '', new Set());
    const reached = new Set<string>();
    for (const profile of generated) valuePaths(profile, '', reached);
    expect([...schema].filter((path) => !reached.has(path))).toEqual([]);
    expect([...reached].filter((path) => !schema.has(path))).toEqual([]);
    expect(PROFILE_FACTS).toContain('serology.hbvDna');
    expect(PROFILE_FACTS).toContain('karnofsky');
  });

  it('reaches both sides of every boundary the criteria turn on', () => {
    const equivalence = P.performanceScaleEquivalence.value;
    const childUnder = P.qtcChildLimit.value.underYears;
    const adultAge = P.guardianConsentUnderYears.value;
    const qtcLimits = [...Object.values(P.qtcMaxMs.value), P.qtcChildLimit.value.maxMs];
    const floorEdge = (analyte: 'totalBilirubin' | 'aminotransferase') =>
      analyte === 'totalBilirubin'
        ? { limit: [P.bilirubinMaxTimesUln.value, P.lowestPlausibleUln.value.totalBilirubinUmolPerL], unit: 'umol/L' }
        : { limit: [P.aminotransferaseMaxTimesUln.value, P.lowestPlausibleUln.value.aminotransferaseUPerL], unit: 'U/L' };

    const cases: [string, (p: PatientProfile) => boolean][] = [];
    for (const score of [equivalence.karnofskyMin - 10, equivalence.karnofskyMin]) {
      cases.push([`Karnofsky ${score}, current`, (p) => p.karnofsky?.score === score && current(p.karnofsky.date)]);
    }
    for (const score of [equivalence.lanskyMin - 10, equivalence.lanskyMin, equivalence.lanskyMin + 10]) {
      for (const age of [equivalence.lanskyUnderYears - 1, equivalence.lanskyUnderYears]) {
        cases.push([`Lansky ${score} at ${age}`, (p) => p.lansky?.score === score && current(p.lansky.date) && ageOn(p, p.lansky.date) === age]);
      }
    }
    for (const limit of qtcLimits) {
      for (const value of [limit, limit + 0.5, limit + 1]) {
        cases.push([`QTc ${value}`, (p) => p.cardiac?.qtcMs?.value === value && current(p.cardiac.qtcMs.date)]);
      }
    }
    for (const age of [childUnder - 1, childUnder]) {
      for (const sex of ['male', 'female', 'other', 'unknown', undefined]) {
        cases.push([
          `QTc between the limits at ${age} on the ECG date, sex ${sex ?? 'absent'}`,
          (p) => {
            const qtc = p.cardiac?.qtcMs;
            return qtc !== undefined && current(qtc.date) && qtc.value > 450 && qtc.value <= 470 && ageOn(p, qtc.date) === age && p.demographics?.sex === sex;
          },
        ]);
      }
    }
    cases.push(['QTc between the limits, no birth date', (p) => (p.cardiac?.qtcMs?.value ?? 0) > 450 && p.demographics?.birthDate === undefined]);
    cases.push([
      'current CD7 by flow cytometry and IHC on either side of 70%',
      (p) => {
        const results = cd7List(p).filter((r) => current(r.date));
        const side = (method: string, above: boolean) =>
          results.some((r) => r.method === method && (r.percent >= P.cd7MinPercentInclusive.value) === above);
        return (side('flow-cytometry', true) && side('immunohistochemistry', false)) || (side('flow-cytometry', false) && side('immunohistochemistry', true));
      },
    ]);
    cases.push(['three CD7 results', (p) => cd7List(p).length === 3]);
    for (const below of [true, false]) {
      for (const transfused of [true, false, undefined]) {
        cases.push([
          `current hemoglobin ${below ? 'below' : 'at or above'} 70 g/L, transfused ${String(transfused)}`,
          (p) => {
            const hb = p.labs?.hemoglobin;
            return hb !== undefined && current(hb.date) && hb.transfused === transfused && (against('hemoglobin', hb.value, hb.unit, [P.hemoglobinMinInclusive.value], 'g/L') < 0) === below;
          },
        ]);
      }
    }
    for (const [key, analyte] of [['totalBilirubin', 'totalBilirubin'], ['ast', 'aminotransferase'], ['alt', 'aminotransferase']] as const) {
      const { limit, unit } = floorEdge(analyte);
      for (const side of [-1, 0, 1]) {
        cases.push([
          `current ${key} without ULN ${side < 0 ? 'just below' : side === 0 ? 'at' : 'just above'} the multiple of the lowest plausible ULN`,
          (p) => {
            const lab = p.labs?.[key];
            if (lab === undefined || lab.upperLimitOfNormal !== undefined || !current(lab.date)) return false;
            // Just: within 1% of the edge.
            const near = against(analyte, lab.value * 100, lab.unit, [101, ...limit], unit) <= 0 && against(analyte, lab.value * 100, lab.unit, [99, ...limit], unit) >= 0;
            return against(analyte, lab.value, lab.unit, limit, unit) === side && near;
          },
        ]);
      }
      cases.push([`${key} with a ULN of 0`, (p) => p.labs?.[key]?.upperLimitOfNormal?.value === 0]);
    }
    const anniversary = addMonths(AS_OF, -P.paroxysmalAtrialFibrillationWindowMonths.value);
    for (const within of [true, false]) {
      cases.push([
        `paroxysmal AF ${within ? 'within' : 'outside'} 12 months, days from the anniversary`,
        (p) => {
          const af = p.cardiac?.atrialFibrillation;
          if (af?.status !== 'present' || af.pattern !== 'paroxysmal' || af.lastEpisodeOn === undefined) return false;
          const day = dayNumber(af.lastEpisodeOn);
          return Math.abs(day - anniversary) <= 3 && TODAY <= addMonths(af.lastEpisodeOn, 12) === within;
        },
      ]);
    }
    cases.push(['AF present without a pattern', (p) => p.cardiac?.atrialFibrillation?.status === 'present' && p.cardiac.atrialFibrillation.pattern === undefined]);
    for (const status of ['present', 'absent', 'unknown', undefined]) {
      for (const nyha of [true, false]) {
        cases.push([
          `heart failure ${status ?? 'not reported'}, NYHA ${nyha ? 'sent' : 'not sent'}`,
          (p) => p.cardiac?.heartFailure?.status === status && (p.cardiac?.nyhaClass !== undefined) === nyha,
        ]);
      }
    }
    const qualitative = ['positive', 'negative', undefined] as const;
    for (const hbsAg of qualitative) {
      for (const antiHbc of qualitative) {
        for (const dna of [true, false, undefined]) {
          cases.push([
            `current HBsAg ${hbsAg ?? 'none'}, anti-HBc ${antiHbc ?? 'none'}, HBV DNA ${dna === undefined ? 'none' : dna ? 'detected' : 'undetected'}`,
            (p) => {
              const s = p.serology;
              const read = <T,>(r: { date: string } | undefined, v: (x: never) => T) => (r !== undefined && current(r.date) ? v(r as never) : undefined);
              return (
                s !== undefined &&
                read(s.hbsAg, (r: { result: string }) => r.result) === hbsAg &&
                read(s.antiHbc, (r: { result: string }) => r.result) === antiHbc &&
                read(s.hbvDna, (r: { detected: boolean }) => r.detected) === dna
              );
            },
          ]);
        }
      }
    }
    for (const key of ['hbsAg', 'antiHbc', 'hbvDna', 'antiHcv', 'hcvRna', 'hivAgAb', 'cmvDna', 'ebvDna'] as const) {
      cases.push([`${key} stale`, (p) => { const r = p.serology?.[key]; return r !== undefined && TODAY - dayNumber(r.date) > WINDOW; }]);
      cases.push([`${key} dated after screening`, (p) => { const r = p.serology?.[key]; return r !== undefined && dayNumber(r.date) > TODAY; }]);
    }
    cases.push(['HIV screen reactive, unconfirmed', (p) => p.serology?.hivAgAb?.result === 'reactive' && p.serology.hivAgAb.confirmed !== true]);
    for (const signedBy of ['patient', 'guardian', 'patient-and-guardian'] as const) {
      for (const age of [adultAge - 1, adultAge]) {
        cases.push([`consent signed by ${signedBy} at ${age}`, (p) => p.consent?.status === 'signed' && p.consent.signedBy === signedBy && ageOn(p, AS_OF) === age]);
      }
    }
    for (const assent of ['given', 'declined', 'not-applicable'] as const) {
      cases.push([`assent ${assent} from a minor`, (p) => p.consent?.assent === assent && (ageOn(p, AS_OF) ?? 99) < adultAge]);
    }
    cases.push([
      'extramedullary disease present with every current blast count at 5% or less',
      (p) => {
        const blasts = (p.blasts ?? []).filter((b) => current(b.date));
        return p.diseaseStatus?.extramedullaryDisease?.status === 'present' && current(p.diseaseStatus.extramedullaryDisease.assessedOn) && blasts.length > 0 && blasts.every((b) => b.percent <= 5);
      },
    ]);
    cases.push(['a 29 February birthday', (p) => p.demographics?.birthDate?.endsWith('-02-29') === true]);

    expect(cases.filter(([, reached]) => !generated.some(reached)).map(([label]) => label)).toEqual([]);
  });
});

describe('eligibleProfile', () => {
  it('is eligible on any screening date', () => {
    for (const asOf of [AS_OF, daysBefore(AS_OF, 400), '2028-02-29']) {
      const result = screen(eligibleProfile(asOf), NCT05212584, asOf);
      expect(result.verdict).toBe('eligible');
      expect(result.criteria.filter((c) => !c.siteVerified).every((c) => c.outcome === 'met' || c.outcome === 'clear')).toBe(true);
    }
  });
});
