/**
 * The target enrollment, enforced: a patient goes on study only with a place in the trial's enrolment ledger, taken
 * by a conditional write before the referral's status is written, and given back when they leave the study. This
 * module is the one place that decides whether the trial is full (`isTrialFull`) and that takes, gives back and
 * reconciles places; `recruitmentStatus` and `moveCandidate` both go through it.
 *
 * Two writes, no transaction: the place, then the status. If the second fails, the request fences off its own
 * write (one conditional write of the referral at the revision it read, so the status write can never land later)
 * and gives the place back. If the request dies between the two, the place is held under an abandoned claim: after
 * CLAIM_LEASE_MS another move may take it over, and the scheduled sweep gives it back once the referral is seen not
 * to be on study. Places are never fewer than the patients on study, so the trial is never over-enrolled.
 */
import type { PlaceClaim } from '#ports/enrolment-ledger.js';
import { RevisionConflictError, type ReferralStore } from '#ports/referral-store.js';
import type { Clock, UseCaseEvents } from '#ports/runtime.js';
import { isTombstone, type ReferralRecord } from '#referral/record.js';
import type { TrialDefinition } from '#trial/definition.js';
import { busy, trialFull } from './problems.js';

/** A move between its two writes takes well under a second; a claim this old belongs to a request that died. */
export const CLAIM_LEASE_MS = 60_000;

/** The rule: a trial is full when the places held reach its target enrollment. */
export const isTrialFull = (trial: TrialDefinition, placesHeld: number): boolean => placesHeld >= trial.targetEnrollment;

const fullTrial = (trial: TrialDefinition) => trialFull(`the trial has reached its target of ${trial.targetEnrollment} enrolled patients`);

const placeBusy = () => busy('the candidate is being moved onto the study by another request; retry');

const abandoned = (claim: PlaceClaim, now: Date): boolean => claim.at === '' || Date.parse(claim.at) < now.getTime() - CLAIM_LEASE_MS;

/**
 * Takes a place on the study for the referral under `token`, or refuses: `trial-full` (every place is held) or
 * `busy` (another request is putting this patient on study right now).
 */
export async function takePlace(
  deps: { store: ReferralStore; clock: Clock },
  trial: TrialDefinition,
  referralId: string,
  token: string,
): Promise<void> {
  const now = deps.clock.now();
  const claim: PlaceClaim = { referralId, token, at: now.toISOString() };
  const outcome = await deps.store.claimPlace(trial.id, claim, trial.targetEnrollment);
  if (outcome.kind === 'claimed') return;
  if (outcome.kind === 'full') throw fullTrial(trial);
  if (outcome.claim.token === token) return;
  if (abandoned(outcome.claim, now) && (await deps.store.takeOverPlace(trial.id, outcome.claim, claim))) return;
  throw placeBusy();
}

/**
 * After the status write failed with an unknown outcome: makes sure it can never land (writes the referral at the
 * revision the move read, changing nothing else), then says whether the move landed after all. Throws if even
 * that cannot be decided; the place then stays held until the sweep.
 */
export async function settleFailedMove(store: ReferralStore, read: ReferralRecord, intended: ReferralRecord): Promise<'landed' | 'fenced'> {
  try {
    await store.put({ ...read, revision: read.revision + 1 }, read.revision);
    return 'fenced';
  } catch (error) {
    if (!(error instanceof RevisionConflictError)) throw error;
  }
  // Someone wrote the referral after our read: if it is our move, it is on study now; if not, ours can never land.
  const now = await store.get(read.id);
  return now && !isTombstone(now) && now.candidate?.status === intended.candidate?.status && intended.candidate?.status === 'on-study'
    ? 'landed'
    : 'fenced';
}

/** Gives back the place of a patient who left the study. A failure is left to the sweep, not to the caller. */
export async function releaseLeavingPlace(
  deps: { store: ReferralStore; events: UseCaseEvents },
  trialId: string,
  referralId: string,
): Promise<void> {
  try {
    await deps.store.releasePlace(trialId, referralId);
  } catch (error) {
    deps.events.warn('giving back a place on the study failed; the sweep will', { referralId, error: error instanceof Error ? error.name : 'unknown' });
  }
}

export interface EnrolmentReconciliation {
  /** Places whose claim was abandoned and whose referral is not on study. */
  released: number;
  /** Patients on study without a place (data from before the ledger, or a place given back in error). */
  recorded: number;
}

/**
 * The sweep's part: the ledger agrees with the referrals again. An abandoned claim whose referral is not on study is
 * given back; a patient on study without a place gets one (even beyond the target: they are on study, and the
 * count must say so).
 */
export async function reconcileEnrolment(deps: { store: ReferralStore; clock: Clock }, trial: TrialDefinition): Promise<EnrolmentReconciliation> {
  const now = deps.clock.now();
  const report: EnrolmentReconciliation = { released: 0, recorded: 0 };
  const places = await deps.store.places(trial.id);
  for (const place of places) {
    if (!abandoned(place, now)) continue;
    const stored = await deps.store.get(place.referralId);
    const onStudy = stored !== undefined && !isTombstone(stored) && stored.candidate?.status === 'on-study';
    if (onStudy) continue;
    await deps.store.releasePlace(trial.id, place.referralId, place.token);
    report.released++;
  }
  const held = new Set(places.map((place) => place.referralId));
  for (const site of trial.sites) {
    let cursor: string | undefined;
    do {
      const page = await deps.store.listCandidates(site.id, 'on-study', { limit: 100, ...(cursor === undefined ? {} : { cursor }) });
      for (const listed of page.items) {
        if (held.has(listed.id) || listed.trialId !== trial.id) continue;
        // The index may lag; only a consistent read of the referral says it is on study.
        const stored = await deps.store.get(listed.id);
        if (!stored || isTombstone(stored) || stored.candidate?.status !== 'on-study') continue;
        const outcome = await deps.store.claimPlace(trial.id, { referralId: listed.id, token: 'reconciled', at: now.toISOString() }, Number.MAX_SAFE_INTEGER);
        if (outcome.kind === 'claimed') report.recorded++;
      }
      cursor = page.cursor;
    } while (cursor !== undefined);
  }
  return report;
}
