import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '#cli/display-width.js';
import { formatResultTable, wrap } from '#cli/result-table.js';
import { renderScreening, type RenderedScreening } from '#i18n/render.js';
import { screen } from '#screening/screen.js';
import { NCT05212584 } from '#trial/nct05212584.js';
import { daysBefore, eligibleProfile } from '#test/support/profiles.js';

const AS_OF = '2026-11-25';
const heading = { trialId: NCT05212584.id, title: NCT05212584.title };

describe('wrap', () => {
  test.prop([fc.string({ maxLength: 300 }), fc.integer({ min: 1, max: 120 })])('never overflows and keeps every word in order', (text, width) => {
    const lines = wrap(text, width);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
    // Words cut at the width come back whole when the pieces are joined again.
    expect(lines.join(' ').split(/\s+/).join('')).toBe(text.split(/\s+/).join(''));
  });

  it('breaks at spaces', () => {
    expect(wrap('hemoglobin 69 g/L is below 70 g/L', 16)).toEqual(['hemoglobin 69', 'g/L is below 70', 'g/L']);
  });
});

describe('formatResultTable', () => {
  const screenPotential = (locale: 'en' | 'zh-CN'): RenderedScreening => {
    const profile = eligibleProfile(AS_OF);
    const { hemoglobin: _dropped, ...labs } = profile.labs ?? {};
    return renderScreening(screen({ ...profile, labs, ecog: { score: 1, date: daysBefore(AS_OF, 40) } }, NCT05212584, AS_OF), locale);
  };
  const potential = screenPotential('en');

  it('has a row for every criterion, then the verdict, score, review date and missing data', () => {
    const table = formatResultTable(potential, heading, 100);
    for (const criterion of NCT05212584.criteria) {
      // Inclusions read met / NOT MET / unknown; exclusions clear / EXCLUDED / unknown: never "met" for an exclusion.
      const words = criterion.kind === 'inclusion' ? '(met|NOT MET|unknown)' : '(clear|EXCLUDED|unknown)';
      expect(table).toMatch(new RegExp(`^${criterion.id} +${words} `, 'm'));
    }
    expect(table).toMatch(/^Verdict: +Potential candidate — nothing excludes the patient/m);
    expect(table).toMatch(new RegExp(`^Score: +${potential.score}$`, 'm'));
    expect(table).toMatch(/^Review at: +\d{4}-\d{2}-\d{2} \(the first day an outcome can change/m);
    expect(table).toMatch(/^Rescreen: +\d{4}-\d{2}-\d{2}/m);
    expect(table).toMatch(/^Missing data \(\d+\):$/m);
    expect(table).toMatch(/^ {2}- labs\.hemoglobin \(missing, inc-hemoglobin\)/m);
    expect(table).toMatch(/^ {2}- ecog \(out of date, inc-ecog\)/m);
    expect(table).toContain('pre-screened as of 2026-11-25');
  });

  it('says so when nothing is missing and no date can change the verdict', () => {
    const quiet: RenderedScreening = { ...potential, verdict: 'eligible', verdictLabel: 'Pre-screen eligible — the site confirms eligibility', missingData: [], reviewAt: null, rescreenAt: null };
    const table = formatResultTable(quiet, heading);
    expect(table).toContain('Missing data: none');
    expect(table).toMatch(/^Review at: +none/m);
    expect(table).toMatch(/^Rescreen: +not scheduled/m);
    // A pre-screen, never an enrolment decision.
    expect(table).toMatch(/^Verdict: +Pre-screen eligible — the site confirms/m);
  });

  test.prop([fc.integer({ min: 0, max: 400 })])('fits any terminal from 60 to 120 columns (narrower and wider are clamped)', (columns) => {
    const width = Math.min(120, Math.max(60, columns));
    const table = formatResultTable(potential, heading, columns);
    for (const line of table.split('\n')) expect(line.length).toBeLessThanOrEqual(width);
  });

  it('marks criteria only the site verifies', () => {
    expect(formatResultTable(potential, heading)).toMatch(/^inc-consent +unknown .*\(verified by the/m);
  });

  it('speaks Chinese, lining up wide characters at two columns each', () => {
    const table = formatResultTable(screenPotential('zh-CN'), heading, 100);
    expect(table).toMatch(/^结论： +潜在候选/m);
    expect(table).toMatch(/^exc-hiv +未触及 +HIV感染：无$/m);
    expect(table).toMatch(/^inc-hemoglobin +待定 +血红蛋白：未提供$/m);
    for (const line of table.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(100);
  });
});
