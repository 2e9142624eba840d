/**
 * Today's date where the trial happens. Screening dates are calendar days in the site's time zone (Langfang is
 * UTC+8): a referral sent at 23:30 in Beijing on the 24th is screened as of the 24th, whatever the machine says.
 */

/** `now` as `YYYY-MM-DD` in `timeZone` ('en-CA' is the locale whose short date is ISO ordered). */
export function calendarDateIn(timeZone: string, now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
