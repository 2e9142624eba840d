/** Publishing holds notifications while recruitment is closed: they stay in the outbox for the sweep. */
import { describe, expect, it } from 'vitest';
import { openReferral } from '#referral/lifecycle.js';
import type { CandidateNotification } from '#referral/notification.js';
import { screen } from '#screening/screen.js';
import { NCT05212584 } from '#trial/nct05212584.js';
import { publishPending } from '#use-cases/publish-pending.js';
import { eligibleProfile } from '#test/support/profiles.js';
import { ManualClock } from '#test/support/manual-clock.js';

const now = new Date('2026-11-25T02:00:00.000Z');
const record = openReferral({
  id: '0b9f3c9e-8f7e-4b8a-9d6e-3f1c2b4a5d6e',
  trialId: NCT05212584.id,
  siteId: 'hebei-yanda-ludaopei',
  physicianId: 'dr-li',
  profile: eligibleProfile('2026-11-25'),
  result: screen(eligibleProfile('2026-11-25'), NCT05212584, '2026-11-25'),
  complete: true,
  now,
});

function recordingDeps() {
  const sent: CandidateNotification[] = [];
  const warnings: string[] = [];
  return {
    sent,
    warnings,
    deps: {
      publisher: { publish: async (n: readonly CandidateNotification[]) => void sent.push(...n) },
      events: { warn: (message: string) => void warnings.push(message) },
      clock: new ManualClock(now),
    },
  };
}

describe('publishPending', () => {
  it('records the notification whatever the recruitment: the outbox holds it', () => {
    expect(record.notification).toEqual({ seq: 1, sentSeq: 0, pendingSince: now.toISOString() });
  });
  it('publishes ids and the verdict only, while recruitment is open', async () => {
    const { deps, sent } = recordingDeps();
    expect(await publishPending(deps, [record], 'open')).toBe(1);
    expect(sent).toEqual([expect.objectContaining({ referralId: record.id, seq: 1, verdict: 'eligible', siteId: 'hebei-yanda-ludaopei' })]);
    expect(JSON.stringify(sent)).not.toContain('birthDate');
  });
  it.each(['paused', 'full'] as const)('holds it while recruitment is %s', async (recruitment) => {
    const { deps, sent } = recordingDeps();
    expect(await publishPending(deps, [record], recruitment)).toBe(0);
    expect(sent).toEqual([]);
  });
  it('keeps the notification pending when the queue fails, and says so without patient data', async () => {
    const { deps, warnings } = recordingDeps();
    const failing = { ...deps, publisher: { publish: () => Promise.reject(Object.assign(new Error('down'), { name: 'TimeoutError' })) } };
    expect(await publishPending(failing, [record], 'open')).toBe(0);
    expect(warnings).toEqual(['publishing notifications failed; the outbox sweep will retry']);
  });
});
