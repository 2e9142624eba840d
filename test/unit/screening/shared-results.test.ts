/**
 * The engine hands out one object for every evaluation that depends on the rule alone (data not reported, a coded
 * value) and no longer freezes it (a frozen object is a second hidden class for every reader: 8.6 % of the
 * engine's throughput). That is safe only while nothing writes into a result. Here every result is deep-frozen
 * before its readers run (the renderers in both languages, the API's views, the referral lifecycle, the inbox
 * listing, the CLI's table and batch rows; the web app's pre-screen is `renderScreening` too): a reader that writes throws, since ES modules
 * run in strict mode.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatResultTable } from '#cli/result-table.js';
import { screenLine } from '#cli/batch-command.js';
import { renderScreening } from '#i18n/render.js';
import { LOCALES } from '#i18n/locale.js';
import type { PatientProfile } from '#profile/schema.js';
import { derivedListing } from '#referral/candidate-listing.js';
import { openReferral, recordScreening } from '#referral/lifecycle.js';
import { candidateView, referralView, screeningView } from '#referral/views.js';
import { screen } from '#screening/screen.js';
import type { ScreeningResult } from '#screening/result.js';
import { NCT05212584 } from '#trial/nct05212584.js';
import { eligibleProfile, profileArbitrary } from '#test/support/profiles.js';

const AS_OF = '2026-11-25';

function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  return Object.freeze(value);
}

function readEverywhere(profile: PatientProfile, result: ScreeningResult): void {
  for (const locale of LOCALES) {
    const rendered = renderScreening(result, locale);
    formatResultTable(rendered, { trialId: NCT05212584.id, title: NCT05212584.title });
    screeningView(result, locale);
  }
  const record = openReferral({
    id: 'r-1',
    trialId: NCT05212584.id,
    siteId: 'hebei-yanda-ludaopei',
    physicianId: 'dr-li',
    profile,
    result,
    complete: true,
    now: new Date('2026-11-25T08:00:00Z'),
  });
  const rescreened = recordScreening(record, result, 'time-passed', new Date('2026-11-26T08:00:00Z'), true);
  for (const locale of LOCALES) {
    referralView(rescreened, locale);
    candidateView(rescreened, locale);
  }
  derivedListing(rescreened);
  JSON.stringify(rescreened);
  screenLine(JSON.stringify(profile), 1, NCT05212584, AS_OF);
}

describe('screening results are shared read-only values', () => {
  it('no reader writes into a result (results deep-frozen, shared constants included)', () => {
    const eligible = eligibleProfile(AS_OF);
    readEverywhere(eligible, deepFreeze(screen(eligible, NCT05212584, AS_OF)));
    fc.assert(
      fc.property(profileArbitrary(AS_OF), (profile) => {
        readEverywhere(profile, deepFreeze(screen(profile, NCT05212584, AS_OF)));
      }),
      { numRuns: 300, seed: 20261130 },
    );
  });

  it('a screening after the shared values were read everywhere gives the same result as before', () => {
    const profiles = fc.sample(profileArbitrary(AS_OF), { numRuns: 200, seed: 20261201 });
    const before = profiles.map((profile) => JSON.stringify(screen(profile, NCT05212584, AS_OF)));
    for (const profile of profiles) readEverywhere(profile, screen(profile, NCT05212584, AS_OF));
    expect(profiles.map((profile) => JSON.stringify(screen(profile, NCT05212584, AS_OF)))).toEqual(before);
  });
});
