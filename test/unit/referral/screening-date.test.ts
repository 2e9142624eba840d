import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { FIXED_UTC_OFFSET_MINUTES, screeningDate, screeningDateByIntl } from '#referral/screening-date.js';
import { TRIALS } from '#trial/registry.js';
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

describe('a zone with a fixed offset (arithmetic, no ICU)', () => {
  const zones = Object.keys(FIXED_UTC_OFFSET_MINUTES);
  const HOUR = 3_600_000;
  const DAY = 24 * HOUR;

  it('agrees with the runtime’s time-zone data at every midnight of the zone from 2000 to 2100, a millisecond either side', () => {
    for (const zone of zones) {
      const offset = (FIXED_UTC_OFFSET_MINUTES[zone] ?? 0) * 60_000;
      const disagreements: string[] = [];
      // The zone's midnights, if its offset is what the table says; any other offset shows at one of them.
      for (let midnight = Date.UTC(2000, 0, 1) - offset; midnight < Date.UTC(2100, 0, 1); midnight += DAY) {
        for (const instant of [midnight - 1, midnight]) {
          const at = new Date(instant);
          if (screeningDate(at, zone) !== screeningDateByIntl(at, zone)) disagreements.push(`${zone} ${at.toISOString()}`);
        }
      }
      expect(disagreements.slice(0, 5)).toEqual([]);
    }
  });

  test.prop([fc.constantFrom(...zones), fc.date({ min: new Date('1992-01-01T00:00:00Z'), max: new Date('2100-12-31T23:59:59Z'), noInvalidDate: true })])(
    'agrees with Intl at any instant since 1992',
    (zone, at) => {
      expect(screeningDate(at, zone)).toBe(screeningDateByIntl(at, zone));
    },
  );

  it('covers every trial site’s zone that has a fixed offset, and leaves zones with daylight saving to Intl', () => {
    for (const trial of TRIALS) expect(Object.hasOwn(FIXED_UTC_OFFSET_MINUTES, siteTimeZone(trial))).toBe(true);
    // 06:30 UTC on 8 March 2026 is 23:30 on the 7th in Los Angeles before its clocks go forward, 00:30 after (9 March, PDT).
    expect(screeningDate(new Date('2026-03-08T07:30:00Z'), 'America/Los_Angeles')).toBe('2026-03-07');
    expect(screeningDate(new Date('2026-03-09T07:30:00Z'), 'America/Los_Angeles')).toBe('2026-03-09');
    // A name the table inherits from Object.prototype is not a zone of it: Intl refuses it, as it always did.
    expect(() => screeningDate(new Date('2026-11-24T16:30:00Z'), 'toString')).toThrow(RangeError);
  });
});

