/**
 * Patient → demographics. A birth date to the day is the profile's `birthDate`; a year or a year-month (FHIR allows
 * both, and MITRE's app sends a year computed from an age) becomes `birthDateRange`: the earliest and latest day of
 * birth it allows. The age criterion is then decided only when every day in the range gives the same answer, and is
 * unknown at the 2 and 60 boundaries (shared/screening/rules/age.ts).
 */
import type { Patient } from './bundle-schema.js';
import { fhirDay } from './fhir-dates.js';
import type { ProfileBuilder } from './profile-builder.js';
import type { EntryRef } from './translation.js';

export function mapPatient(source: EntryRef, patient: Patient, builder: ProfileBuilder): void {
  const at = `Bundle.entry[${source.entry}].resource`;
  if (patient.gender !== undefined) {
    builder.set('demographics.sex', patient.gender, undefined, { source, codings: [], path: `${at}.gender` });
  }
  if (patient.birthDate !== undefined) {
    const read = fhirDay(patient.birthDate);
    if (read.precision === 'day') builder.set('demographics.birthDate', read.day, undefined, { source, codings: [], path: `${at}.birthDate` });
    else {
      builder.set('demographics.birthDateRange', { earliest: read.earliest, latest: read.latest }, undefined, {
        source,
        codings: [],
        path: `${at}.birthDate`,
        note: 'birth-date-partial',
      });
    }
  }
}
