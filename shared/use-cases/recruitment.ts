/** Whether the trial takes new candidates: the stored open/paused switch and the places held against the target. */
import type { ReferralStore } from '#ports/referral-store.js';
import type { Recruitment } from '#referral/lifecycle.js';
import type { TrialDefinition } from '#trial/definition.js';
import { isTrialFull } from './enrolment.js';

export interface RecruitmentStatus {
  readonly status: Recruitment;
  readonly enrolled: number;
  readonly target: number;
}

export async function recruitmentStatus(store: ReferralStore, trial: TrialDefinition): Promise<RecruitmentStatus> {
  const { state, places } = await store.readRecruitment(trial.id);
  const enrolled = places.length;
  const status: Recruitment = state.recruitment === 'paused' ? 'paused' : isTrialFull(trial, enrolled) ? 'full' : 'open';
  return { status, enrolled, target: trial.targetEnrollment };
}

export const recruitmentNotice = (recruitment: RecruitmentStatus): string | undefined =>
  recruitment.status === 'open'
    ? undefined
    : recruitment.status === 'full'
      ? `The trial has reached its target of ${recruitment.target} enrolled patients: the site is not being notified of new candidates.`
      : 'Recruitment is paused: the site is not being notified of new candidates.';
