/** Missing and stale data, future dates, and `reviewAt`: when the verdict could change with no new data. */
import { describe, expect, it } from 'vitest';
import type { PatientProfile } from '#profile/schema.js';
import { screen } from '#screening/screen.js';
import { NCT05212584 } from '#trial/nct05212584.js';
import { daysBefore, eligibleProfile } from '#test/support/profiles.js';
import { AS_OF, criterion, outcomeOf, renderedVariant, screenVariant } from '#test/support/screening.js';

const hemoglobinOn = (date: string) => (p: PatientProfile): PatientProfile => ({
  ...p,
  labs: { ...p.labs, hemoglobin: { value: 95, unit: 'g/L', date } },
});

describe('the screening window (labResultWindowDays = 28)', () => {
  it('a result exactly 28 days old is still current', () => {
    expect(outcomeOf('inc-hemoglobin', hemoglobinOn(daysBefore(AS_OF, 28))).outcome).toBe('met');
  });
  it('29 days old it is stale: unknown, never met, and the physician is asked for a newer one', () => {
    const result = outcomeOf('inc-hemoglobin', hemoglobinOn(daysBefore(AS_OF, 29)));
    expect(result.outcome).toBe('unknown');
    expect(result.reason).toContain('older than 28 days');
    expect(result.missing).toEqual([
      expect.objectContaining({ field: 'labs.hemoglobin', problem: 'stale', request: expect.stringContaining(daysBefore(AS_OF, 28)) as unknown }),
    ]);
  });
  it('a stale failing value is unknown too: old data decides nothing either way', () => {
    const result = outcomeOf('inc-cd7-expression', (p) => ({ ...p, cd7: { percent: 10, method: 'flow-cytometry', date: daysBefore(AS_OF, 60) } }));
    expect(result.outcome).toBe('unknown');
  });
  it('a result dated after the screening date is unknown until that date', () => {
    const tomorrow = daysBefore(AS_OF, -1);
    const result = renderedVariant(hemoglobinOn(tomorrow));
    expect(criterion(result, 'inc-hemoglobin').outcome).toBe('unknown');
    expect(result.reviewAt).toBe(tomorrow);
  });
});

describe('missing data', () => {
  it('an empty profile is a potential candidate with every criterion unknown and the data requested', () => {
    const result = screen({}, NCT05212584, AS_OF);
    expect(result.verdict).toBe('potential');
    expect(result.score).toBe(0);
    expect(result.criteria.every((c) => c.outcome === 'unknown')).toBe(true);
    const fields = result.missingData.map((m) => m.field);
    expect(fields).toEqual(expect.arrayContaining(['demographics.birthDate', 'labs.hemoglobin', 'cd7', 'ecog', 'blasts', 'cardiac.myocardialInfarction']));
    expect(new Set(fields).size).toBe(fields.length);
    expect(result.reviewAt).toBeNull();
  });
  it('a missing lab makes an otherwise eligible patient potential, ranked by what is met', () => {
    const result = screenVariant((p) => ({ ...p, labs: { ...p.labs, hemoglobin: undefined } }));
    expect(result.verdict).toBe('potential');
    expect(result.score).toBe(94.1); // 16 of 17 physician-verifiable criteria
    expect(result.missingData).toEqual([
      expect.objectContaining({ field: 'consent.status', criterionId: 'inc-consent' }),
      expect.objectContaining({ field: 'labs.hemoglobin', criterionId: 'inc-hemoglobin', problem: 'missing' }),
    ]);
  });
  it('an explicit "unknown" condition is the same as leaving it out', () => {
    const stated = outcomeOf('exc-hiv', (p) => ({ ...p, history: { ...p.history, hivInfection: { status: 'unknown' } } }));
    const omitted = outcomeOf('exc-hiv', (p) => ({ ...p, history: { ...p.history, hivInfection: undefined } }));
    expect(stated).toEqual(omitted);
    expect(stated.outcome).toBe('unknown');
  });
});

describe('reviewAt', () => {
  it('is the day the oldest result goes stale, for an eligible patient', () => {
    const profile: PatientProfile = { ...eligibleProfile(AS_OF), ecog: { score: 1, date: '2026-11-01' } };
    expect(screen(profile, NCT05212584, AS_OF).reviewAt).toBe('2026-11-30'); // 1 Nov + 28 days is the last current day
  });
  it('is the 61st birthday when that comes first, and the patient is ineligible from then on', () => {
    const profile: PatientProfile = { ...eligibleProfile(AS_OF), demographics: { birthDate: '1965-12-01', sex: 'male' } };
    const result = screen(profile, NCT05212584, AS_OF);
    expect(result.reviewAt).toBe('2026-12-01');
    expect(screen(profile, NCT05212584, '2026-11-30').verdict).toBe('eligible');
    expect(screen(profile, NCT05212584, '2026-12-01').verdict).toBe('ineligible');
  });
  it('is the second birthday for a toddler who is not yet 2', () => {
    const profile: PatientProfile = { ...eligibleProfile(AS_OF), demographics: { birthDate: '2024-12-03', sex: 'female' } };
    const result = screen(profile, NCT05212584, AS_OF);
    expect(result.verdict).toBe('ineligible');
    expect(result.reviewAt).toBe('2026-12-03');
  });
  it('is the day after a myocardial infarction leaves the 12-month window', () => {
    const profile: PatientProfile = {
      ...eligibleProfile(AS_OF),
      cardiac: { ...eligibleProfile(AS_OF).cardiac, myocardialInfarction: { status: 'present', mostRecentOn: '2025-12-10' } },
    };
    const result = screen(profile, NCT05212584, AS_OF);
    expect(result.verdict).toBe('ineligible');
    expect(result.reviewAt).toBe('2026-12-11');
    expect(screen(profile, NCT05212584, '2026-12-10').verdict).toBe('ineligible');
    expect(screen(profile, NCT05212584, '2026-12-11').verdict).toBe('eligible');
  });
  it('screening again on reviewAt changes something, and never earlier', () => {
    const profile = eligibleProfile(AS_OF);
    const first = screen(profile, NCT05212584, AS_OF);
    expect(first.reviewAt).not.toBeNull();
    const dayBefore = daysBefore(first.reviewAt ?? AS_OF, 1);
    const outcomes = (asOf: string) => screen(profile, NCT05212584, asOf).criteria.map((c) => c.outcome);
    expect(outcomes(dayBefore)).toEqual(outcomes(AS_OF));
    expect(outcomes(first.reviewAt ?? AS_OF)).not.toEqual(outcomes(AS_OF));
  });
});

it('rejects a malformed screening date: a programming error, not a patient fact', () => {
  expect(() => screen({}, NCT05212584, '25/11/2026')).toThrow(RangeError);
});
