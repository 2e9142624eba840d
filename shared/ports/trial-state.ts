/**
 * The port for a trial's own state as this service keeps it beside the referrals: the recruitment switch, and its
 * reading together with the enrolment ledger's places (one read where the store can make it one).
 */
import type { PlaceClaim } from './enrolment-ledger.js';

/** The service's own recruitment state for a trial (the registry's status is in the trial definition). */
export interface TrialState {
  readonly trialId: string;
  readonly recruitment: 'open' | 'paused';
  readonly updatedAt?: string;
}

export interface TrialStateStore {
  /** The trial's switch; open when none was ever stored. */
  getTrialState(trialId: string): Promise<TrialState>;
  /** The trial's recruitment switch and the places held against its target, in one strongly consistent read. */
  readRecruitment(trialId: string): Promise<{ readonly state: TrialState; readonly places: readonly PlaceClaim[] }>;
  putTrialState(state: TrialState): Promise<void>;
}
