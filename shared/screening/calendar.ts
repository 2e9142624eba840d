/**
 * Calendar arithmetic on day numbers (days since 1970-01-01). Clinical results are dated by day, so the engine
 * compares integers. Conversions use Howard Hinnant's civil-calendar algorithms in integer arithmetic, not
 * `Date` objects: screening must stay in the microseconds.
 */

/** Days from 1970-01-01 to the given proleptic Gregorian date (month 1-12). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  if (y >= 0 && y < 1_000_000 && month >= 0 && day >= 0) {
    // Every operand is a non-negative integer here, so truncating division is floor division and stays in
    // integer arithmetic: the path every real date takes, several times per screening.
    const era = (y / 400) | 0;
    const yearOfEra = y - era * 400;
    const dayOfYear = (((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) | 0) + day - 1;
    const dayOfEra = yearOfEra * 365 + ((yearOfEra / 4) | 0) - ((yearOfEra / 100) | 0) + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
  }
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The date of a day number, as [year, month 1-12, day]. */
export function civilFromDays(days: number): [year: number, month: number, day: number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** The year of a day number: civilFromDays(days)[0], without building the triple (ages are taken per criterion). */
export function yearOfDay(days: number): number {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  // March-based year: January and February (dayOfYear ≥ 306) belong to the next civil year.
  return yearOfEra + era * 400 + (dayOfYear >= 306 ? 1 : 0);
}

const digits = (text: string, from: number, to: number): number => {
  let value = 0;
  for (let i = from; i < to; i++) value = value * 10 + (text.charCodeAt(i) - 48);
  return value;
};

/** `YYYY-MM-DD` → day number. The profile schema has already checked the format. */
export function dayNumber(isoDay: string): number {
  return daysFromCivil(digits(isoDay, 0, 4), digits(isoDay, 5, 7), digits(isoDay, 8, 10));
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

function formatDay(day: number): string {
  const [year, month, date] = civilFromDays(day);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(date)}`;
}

/**
 * Formatted days, kept: a screening names the same few days over and over (the screening day, when results go
 * stale, reviewAt), and strings are immutable, so a formatted day can be shared. Bounded: cleared when full.
 */
const formatted = new Map<number, string>();
const FORMATTED_MAX = 4096;

/** Day number → `YYYY-MM-DD`. */
export function isoDate(day: number): string {
  let text = formatted.get(day);
  if (text === undefined) {
    if (formatted.size >= FORMATTED_MAX) formatted.clear();
    text = formatDay(day);
    formatted.set(day, text);
  }
  return text;
}

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The same calendar day `months` later. A day the target month lacks rolls over to the 1st of the next month
 * (31 March + 1 month = 1 May; 29 February + 12 months = 1 March), the reading that never lets an anniversary
 * fall early.
 */
export function addMonths(isoDay: string, months: number): number {
  const monthIndex = digits(isoDay, 5, 7) - 1 + months;
  const year = digits(isoDay, 0, 4) + Math.floor(monthIndex / 12);
  const month = (((monthIndex % 12) + 12) % 12) + 1;
  const day = digits(isoDay, 8, 10);
  const length = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 31);
  return day > length ? daysFromCivil(year, month, length) + 1 : daysFromCivil(year, month, day);
}

/** The day on which someone born on `birthDate` turns `years` (29 February birthdays turn on 1 March). */
export function birthday(birthDate: string, years: number): number {
  return addMonths(birthDate, years * 12);
}

/** Completed years of age on day `asOf`. */
export function completedYears(birthDate: string, asOf: number): number {
  const years = yearOfDay(asOf) - digits(birthDate, 0, 4);
  return birthday(birthDate, years) <= asOf ? years : years - 1;
}
