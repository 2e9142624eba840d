import { describe, expect, it } from 'vitest';
import { screenLine } from '#cli/batch-command.js';
import { csvRow } from '#cli/batch-results.js';
import { BatchTally, formatBatchSummary } from '#cli/batch-summary.js';
import { NCT05212584 } from '#trial/nct05212584.js';
import { eligibleProfile } from '#test/support/profiles.js';

describe('CSV rows', () => {
  it('quote commas and quotes, and keep a spreadsheet from reading a value as a formula', () => {
    expect(csvRow({ line: 3, id: '=HYPERLINK("x")', error: 'bad, "very"' })).toBe(`3,"'=HYPERLINK(""x"")",,,,,,,"bad, ""very"""\n`);
  });
});

describe('a batch line', () => {
  it('screens a profile and leaves consent, which only the site verifies, out of what is missing', () => {
    const line = screenLine(JSON.stringify(eligibleProfile('2026-11-25')), 1, NCT05212584, '2026-11-25');
    expect(line).toMatchObject({ line: 1, verdict: 'eligible', score: 100, missing: [] });
  });

  it('says why a line could not be screened, without quoting it', () => {
    const line = screenLine('{"patientName": Wang}', 2, NCT05212584, '2026-11-25');
    expect(line).toEqual({ line: 2, error: expect.stringMatching(/^not valid JSON/) });
    expect(JSON.stringify(line)).not.toContain('Wang');
  });

  it('words an invalid line in the language of the summary', () => {
    const bad = JSON.stringify({ cd7: { percent: 170, method: 'flow-cytometry', date: '2026-11-20' } });
    expect(screenLine(bad, 3, NCT05212584, '2026-11-25')).toEqual({ line: 3, error: 'invalid profile: cd7.percent: must be at most 100' });
    expect(screenLine(bad, 3, NCT05212584, '2026-11-25', 'zh-CN')).toEqual({ line: 3, error: '资料无效：cd7.percent：须不大于 100' });
  });
});

describe('the summary', () => {
  it('counts verdicts and failures, and ranks the missing data', () => {
    const tally = new BatchTally();
    tally.add({ line: 1, verdict: 'potential', score: 50, missing: ['cd7', 'labs.hemoglobin'], reviewAt: null });
    tally.add({ line: 2, verdict: 'potential', score: 50, missing: ['cd7'], reviewAt: null });
    tally.add({ line: 3, error: 'x' });
    expect(tally.topMissing(5)).toEqual([
      ['cd7', 2],
      ['labs.hemoglobin', 1],
    ]);
    const text = formatBatchSummary(tally, 'en');
    expect(text).toMatch(/^Screened 2 lines; 1 could not be screened/);
    expect(text).toMatch(/^Potential candidate +2 +66\.7%$/m);
    expect(text).toMatch(/^ {2}cd7 +2 +66\.7%$/m);
  });
});
