/** Screening helpers for vignette tests: screen a variation of the eligible profile and pick one criterion. */
import type { PatientProfile } from '../../shared/profile/schema.js';
import { screen } from '../../shared/screening/screen.js';
import type { CriterionResult, ScreeningResult } from '../../shared/screening/result.js';
import { NCT05212584 } from '../../shared/trial/nct05212584.js';
import { eligibleProfile } from './profiles.js';

export const AS_OF = '2026-11-25';

export function screenVariant(change: (profile: PatientProfile) => PatientProfile, asOf = AS_OF): ScreeningResult {
  return screen(change(eligibleProfile(asOf)), NCT05212584, asOf);
}

export function criterion(result: ScreeningResult, id: string): CriterionResult {
  const found = result.criteria.find((c) => c.id === id);
  if (!found) throw new Error(`no criterion ${id} in the result`);
  return found;
}

/** The outcome of one criterion for a variation of the eligible profile. */
export function outcomeOf(id: string, change: (profile: PatientProfile) => PatientProfile, asOf = AS_OF) {
  return criterion(screenVariant(change, asOf), id);
}
