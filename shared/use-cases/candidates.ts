/**
 * The site coordinators' inbox: their site's candidates, ranked, and the moves of the site's workflow (FHIR
 * ResearchSubject statuses) with the allowed transitions enforced. On-study patients hold a place of the target.
 */
import type { Principal } from '#auth/principal.js';
import { RevisionConflictError, type Page } from '#ports/referral-store.js';
import { CANDIDATE_TRANSITIONS, isTombstone, type CandidateStatus, type ReferralRecord } from '#referral/record.js';
import { DEFAULT_LOCALE, type Locale } from '#i18n/locale.js';
import { candidateListing } from '#referral/candidate-listing.js';
import { candidateSummary, candidateView } from '#referral/views.js';
import { recordChange, recordRead } from './audit.js';
import type { TrialDefinition } from '#trial/definition.js';
import { findTrial } from '#trial/registry.js';
import { MAX_CONFLICT_ATTEMPTS } from './retry-on-conflict.js';
import type { Dependencies } from './dependencies.js';
import { releaseLeavingPlace, settleFailedMove, takePlace } from './enrolment.js';
import { busy, forbidden, notFound, transitionNotAllowed } from './problems.js';


/** A coordinator acts for one site; another site's inbox is forbidden (its existence is not a secret). */
function requireOwnSite(principal: Principal, siteId: string): void {
  if (principal.siteId !== siteId) throw forbidden('you are not a coordinator of this site');
}

/** The inbox: the minimum per candidate (candidateSummary), ranked; the listing is recorded in the audit trail. */
export async function listCandidates(
  deps: Pick<Dependencies, 'store' | 'audit' | 'clock'>,
  principal: Principal,
  siteId: string,
  query: { status?: CandidateStatus | undefined; limit?: number | undefined; cursor?: string | undefined },
): Promise<Page<ReturnType<typeof candidateSummary>>> {
  requireOwnSite(principal, siteId);
  const page = await deps.store.listCandidates(siteId, query.status, {
    limit: query.limit ?? 25,
    ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
  });
  await recordRead(deps, principal, 'list-candidates', page.items);
  return { items: page.items.map(candidateSummary), ...(page.cursor ? { cursor: page.cursor } : {}) };
}

/** One candidate in full (profile and screening), on demand; the read is recorded first. */
export async function getCandidate(
  deps: Pick<Dependencies, 'store' | 'audit' | 'clock'>,
  principal: Principal,
  siteId: string,
  referralId: string,
  locale: Locale = DEFAULT_LOCALE,
) {
  requireOwnSite(principal, siteId);
  const record = await siteCandidate(deps, siteId, referralId);
  await recordRead(deps, principal, 'read-candidate', [record]);
  return { view: candidateView(record, locale), record };
}

async function siteCandidate(deps: Pick<Dependencies, 'store'>, siteId: string, referralId: string): Promise<ReferralRecord> {
  const stored = await deps.store.get(referralId);
  if (!stored || stored.siteId !== siteId || isTombstone(stored) || !stored.candidate) {
    throw notFound('no candidate of this site has that id');
  }
  return stored;
}

/**
 * Moves a candidate through the site's workflow. A move onto the study takes a place first (enrolment.ts), so the
 * target cannot be exceeded by concurrent moves; leaving the study gives the place back.
 */
export async function moveCandidate(
  deps: Pick<Dependencies, 'store' | 'audit' | 'clock' | 'ids' | 'events'>,
  principal: Principal,
  siteId: string,
  referralId: string,
  to: CandidateStatus,
) {
  requireOwnSite(principal, siteId);
  /** This request's claim on a place, while it holds one that the referral's status does not yet justify. */
  const token = deps.ids.newId();
  let claimedFor: TrialDefinition | undefined;
  try {
    for (let attempt = 1; ; attempt++) {
      const record = await siteCandidate(deps, siteId, referralId);
      const candidate = record.candidate;
      if (!candidate) throw notFound('no candidate of this site has that id');
      const allowed = CANDIDATE_TRANSITIONS[candidate.status];
      if (!allowed.includes(to)) {
        throw transitionNotAllowed(`a candidate in status ${candidate.status} cannot move to ${to}`, { from: candidate.status, allowed });
      }
      const trial = findTrial(record.trialId);
      if (!trial) throw new Error(`referral ${record.id} names unknown trial ${record.trialId}`);
      if (to === 'on-study' && claimedFor === undefined) {
        await takePlace(deps, trial, record.id, token);
        claimedFor = trial;
      }
      const at = deps.clock.now().toISOString();
      const next: ReferralRecord = {
        ...record,
        revision: record.revision + 1,
        updatedAt: at,
        candidate: { ...candidate, status: to, since: at },
      };
      try {
        await deps.store.put(next, record.revision);
      } catch (error) {
        if (error instanceof RevisionConflictError && attempt < MAX_CONFLICT_ATTEMPTS) continue;
        if (error instanceof RevisionConflictError) {
          throw busy('the candidate is being changed concurrently; retry');
        }
        if (claimedFor !== undefined) {
          let settled: 'landed' | 'fenced';
          try {
            settled = await settleFailedMove(deps.store, record, next);
          } catch {
            // Undecidable now: the place stays held (never too few), and the sweep gives it back if it must.
            claimedFor = undefined;
            throw error;
          }
          if (settled === 'landed') {
            claimedFor = undefined;
            await recordChange(deps, principal, 'move-candidate', [next]);
            return candidateSummary(candidateListing(next));
          }
        }
        throw error;
      }
      // On study now: the place is the patient's.
      claimedFor = undefined;
      if (candidate.status === 'on-study') await releaseLeavingPlace(deps, trial.id, record.id);
      await recordChange(deps, principal, 'move-candidate', [next]);
      return candidateSummary(candidateListing(next));
    }
  } finally {
    // The move did not happen: give back the place this request took (only if still held under its claim).
    if (claimedFor !== undefined) {
      const trialId = claimedFor.id;
      await deps.store.releasePlace(trialId, referralId, token).catch((error: unknown) =>
        deps.events.warn('giving back an unused place failed; the sweep will', { referralId, error: error instanceof Error ? error.name : 'unknown' }),
      );
    }
  }
}
