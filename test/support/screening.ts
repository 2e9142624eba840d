/**
 * Screening helpers for vignette tests: screen a variation of the eligible profile and pick one criterion, with
 * its reasons rendered in English (or the language asked) beside the structure.
 */
import type { Locale } from '#i18n/locale.js';
import { renderScreening, type RenderedCriterion, type RenderedScreening } from '#i18n/render.js';
import type { PatientProfile } from '#profile/schema.js';
import { screen } from '#screening/screen.js';
import type { ScreeningResult } from '#screening/result.js';
import { NCT05212584 } from '#trial/nct05212584.js';
import { eligibleProfile } from './profiles.js';

export const AS_OF = '2026-11-25';

export function screenVariant(change: (profile: PatientProfile) => PatientProfile, asOf = AS_OF): ScreeningResult {
  return screen(change(eligibleProfile(asOf)), NCT05212584, asOf);
}

export function renderedVariant(change: (profile: PatientProfile) => PatientProfile, asOf = AS_OF, locale: Locale = 'en'): RenderedScreening {
  return renderScreening(screenVariant(change, asOf), locale);
}

export function criterion(result: RenderedScreening, id: string): RenderedCriterion {
  const found = result.criteria.find((c) => c.id === id);
  if (!found) throw new Error(`no criterion ${id} in the result`);
  return found;
}

/** One criterion for a variation of the eligible profile: outcome, structured reasons, and their English text. */
export function outcomeOf(id: string, change: (profile: PatientProfile) => PatientProfile, asOf = AS_OF, locale: Locale = 'en') {
  return criterion(renderedVariant(change, asOf, locale), id);
}

/** A whole profile (not a variation) screened and rendered. */
export function screened(profile: PatientProfile, asOf = AS_OF, locale: Locale = 'en'): RenderedScreening {
  return renderScreening(screen(profile, NCT05212584, asOf), locale);
}
