import { describe, expect, it } from 'vitest';
import { calendarDateIn } from '../../../cli/site-date.js';

describe('calendarDateIn', () => {
  it('gives the calendar day in the site time zone, not the machine one', () => {
    // 16:30 UTC on 24 November is 00:30 on 25 November in Langfang (UTC+8, no daylight saving).
    const instant = new Date('2026-11-24T16:30:00Z');
    expect(calendarDateIn('Asia/Shanghai', instant)).toBe('2026-11-25');
    expect(calendarDateIn('UTC', instant)).toBe('2026-11-24');
    expect(calendarDateIn('America/Los_Angeles', instant)).toBe('2026-11-24');
  });

  it('pads months and days to YYYY-MM-DD', () => {
    expect(calendarDateIn('Asia/Shanghai', new Date('2027-01-04T02:00:00Z'))).toBe('2027-01-04');
  });
});
