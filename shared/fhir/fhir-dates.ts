/**
 * FHIR dates at the edge: `date` and `dateTime` values (which may be partial: `2012`, `2012-03`) turned into the
 * calendar days the profile speaks in. A day is read as written (the recorder's local calendar day), never shifted
 * into another time zone: clinical results are dated by the day on the report.
 */
import { daysFromCivil, isoDate } from '#screening/calendar.js';

/** FHIR R4 `date` (http://hl7.org/fhir/R4/datatypes.html#date). */
export const FHIR_DATE = /^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1]))?)?$/;
/** FHIR R4 `dateTime` (http://hl7.org/fhir/R4/datatypes.html#dateTime): a time needs a zone. */
export const FHIR_DATE_TIME =
  /^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const monthLength = (year: number, month: number) => (month === 2 && isLeap(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 31));

/** A FHIR date or dateTime, read to the precision it was written with. */
export type FhirDay =
  | { readonly precision: 'day'; readonly day: string }
  | { readonly precision: 'month' | 'year'; readonly earliest: string; readonly latest: string };

/** Whether a regex-valid FHIR date names a real calendar day (no 31 April, no 29 February 2023). */
export function isRealDate(value: string): boolean {
  // Only a full date can name a day that does not exist; the regex has already checked the shape.
  if (value.length < 10) return true;
  const digit = (i: number) => value.charCodeAt(i) - 48;
  const year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
  return digit(8) * 10 + digit(9) <= monthLength(year, digit(5) * 10 + digit(6));
}

/** The day(s) a date or dateTime stands for. Assumes the value passed the FHIR regex. */
export function fhirDay(value: string): FhirDay {
  const year = Number(value.slice(0, 4));
  if (value.length === 4) {
    return { precision: 'year', earliest: isoDate(daysFromCivil(year, 1, 1)), latest: isoDate(daysFromCivil(year, 12, 31)) };
  }
  const month = Number(value.slice(5, 7));
  if (value.length === 7) {
    return {
      precision: 'month',
      earliest: isoDate(daysFromCivil(year, month, 1)),
      latest: isoDate(daysFromCivil(year, month, monthLength(year, month))),
    };
  }
  return { precision: 'day', day: value.slice(0, 10) };
}

/** The day of a date or dateTime when it names one day; undefined for a partial date. */
export function exactDay(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const read = fhirDay(value);
  return read.precision === 'day' ? read.day : undefined;
}
