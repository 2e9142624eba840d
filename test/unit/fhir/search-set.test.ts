import { describe, expect, it } from 'vitest';
import { MATCH_SCORE, matchScore } from '#fhir/match-score.js';
import { RESEARCH_STUDY_STATUS, researchStudyOf } from '#fhir/research-study.js';
import { searchSetOf } from '#fhir/search-set.js';
import { screen } from '#screening/screen.js';
import { NCT05212584 } from '#trial/nct05212584.js';
import { eligibleProfile } from '#test/support/profiles.js';

const AS_OF = '2026-11-25';

describe('the score MITRE\'s app shows (≥ 0.75 "High-likelihood", ≥ 0.01 "Possible", else "No match")', () => {
  it('eligible is high-likelihood but not certain; ineligible is no match', () => {
    expect(matchScore({ verdict: 'eligible', score: 100 })).toBe(0.95);
    expect(matchScore({ verdict: 'ineligible', score: 0 })).toBe(0);
  });

  it('a potential candidate is always a possible match, never high-likelihood, however much is known', () => {
    for (let score = 0; score <= 100; score += 0.1) {
      const value = matchScore({ verdict: 'potential', score });
      expect(value).toBeGreaterThanOrEqual(0.01);
      expect(value).toBeLessThan(0.75);
    }
    expect(matchScore({ verdict: 'potential', score: 99.9 })).toBe(MATCH_SCORE.potentialMax);
  });
});

describe('the ResearchStudy', () => {
  it('carries recruitment as FHIR status', () => {
    expect(RESEARCH_STUDY_STATUS).toEqual({ open: 'active', paused: 'temporarily-closed-to-accrual', full: 'closed-to-accrual' });
    expect(researchStudyOf(NCT05212584, 'paused').status).toBe('temporarily-closed-to-accrual');
  });
});

describe('the searchset of an eligible patient', () => {
  const result = screen(eligibleProfile(AS_OF), NCT05212584, AS_OF);
  const bundle = searchSetOf(researchStudyOf(NCT05212584, 'open'), result, [], 'en');

  it('scores 0.95 and says the verdict in an extension', () => {
    expect(result.verdict).toBe('eligible');
    expect(bundle.entry?.[0]?.search).toEqual({ mode: 'match', score: 0.95 });
    expect(JSON.stringify(bundle.entry?.[0]?.resource)).toContain('Pre-screen eligible');
  });

  it('has one issue per criterion, information when decided, a warning when unknown (consent, which the site verifies)', () => {
    const outcome = bundle.entry?.[1]?.resource as unknown as { issue: { severity: string; details: { coding: { code: string }[] } }[] };
    expect(outcome.issue).toHaveLength(NCT05212584.criteria.length);
    const warned = outcome.issue.filter((issue) => issue.severity === 'warning').map((issue) => issue.details.coding[0]?.code);
    expect(warned).toEqual(['inc-consent', 'exc-declined-consent']);
  });
});
