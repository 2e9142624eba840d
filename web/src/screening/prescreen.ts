/**
 * The live pre-screen: the service's own engine, trial definition and catalogues, run in the browser on the
 * profile as typed, for today at the trial site. No round trip, and no second implementation: the verdict shown
 * while typing is the one the API computes and stores on submit (a test compares them).
 */
import type { Locale } from '#i18n/locale.js';
import { renderScreening, type RenderedScreening } from '#i18n/render.js';
import type { PatientProfile } from '#profile/schema.js';
import { screeningDate } from '#referral/screening-date.js';
import { screen } from '#screening/screen.js';
import type { TrialDefinition } from '#trial/definition.js';
import { findTrial } from '#trial/registry.js';
import { TRIAL_ID } from '../api/endpoints.js';

function trial(): TrialDefinition {
  const found = findTrial(TRIAL_ID);
  if (!found) throw new Error(`the app bundles no definition of ${TRIAL_ID}`);
  return found;
}

/** Today at the trial's site (Asia/Shanghai): the day the API screens on. */
export function siteToday(now: Date = new Date()): string {
  const definition = trial();
  return screeningDate(now, definition.sites[0]?.timeZone ?? 'Asia/Shanghai');
}

export function prescreen(profile: PatientProfile, locale: Locale, asOf: string = siteToday()): RenderedScreening {
  return renderScreening(screen(profile, trial(), asOf), locale);
}
