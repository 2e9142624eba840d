/**
 * Patient profiles for tests and benchmarks: a fully eligible adult with T-ALL relative to a screening date, and
 * a fast-check arbitrary of schema-valid profiles that crowds the protocol's boundaries (dates around the
 * windows, values around the thresholds, every unit, every field sometimes missing).
 */
import fc from 'fast-check';
import type { PatientProfile } from '../../shared/profile/schema.js';
import { dayNumber, isoDate } from '../../shared/screening/calendar.js';

/** The date `days` before `asOf` (negative: after). */
export const daysBefore = (asOf: string, days: number): string => isoDate(dayNumber(asOf) - days);

/** A 34-year-old man with relapsed T-ALL who meets every criterion a physician can report on `asOf`. */
export function eligibleProfile(asOf: string): PatientProfile {
  const recent = daysBefore(asOf, 5);
  const birthYear = Number(asOf.slice(0, 4)) - 34;
  return {
    demographics: { birthDate: `${birthYear}-03-14`, sex: 'male', weight: { value: 68, unit: 'kg', date: recent } },
    diagnosis: { type: 'T-ALL', classification: 'WHO-2016', diagnosedOn: daysBefore(asOf, 400) },
    diseaseStatus: { status: 'relapsed', since: daysBefore(asOf, 20) },
    blasts: [
      { specimen: 'bone-marrow', percent: 38, date: recent, method: 'morphology' },
      { specimen: 'peripheral-blood', percent: 12, date: recent, method: 'flow-cytometry' },
    ],
    cd7: { percent: 92, method: 'flow-cytometry', date: recent },
    ecog: { score: 1, date: recent },
    lifeExpectancy: { value: 6, unit: 'mo', assessedOn: recent },
    labs: {
      hemoglobin: { value: 92, unit: 'g/L', date: recent },
      totalBilirubin: { value: 14, unit: 'umol/L', date: recent, upperLimitOfNormal: { value: 21, unit: 'umol/L' } },
      ast: { value: 35, unit: 'U/L', date: recent, upperLimitOfNormal: { value: 40, unit: 'U/L' } },
      alt: { value: 42, unit: 'U/L', date: recent, upperLimitOfNormal: { value: 40, unit: 'U/L' } },
    },
    history: {
      solidOrganTransplant: { status: 'absent' },
      severePulmonaryDysfunction: { status: 'absent' },
      severeAutoimmuneDisease: { status: 'absent' },
      congenitalImmunodeficiency: { status: 'absent' },
      hivInfection: { status: 'absent' },
    },
    cardiac: {
      atrialFibrillation: { status: 'absent' },
      myocardialInfarction: { status: 'absent' },
      qtProlongation: { status: 'absent' },
      qtcMs: { value: 418, date: recent },
      pericardialEffusion: { status: 'absent' },
      nyhaClass: { value: 'I' },
    },
    infections: {
      uncontrolledInfection: { status: 'absent', assessedOn: recent },
      activeHepatitis: { status: 'absent', assessedOn: recent },
      significantViralInfection: { status: 'absent', assessedOn: recent },
    },
  };
}

/** Builds profile arbitraries relative to a screening date. */
export function profileArbitrary(asOf: string): fc.Arbitrary<PatientProfile> {
  const today = dayNumber(asOf);
  // Mostly recent, often right at the 28-day edge, sometimes stale or in the future.
  const date = fc
    .oneof(fc.integer({ min: 0, max: 27 }), fc.constantFrom(27, 28, 29), fc.integer({ min: 29, max: 400 }), fc.integer({ min: -5, max: -1 }))
    .map((ago) => isoDate(today - ago));
  const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 4 });
  const decimal = (min: number, max: number) => fc.integer({ min: Math.round(min * 10), max: Math.round(max * 10) }).map((n) => n / 10);
  const condition = fc.record(
    { status: fc.constantFrom('present' as const, 'absent' as const, 'unknown' as const), assessedOn: opt(date) },
    { requiredKeys: ['status'] },
  );
  const birthDate = fc
    .oneof(fc.integer({ min: 0, max: 80 * 366 }), fc.constantFrom(2 * 365, 2 * 365 + 1, 61 * 365, 61 * 365 + 15))
    .map((ago) => isoDate(today - ago));
  const lab = (units: readonly string[], max: number) =>
    fc.record(
      {
        value: decimal(0, max),
        unit: fc.constantFrom(...units),
        date,
        upperLimitOfNormal: opt(fc.record({ value: decimal(0.1, max / 3), unit: fc.constantFrom(...units) })),
      },
      { requiredKeys: ['value', 'unit', 'date'] },
    );

  return fc.record(
    {
      demographics: fc.record(
        {
          birthDate,
          sex: fc.constantFrom('female' as const, 'male' as const, 'other' as const, 'unknown' as const),
          weight: fc.record({ value: decimal(8, 150), unit: fc.constantFrom('kg', 'lb') }),
        },
        { requiredKeys: [] },
      ),
      diagnosis: fc.record(
        {
          type: fc.constantFrom('T-ALL' as const, 'T-LBL' as const, 'other' as const),
          classification: fc.constantFrom('WHO-2008' as const, 'WHO-2016' as const, 'WHO-2022' as const, 'ICC-2022' as const),
        },
        { requiredKeys: ['type'] },
      ),
      diseaseStatus: fc.record(
        {
          status: fc.constantFrom('primary-refractory' as const, 'relapsed' as const, 'in-remission' as const, 'newly-diagnosed' as const),
          since: date,
          extramedullaryDisease: condition,
        },
        { requiredKeys: ['status'] },
      ),
      blasts: fc.array(
        fc.record({
          specimen: fc.constantFrom('peripheral-blood' as const, 'bone-marrow' as const),
          percent: fc.oneof(decimal(0, 100), fc.constantFrom(5, 5.1, 4.9)),
          date,
        }),
        { maxLength: 4 },
      ),
      cd7: fc.record({
        percent: fc.oneof(decimal(0, 100), fc.constantFrom(69.9, 70, 70.1)),
        method: fc.constantFrom('flow-cytometry' as const, 'immunohistochemistry' as const),
        date,
      }),
      ecog: fc.record({ score: fc.integer({ min: 0, max: 5 }), date }),
      lifeExpectancy: fc.record(
        { value: fc.oneof(decimal(0, 100), fc.constantFrom(12, 84, 85, 3)), unit: fc.constantFrom('d', 'wk', 'mo'), assessedOn: date },
        { requiredKeys: ['value', 'unit'] },
      ),
      labs: fc.record(
        {
          hemoglobin: fc.record(
            { value: fc.oneof(decimal(0, 200), fc.constantFrom(70, 69.9, 7, 6.9, 4.35)), unit: fc.constantFrom('g/L', 'g/dL', 'mmol/L'), date, transfused: fc.boolean() },
            { requiredKeys: ['value', 'unit', 'date'] },
          ),
          totalBilirubin: lab(['umol/L', 'mg/dL', 'µmol/L'], 60),
          ast: lab(['U/L', 'ukat/L', 'IU/L'], 400),
          alt: lab(['U/L', 'ukat/L', 'IU/L'], 400),
        },
        { requiredKeys: [] },
      ),
      consent: fc.record(
        { status: fc.constantFrom('signed' as const, 'declined' as const, 'pending' as const), date },
        { requiredKeys: ['status'] },
      ),
      history: fc.record(
        {
          solidOrganTransplant: condition,
          severePulmonaryDysfunction: condition,
          severeAutoimmuneDisease: condition,
          congenitalImmunodeficiency: condition,
          hivInfection: condition,
        },
        { requiredKeys: [] },
      ),
      cardiac: fc.record(
        {
          atrialFibrillation: condition,
          myocardialInfarction: fc.record(
            { status: fc.constantFrom('present' as const, 'absent' as const, 'unknown' as const), assessedOn: date, mostRecentOn: date },
            { requiredKeys: ['status'] },
          ),
          qtProlongation: condition,
          qtcMs: fc.record({ value: fc.integer({ min: 380, max: 520 }), date }),
          pericardialEffusion: condition,
          nyhaClass: fc.record({ value: fc.constantFrom('I' as const, 'II' as const, 'III' as const, 'IV' as const) }),
        },
        { requiredKeys: [] },
      ),
      infections: fc.record(
        { uncontrolledInfection: condition, activeHepatitis: condition, significantViralInfection: condition },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: [] },
  );
}
