/** Screening dates are calendar days at the trial site: a birthday or a 28-day window turns over at its midnight. */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function screeningDate(now: Date, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // en-CA formats as YYYY-MM-DD.
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter.format(now);
}
