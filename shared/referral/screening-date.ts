/**
 * Screening dates are calendar days at the trial site: a birthday or a 28-day window turns over at its midnight.
 *
 * A site in a zone whose offset from UTC is fixed (no daylight saving, no change in the years a screening can be
 * dated) gets its day from that offset, by arithmetic. Any other zone's day comes from Intl. The reason is cost: a
 * process's first `Intl.DateTimeFormat` starts ICU, ~15–20 ms of CPU on Node 20 and 22 (BENCHMARKS.md), and every
 * function that screens would pay it on its first request after a cold start. It does not pay it for this date alone. Each fixed
 * offset is held to the runtime's time-zone data by a test that compares the two, at every midnight of the site's
 * zone, from 2000 to 2100.
 */

/**
 * Minutes east of UTC. Asia/Shanghai: +08:00 since China ended daylight saving in 1991 (IANA tz database). If a
 * zone's rules change, the test against Intl fails once the runtime's time-zone data knows it.
 */
export const FIXED_UTC_OFFSET_MINUTES: Readonly<Record<string, number>> = {
  'Asia/Shanghai': 480,
  UTC: 0,
};

const MS_PER_MINUTE = 60_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) at `now` in `timeZone`, through Intl: for zones whose offset changes. */
export function screeningDateByIntl(now: Date, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // en-CA formats as YYYY-MM-DD.
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter.format(now);
}

export function screeningDate(now: Date, timeZone: string): string {
  const offset = Object.hasOwn(FIXED_UTC_OFFSET_MINUTES, timeZone) ? FIXED_UTC_OFFSET_MINUTES[timeZone] : undefined;
  if (offset === undefined) return screeningDateByIntl(now, timeZone);
  // The site's wall clock, read as if it were UTC: its date is the site's date (years 0000–9999 only, as ISO says).
  return new Date(now.getTime() + offset * MS_PER_MINUTE).toISOString().slice(0, 10);
}
