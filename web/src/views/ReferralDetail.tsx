/** One referral, for the physician who sent it: the stored result, where it stands, adding data, withdrawing. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiProblem } from '../api/client.js';
import { getReferral, withdrawReferral, type ReferralView } from '../api/endpoints.js';
import { formatDateTime } from '../i18n/messages.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { useApp } from './context.js';
import { Prescreen, VerdictBadge } from './Prescreen.js';
import { ProblemNotice } from './ProblemNotice.js';
import { ProfileView } from './ProfileView.js';
import { routes } from './routes.js';
import { sameVerdict, shownAtSubmit, verdictOf } from './submitted.js';
import { usePageTitle } from './usePageTitle.js';

type Loaded = { readonly kind: 'active'; readonly referral: ReferralView } | { readonly kind: 'gone' } | { readonly kind: 'loading' };

export function ReferralDetail({ id }: { readonly id: string }) {
  const { t, api, locale, announce, navigate } = useApp();
  const [state, setState] = useState<Loaded>({ kind: 'loading' });
  const [problem, setProblem] = useState<unknown>(undefined);
  const [confirming, setConfirming] = useState(false);
  usePageTitle(t.detail.title(id));

  const load = useCallback(async () => {
    setProblem(undefined);
    try {
      const reply = await getReferral(api, id);
      setState({ kind: 'active', referral: reply.body });
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 410) setState({ kind: 'gone' });
      else setProblem(error);
    }
  }, [api, id]);
  useEffect(() => {
    void load();
  }, [load, locale]);

  const withdraw = async () => {
    setConfirming(false);
    try {
      await withdrawReferral(api, id);
      announce(t.detail.withdrawn);
      navigate(routes.referrals);
    } catch (error) {
      setProblem(error);
    }
  };

  const referral = state.kind === 'active' ? state.referral : undefined;
  const shown = shownAtSubmit(id);
  return (
    <section class="detail-page">
      <p class="breadcrumb">
        <a href={routes.referrals}>{t.referrals.title}</a>
      </p>
      <h1 tabIndex={-1}>{t.detail.title(id)}</h1>
      {problem !== undefined && <ProblemNotice problem={problem} onRetry={() => void load()} />}
      {state.kind === 'loading' && problem === undefined && <p>{t.app.loading}</p>}
      {state.kind === 'gone' && <p class="notice notice-info">{t.problems.gone}</p>}
      {referral && (
        <>
          <div class="summary-row">
            <VerdictBadge verdict={referral.screening.verdict} />
            <span>
              {t.detail.site}: {referral.site.candidateStatus ? t.statuses[referral.site.candidateStatus] : t.referrals.notYetAtSite}
            </span>
            <span>{t.detail.version(referral.version)}</span>
            <span>
              {t.referrals.referredOn} {formatDateTime(referral.createdAt)}
            </span>
          </div>
          {'incomplete' in referral && referral.incomplete && (
            <p class="notice notice-warning" data-incomplete="true">
              {referral.incomplete.notice}
            </p>
          )}
          {shown && (
            <p class={`notice ${sameVerdict(shown, verdictOf(referral.screening)) ? 'notice-ok' : 'notice-warning'}`} data-match={String(sameVerdict(shown, verdictOf(referral.screening)))}>
              {sameVerdict(shown, verdictOf(referral.screening)) ? t.detail.storedMatches : t.detail.storedDiffers}
            </p>
          )}
          <p class="actions">
            <a class="button-primary" href={routes.editReferral(id)}>
              {t.detail.addData}
            </a>
            <button type="button" class="button-danger" onClick={() => setConfirming(true)}>
              {t.detail.withdraw}
            </button>
          </p>
          <div class="detail-columns">
            <div class="detail-main">
              <Prescreen screening={referral.screening} title={t.detail.stored} />
            </div>
            <div class="detail-side">
              <h2>{t.detail.profile}</h2>
              <ProfileView profile={referral.profile as Record<string, unknown>} />
              <h2>{t.detail.history}</h2>
              <ol class="history">
                {[...referral.history].reverse().map((entry) => (
                  <li key={entry.at}>
                    <span class="history-when">{formatDateTime(entry.at)}</span> {t.detail.trigger[entry.trigger]} · <VerdictBadge verdict={entry.verdict} />{' '}
                    <span class="score">{entry.score.toFixed(1)}</span>
                  </li>
                ))}
              </ol>
            </div>
          </div>
          <ConfirmDialog
            open={confirming}
            title={t.detail.withdrawTitle}
            confirmLabel={t.detail.withdrawConfirm}
            cancelLabel={t.form.cancel}
            danger
            onConfirm={() => void withdraw()}
            onCancel={() => setConfirming(false)}
          >
            <p>{t.detail.withdrawBody}</p>
          </ConfirmDialog>
        </>
      )}
    </section>
  );
}
