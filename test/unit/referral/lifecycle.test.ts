import { describe, expect, it } from 'vitest';
import {
  changeProfile,
  isNotifiableChange,
  markDelivered,
  openReferral,
  pendingNotification,
  recordScreening,
  withdraw,
} from '#referral/lifecycle.js';
import { HISTORY_LIMIT } from '#referral/record.js';
import type { Outcome, ScreeningResult, Verdict } from '#screening/result.js';

const result = (verdict: Verdict, asOf = '2026-11-25', outcomes: Record<string, Outcome> = {}): ScreeningResult => ({
  trialId: 'NCT05212584',
  criteriaVersion: 1,
  asOf,
  verdict,
  score: verdict === 'ineligible' ? 0 : verdict === 'eligible' ? 100 : 80,
  criteria: Object.entries<Outcome>({ 'inc-age': 'met', 'inc-ecog': 'met', ...outcomes }).map(([id, outcome]) => ({
    id,
    kind: 'inclusion' as const,
    text: id,
    outcome,
    reasons: [],
    siteVerified: false,
    missing: [],
  })),
  missingData: [],
  reviewAt: null,
  rescreenAt: null,
});

const now = new Date('2026-11-25T03:00:00.000Z');
const later = new Date('2026-11-26T03:00:00.000Z');

const open = (verdict: Verdict) =>
  openReferral({
    id: '7d4f7f7e-1c1a-4d8e-9a59-0d6f4d9b1a11',
    trialId: 'NCT05212584',
    siteId: 'hebei-yanda-ludaopei',
    physicianId: 'dr-li',
    profile: {},
    result: result(verdict),
    complete: true,
    now,
  });

describe('isNotifiableChange', () => {
  it('tells the site of a new candidate, not of a new ineligible patient', () => {
    expect(isNotifiableChange(undefined, 'eligible')).toBe(true);
    expect(isNotifiableChange(undefined, 'potential')).toBe(true);
    expect(isNotifiableChange(undefined, 'ineligible')).toBe(false);
  });
  it('tells the site whenever the verdict moves, including to ineligible', () => {
    expect(isNotifiableChange('potential', 'eligible')).toBe(true);
    expect(isNotifiableChange('eligible', 'ineligible')).toBe(true);
    expect(isNotifiableChange('ineligible', 'potential')).toBe(true);
    expect(isNotifiableChange('eligible', 'eligible')).toBe(false);
    expect(isNotifiableChange('ineligible', 'ineligible')).toBe(false);
  });
});

describe('openReferral', () => {
  it('records a pending notification in the same record as a candidate result', () => {
    const record = open('potential');
    expect(record.notification).toEqual({ seq: 1, sentSeq: 0, pendingSince: now.toISOString() });
    expect(record.version).toBe(1);
    expect(record.revision).toBe(1);
    expect(record.history).toHaveLength(1);
    expect(record.history[0]?.trigger).toBe('submitted');
  });
  it('records nothing to send for an ineligible patient', () => {
    expect(open('ineligible').notification).toEqual({ seq: 0, sentSeq: 0 });
  });
});

describe('recordScreening', () => {
  it('bumps the sequence only when the verdict changes, keeping the oldest pending time', () => {
    const first = open('potential');
    const same = recordScreening(first, result('potential', '2026-11-26'), 'time-passed', later, true);
    expect(same.notification).toEqual(first.notification);
    expect(same.revision).toBe(2);
    expect(same.version).toBe(1);
    const moved = recordScreening(same, result('eligible', '2026-11-26'), 'time-passed', later, true);
    expect(moved.notification).toEqual({ seq: 2, sentSeq: 0, pendingSince: now.toISOString() });
  });
  it('lists the criteria whose outcome changed in the history entry', () => {
    const first = open('potential');
    const next = recordScreening(first, result('ineligible', '2026-11-26', { 'inc-age': 'not_met' }), 'time-passed', later, true);
    expect(next.history.at(-1)).toMatchObject({ trigger: 'time-passed', verdict: 'ineligible', changed: ['inc-age'] });
  });
  it('keeps at most HISTORY_LIMIT entries, dropping the oldest', () => {
    let record = open('potential');
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) record = recordScreening(record, result('potential'), 'time-passed', later, true);
    expect(record.history).toHaveLength(HISTORY_LIMIT);
    expect(record.history[0]?.trigger).toBe('time-passed');
  });
});

describe('changeProfile', () => {
  it('is a new content version and a new revision', () => {
    const next = changeProfile(open('potential'), { ecog: { score: 1, date: '2026-11-20' } }, result('eligible'), later, true);
    expect(next.version).toBe(2);
    expect(next.revision).toBe(2);
    expect(next.profile).toEqual({ ecog: { score: 1, date: '2026-11-20' } });
    expect(next.history.at(-1)?.trigger).toBe('updated');
  });
});

describe('pendingNotification and markDelivered', () => {
  it('carries identifiers and the verdict only', () => {
    const message = pendingNotification(open('eligible'), now);
    expect(message).toEqual({
      type: 'candidate.changed',
      referralId: '7d4f7f7e-1c1a-4d8e-9a59-0d6f4d9b1a11',
      trialId: 'NCT05212584',
      siteId: 'hebei-yanda-ludaopei',
      seq: 1,
      verdict: 'eligible',
      score: 100,
      criteriaVersion: 1,
      occurredAt: now.toISOString(),
    });
  });
  it('puts the candidate in the inbox once and clears the outbox', () => {
    const delivered = markDelivered(open('eligible'), 1, later);
    expect(delivered.candidate).toEqual({ status: 'potential-candidate', since: later.toISOString(), recordedAt: later.toISOString() });
    expect(delivered.notification).toEqual({ seq: 1, sentSeq: 1 });
    expect(pendingNotification(delivered, later)).toBeUndefined();
    if (!delivered.candidate) throw new Error('a delivered candidate has a candidate record');
    const again = markDelivered({ ...delivered, candidate: { ...delivered.candidate, status: 'screening' } }, 1, later);
    expect(again.candidate?.status).toBe('screening');
  });
  it('leaves a newer change pending when an older one is delivered', () => {
    const first = open('potential');
    const moved = recordScreening(first, result('eligible'), 'time-passed', later, true);
    const delivered = markDelivered(moved, 1, later);
    expect(delivered.notification.sentSeq).toBe(1);
    expect(delivered.notification.seq).toBe(2);
    expect(delivered.notification.pendingSince).toBe(later.toISOString());
  });
  it('does not put an ineligible patient in the inbox', () => {
    const record = recordScreening(open('potential'), result('ineligible'), 'time-passed', later, true);
    expect(markDelivered(record, 2, later).candidate).toBeUndefined();
  });
});

describe('withdraw', () => {
  it('keeps nothing derived from the profile (not even the verdict), only who referred whom and when', () => {
    const tombstone = withdraw(open('eligible'), later);
    expect(tombstone).toEqual({
      id: '7d4f7f7e-1c1a-4d8e-9a59-0d6f4d9b1a11',
      withdrawn: true,
      revision: 2,
      trialId: 'NCT05212584',
      siteId: 'hebei-yanda-ludaopei',
      physicianId: 'dr-li',
      createdAt: now.toISOString(),
      withdrawnAt: later.toISOString(),
    });
  });
});

describe('a referral below the trial\'s minimum data', () => {
  const incomplete = (verdict: Verdict) =>
    openReferral({
      id: '7d4f7f7e-1c1a-4d8e-9a59-0d6f4d9b1a12',
      trialId: 'NCT05212584',
      siteId: 'hebei-yanda-ludaopei',
      physicianId: 'dr-li',
      profile: {},
      result: result(verdict),
      complete: false,
      now,
    });

  it('records no notification, whatever its verdict', () => {
    expect(incomplete('potential').notification).toEqual({ seq: 0, sentSeq: 0 });
    expect(recordScreening(incomplete('potential'), result('eligible'), 'time-passed', later, false).notification.seq).toBe(0);
  });

  it('is notified once complete, if a candidate', () => {
    expect(changeProfile(incomplete('potential'), { diagnosis: { type: 'T-ALL' } }, result('potential'), later, true).notification.seq).toBe(1);
    expect(changeProfile(incomplete('potential'), { diagnosis: { type: 'other' } }, result('ineligible'), later, true).notification.seq).toBe(0);
  });
});
