import type { Verdict } from './result.js';

/** A patient the site should hear about: eligible, or potentially eligible pending data. */
export const isCandidate = (verdict: Verdict): boolean => verdict !== 'ineligible';
