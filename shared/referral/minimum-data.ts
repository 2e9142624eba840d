/**
 * The least a referral must carry before the site is told of it: the trial's `minimumDataToNotify` parameter, a
 * list of profile fields. Below it a referral is stored and screened but waits as *incomplete*, so a token holder
 * cannot fill the site's inbox with empty profiles. Pure: a profile and a trial in, the missing fields out.
 */
import type { PatientProfile } from '#profile/schema.js';
import type { TrialDefinition } from '#trial/definition.js';

export const MINIMUM_DATA_PARAMETER = 'minimumDataToNotify';

/** The fields the trial requires before notifying, in its order (none when the trial names no minimum). */
export function minimumDataFields(trial: TrialDefinition): readonly string[] {
  const parameter = Object.hasOwn(trial.parameters, MINIMUM_DATA_PARAMETER) ? trial.parameters[MINIMUM_DATA_PARAMETER] : undefined;
  if (typeof parameter?.value !== 'string') return [];
  return parameter.value.split(',').map((field) => field.trim()).filter((field) => field.length > 0);
}

function hasField(profile: PatientProfile, path: string): boolean {
  let value: unknown = profile;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return false;
    value = (value as Record<string, unknown>)[key];
  }
  return value !== undefined && value !== null;
}

/**
 * Fields that stand in for a minimum-data field: a FHIR Bundle's partial birth date (a year, or a year and month)
 * arrives as `birthDateRange`, which dates the patient as well as the age criterion needs it to.
 */
const STANDS_IN_FOR: Readonly<Record<string, readonly string[]>> = { 'demographics.birthDate': ['demographics.birthDateRange'] };

/** The minimum-data fields the profile lacks; empty when the site may be told. */
export function missingMinimumData(profile: PatientProfile, trial: TrialDefinition): readonly string[] {
  return minimumDataFields(trial).filter(
    (field) => !hasField(profile, field) && !(STANDS_IN_FOR[field] ?? []).some((alternative) => hasField(profile, alternative)),
  );
}
