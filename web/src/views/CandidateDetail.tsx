/**
 * One candidate, for the site: the screening with what is still missing, the clinical data, the referring
 * physician, and the workflow moves the site may make now (the server's CANDIDATE_TRANSITIONS) as buttons. The
 * patient's data is read once (each full read is audited); the page then watches the candidate's inbox line, so a
 * withdrawal shows without a reload and the data is read again only when it changed.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { CANDIDATE_TRANSITIONS, type CandidateStatus } from '#referral/record.js';
import { ApiProblem } from '../api/client.js';
import { findCandidateSummary, getCandidate, moveCandidate, type CandidateView } from '../api/endpoints.js';
import { formatDateTime } from '../i18n/messages.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { useApp } from './context.js';
import { Prescreen, VerdictBadge } from './Prescreen.js';
import { ProblemNotice } from './ProblemNotice.js';
import { ProfileView } from './ProfileView.js';
import { routes } from './routes.js';
import { usePageTitle } from './usePageTitle.js';
import { usePolling } from './usePolling.js';

type Loaded = { readonly kind: 'loading' } | { readonly kind: 'gone' } | { readonly kind: 'found'; readonly candidate: CandidateView };

/** Moves that end the workflow: asked twice. */
const FINAL: readonly CandidateStatus[] = ['ineligible', 'withdrawn'];

export function CandidateDetail({ id }: { readonly id: string }) {
  const { t, api, session, config, locale, announce } = useApp();
  const siteId = session.principal.siteId ?? '';
  const [state, setState] = useState<Loaded>({ kind: 'loading' });
  const [problem, setProblem] = useState<unknown>(undefined);
  const [confirming, setConfirming] = useState<CandidateStatus | undefined>(undefined);
  const [moving, setMoving] = useState(false);
  usePageTitle(t.candidate.title(id));

  /**
   * The candidate is gone (withdrawn, its data erased). Its last status message goes with it, in the same render:
   * "Moved to Screening" beside "no longer available" would say two things at once.
   */
  const lost = useCallback(() => {
    setState({ kind: 'gone' });
    announce('');
  }, [announce]);

  const load = useCallback(async () => {
    try {
      const reply = await getCandidate(api, siteId, id);
      setState({ kind: 'found', candidate: reply.body });
    } catch (error) {
      if (error instanceof ApiProblem && (error.status === 404 || error.status === 410)) lost();
      else setProblem(error);
    }
  }, [api, siteId, id, lost]);
  useEffect(() => {
    void load();
  }, [load, locale]);

  const shownUpdatedAt = state.kind === 'found' ? state.candidate.updatedAt : undefined;
  const watch = useCallback(async () => {
    try {
      const line = await findCandidateSummary(api, siteId, id);
      if (!line) lost();
      else if (line.updatedAt !== shownUpdatedAt) await load();
    } catch {
      // A failed refresh changes nothing shown; the next one tries again.
    }
  }, [api, siteId, id, shownUpdatedAt, load, lost]);
  usePolling(watch, config.pollIntervalMs, state.kind === 'found');

  const move = async (to: CandidateStatus) => {
    setConfirming(undefined);
    setMoving(true);
    setProblem(undefined);
    try {
      const reply = await moveCandidate(api, siteId, id, to);
      const line = reply.body;
      setState((current) =>
        current.kind === 'found'
          ? { kind: 'found', candidate: { ...current.candidate, status: line.status, statusSince: line.statusSince, updatedAt: line.updatedAt } }
          : current,
      );
      announce(t.candidate.moved(t.statuses[to]));
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 404) lost();
      else setProblem(error);
      void load();
    } finally {
      setMoving(false);
    }
  };

  const candidate = state.kind === 'found' ? state.candidate : undefined;
  const moves = candidate?.status ? CANDIDATE_TRANSITIONS[candidate.status] : [];
  return (
    <section class="detail-page">
      <p class="breadcrumb">
        <a href={routes.inbox()}>{t.candidate.back}</a>
      </p>
      <h1 tabIndex={-1}>{t.candidate.title(id)}</h1>
      {problem !== undefined && <ProblemNotice problem={problem} onDismiss={() => setProblem(undefined)} />}
      {state.kind === 'loading' && <p>{t.app.loading}</p>}
      {state.kind === 'gone' && (
        <p class="notice notice-info" role="status" data-gone="true">
          {t.candidate.gone}
        </p>
      )}
      {candidate && (
        <>
          <div class="summary-row">
            <VerdictBadge verdict={candidate.verdict} />
            <span>
              {t.candidate.status}: <strong data-status={candidate.status ?? ''}>{candidate.status ? t.statuses[candidate.status] : '—'}</strong>
              {candidate.statusSince && ` · ${formatDateTime(candidate.statusSince)}`}
            </span>
            <span>
              {t.candidate.referringPhysician}: <span class="physician">{candidate.referringPhysician}</span>
            </span>
            <span>
              {t.candidate.updated} {formatDateTime(candidate.updatedAt)}
            </span>
          </div>
          <div class="moves" role="group" aria-labelledby="moves-title">
            <h2 id="moves-title" class="moves-title">
              {t.candidate.moves}
            </h2>
            {moves.length === 0 ? (
              <p>{t.candidate.noMoves}</p>
            ) : (
              <p class="actions">
                {moves.map((to) => (
                  <button
                    key={to}
                    type="button"
                    data-move={to}
                    class={FINAL.includes(to) ? 'button-secondary' : 'button-primary'}
                    disabled={moving}
                    onClick={() => (FINAL.includes(to) ? setConfirming(to) : void move(to))}
                  >
                    {t.statuses[to]}
                  </button>
                ))}
              </p>
            )}
          </div>
          <div class="detail-columns">
            <div class="detail-main">
              <Prescreen screening={candidate.screening} title={t.detail.stored} />
            </div>
            <div class="detail-side">
              <h2>{t.candidate.profile}</h2>
              <ProfileView profile={candidate.profile as Record<string, unknown>} />
            </div>
          </div>
          <ConfirmDialog
            open={confirming !== undefined}
            title={confirming ? t.candidate.confirmFinal(t.statuses[confirming]) : ''}
            confirmLabel={t.candidate.confirm}
            cancelLabel={t.form.cancel}
            onConfirm={() => confirming && void move(confirming)}
            onCancel={() => setConfirming(undefined)}
          >
            <p>{confirming ? t.statuses[confirming] : ''}</p>
          </ConfirmDialog>
        </>
      )}
    </section>
  );
}
