/**
 * Stateless matching for FHIR clients (MITRE's getClinicalTrial, ResearchStudy/$match): translate the Bundle, screen
 * it against the trial as of today at the site, and render the searchset. It stores nothing and notifies nobody; it
 * reads only the recruitment state, so the ResearchStudy's status is the one the site has set.
 */
import type { Bundle } from 'fhir/r4.js';
import { researchStudyOf } from '#fhir/research-study.js';
import { searchSetOf } from '#fhir/search-set.js';
import { translateBundleSchemasOnDemand } from '#fhir/translate-bundle-on-demand.js';
import type { BundleTranslation } from '#fhir/translation.js';
import type { Locale } from '#i18n/locale.js';
import { screeningDate } from '#referral/screening-date.js';
import type { ScreeningResult } from '#screening/result.js';
import { screen } from '#screening/screen.js';
import type { TrialDefinition } from '#trial/definition.js';
import { siteTimeZone } from '#trial/registry.js';
import type { Dependencies } from './dependencies.js';
import { recruitmentStatus } from './recruitment.js';

export interface TrialMatch {
  readonly searchSet: Bundle;
  readonly translation: BundleTranslation;
  readonly result: ScreeningResult;
}

export async function matchBundle(
  deps: Pick<Dependencies, 'store' | 'clock'>,
  trial: TrialDefinition,
  bundle: unknown,
  locale: Locale,
): Promise<TrialMatch> {
  // Translate first: a malformed bundle costs no table read. No schema is built unless something is refused.
  const translation = await translateBundleSchemasOnDemand(bundle);
  const recruitment = await recruitmentStatus(deps.store, trial);
  const timeZone = siteTimeZone(trial);
  const result = screen(translation.profile, trial, screeningDate(deps.clock.now(), timeZone));
  const searchSet = searchSetOf(researchStudyOf(trial, recruitment.status), result, translation.notUsed, locale);
  return { searchSet, translation, result };
}
