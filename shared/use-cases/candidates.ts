/**
 * The site coordinators' inbox: their site's candidates, ranked, and the moves of the site's workflow (FHIR
 * ResearchSubject statuses) with the allowed transitions enforced. On-study patients count against the target.
 */
import type { Principal } from '../auth/principal.js';
import { ProblemError, problems } from '../http/problem.js';
import { isTombstone, RevisionConflictError, type Page } from '../ports/referral-store.js';
import { CANDIDATE_TRANSITIONS, type CandidateStatus, type ReferralRecord } from '../referral/record.js';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locale.js';
import { candidateView } from '../referral/views.js';
import { findTrial } from '../trial/registry.js';
import type { Dependencies } from './dependencies.js';

const MAX_ATTEMPTS = 5;

/** A coordinator acts for one site; another site's inbox is forbidden (its existence is not a secret). */
function requireOwnSite(principal: Principal, siteId: string): void {
  if (principal.siteId !== siteId) throw new ProblemError(problems.forbidden('you are not a coordinator of this site'));
}

export async function listCandidates(
  deps: Pick<Dependencies, 'store'>,
  principal: Principal,
  siteId: string,
  query: { status?: CandidateStatus | undefined; limit?: number | undefined; cursor?: string | undefined },
  locale: Locale = DEFAULT_LOCALE,
): Promise<Page<ReturnType<typeof candidateView>>> {
  requireOwnSite(principal, siteId);
  const page = await deps.store.listCandidates(siteId, query.status, {
    limit: query.limit ?? 25,
    ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
  });
  return { items: page.items.map((record) => candidateView(record, locale)), ...(page.cursor ? { cursor: page.cursor } : {}) };
}

async function siteCandidate(deps: Pick<Dependencies, 'store'>, siteId: string, referralId: string): Promise<ReferralRecord> {
  const stored = await deps.store.get(referralId);
  if (!stored || stored.siteId !== siteId || isTombstone(stored) || !stored.candidate) {
    throw new ProblemError(problems.notFound('no candidate of this site has that id'));
  }
  return stored;
}

export async function moveCandidate(
  deps: Pick<Dependencies, 'store' | 'clock'>,
  principal: Principal,
  siteId: string,
  referralId: string,
  to: CandidateStatus,
  locale: Locale = DEFAULT_LOCALE,
) {
  requireOwnSite(principal, siteId);
  for (let attempt = 1; ; attempt++) {
    const record = await siteCandidate(deps, siteId, referralId);
    const candidate = record.candidate;
    if (!candidate) throw new ProblemError(problems.notFound('no candidate of this site has that id'));
    const allowed = CANDIDATE_TRANSITIONS[candidate.status];
    if (!allowed.includes(to)) {
      throw new ProblemError(
        problems.conflict('transition-not-allowed', `a candidate in status ${candidate.status} cannot move to ${to}`, {
          from: candidate.status,
          allowed,
        }),
      );
    }
    if (to === 'on-study') {
      const trial = findTrial(record.trialId);
      const enrolled = await deps.store.countCandidates(siteId, 'on-study');
      if (trial && enrolled >= trial.targetEnrollment) {
        throw new ProblemError(
          problems.conflict('trial-full', `the trial has reached its target of ${trial.targetEnrollment} enrolled patients`),
        );
      }
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
      return candidateView(next, locale);
    } catch (error) {
      if (error instanceof RevisionConflictError && attempt < MAX_ATTEMPTS) continue;
      if (error instanceof RevisionConflictError) {
        throw new ProblemError(problems.conflict('busy', 'the candidate is being changed concurrently; retry'));
      }
      throw error;
    }
  }
}
