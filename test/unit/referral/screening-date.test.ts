import { describe, expect, it } from 'vitest';
import { screeningDate } from '#referral/screening-date.js';
import { NCT05212584 } from '#trial/nct05212584.js';
import { siteTimeZone } from '#trial/registry.js';

describe('screeningDate', () => {
  it('gives the calendar day in the site time zone, not the machine one', () => {
    // 16:30 UTC on 24 November is 00:30 on 25 November in Langfang (UTC+8, no daylight saving).
    const instant = new Date('2026-11-24T16:30:00Z');
    expect(screeningDate(instant, 'Asia/Shanghai')).toBe('2026-11-25');
    expect(screeningDate(instant, 'UTC')).toBe('2026-11-24');
    expect(screeningDate(instant, 'America/Los_Angeles')).toBe('2026-11-24');
  });

  it('is dated in the site’s time zone, which the trial definition names once', () => {
    expect(siteTimeZone(NCT05212584)).toBe('Asia/Shanghai');
    expect(siteTimeZone(NCT05212584, 'hebei-yanda-ludaopei')).toBe('Asia/Shanghai');
  });

  it('pads months and days to YYYY-MM-DD', () => {
    expect(screeningDate(new Date('2027-01-04T02:00:00Z'), 'Asia/Shanghai')).toBe('2027-01-04');
  });
});
