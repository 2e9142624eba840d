/** The patch the web app sends when data is added or corrected: applying it to what was read gives what was typed. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyMergePatch, mergePatchBetween } from '#referral/merge-patch.js';
import { profileArbitrary } from '#test/support/profiles.js';

describe('mergePatchBetween', () => {
  it('sends changed and new members, null for removed ones, lists whole', () => {
    expect(
      mergePatchBetween(
        { labs: { hemoglobin: { value: 60, unit: 'g/L' }, ast: { value: 1 } }, blasts: [{ percent: 1 }], ecog: { score: 1 } },
        { labs: { hemoglobin: { value: 72, unit: 'g/L' } }, blasts: [{ percent: 1 }, { percent: 2 }], cd7: [{ percent: 90 }] },
      ),
    ).toEqual({ labs: { hemoglobin: { value: 72 }, ast: null }, blasts: [{ percent: 1 }, { percent: 2 }], ecog: null, cd7: [{ percent: 90 }] });
    expect(mergePatchBetween({ a: { b: 1 } }, { a: { b: 1 } })).toEqual({});
  });

  it('turns any profile into any other (generated)', () => {
    fc.assert(
      fc.property(profileArbitrary('2026-11-25'), profileArbitrary('2026-11-25'), (before, after) => {
        const plainBefore = JSON.parse(JSON.stringify(before)) as Record<string, unknown>;
        const plainAfter = JSON.parse(JSON.stringify(after)) as Record<string, unknown>;
        expect(applyMergePatch(plainBefore, mergePatchBetween(plainBefore, plainAfter))).toEqual(plainAfter);
      }),
      { numRuns: 300, seed: 4 },
    );
  });
});
