/**
 * The search score a matching client shows (`Bundle.entry.search.score`, 0..1). MITRE's app reads ≥ 0.75 as
 * "High-likelihood match", ≥ 0.01 as "Possible match" and below as "No match" (clinical-trial-matching-app,
 * src/components/Results/utils.ts `getLikelihood`). Our verdicts keep that meaning:
 *  - eligible: 0.95 — high likelihood, but not 1: a pre-screen, and the site still verifies consent;
 *  - potential: 0.01 to 0.74, the share of physician-reportable criteria met (our 0-100 score) scaled into that band,
 *    so a potential candidate is never shown as a high-likelihood match however much is known;
 *  - ineligible: 0.
 */
import type { ScreeningResult } from '#screening/result.js';

export const MATCH_SCORE = { eligible: 0.95, potentialMin: 0.01, potentialMax: 0.74, ineligible: 0 } as const;

export function matchScore(result: Pick<ScreeningResult, 'verdict' | 'score'>): number {
  switch (result.verdict) {
    case 'eligible':
      return MATCH_SCORE.eligible;
    case 'ineligible':
      return MATCH_SCORE.ineligible;
    case 'potential': {
      const span = MATCH_SCORE.potentialMax - MATCH_SCORE.potentialMin;
      const scaled = MATCH_SCORE.potentialMin + (span * Math.min(100, Math.max(0, result.score))) / 100;
      return Math.round(scaled * 100) / 100;
    }
  }
}
