/** The physician's referrals: the verdict, what is missing, and where each stands at the site. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { listReferrals, type ReferralSummary } from '../api/endpoints.js';
import { formatDateTime } from '../i18n/messages.js';
import { useApp } from './context.js';
import { VerdictBadge } from './Prescreen.js';
import { ProblemNotice } from './ProblemNotice.js';
import { routes } from './routes.js';
import { usePageTitle } from './usePageTitle.js';

export function ReferralList() {
  const { t, api, locale } = useApp();
  const [items, setItems] = useState<readonly ReferralSummary[] | undefined>(undefined);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<unknown>(undefined);
  usePageTitle(t.referrals.title);

  const load = useCallback(
    async (after?: string) => {
      setProblem(undefined);
      try {
        const page = await listReferrals(api, after);
        setItems((current) => (after === undefined ? page.body.items : [...(current ?? []), ...page.body.items]));
        setCursor(page.body.cursor);
      } catch (error) {
        setProblem(error);
      }
    },
    [api],
  );
  useEffect(() => {
    void load();
  }, [load, locale]);

  return (
    <section>
      <div class="page-head">
        <h1 tabIndex={-1}>{t.referrals.title}</h1>
        <a class="button-primary" href={routes.newReferral}>
          {t.nav.newReferral}
        </a>
      </div>
      {problem !== undefined && <ProblemNotice problem={problem} onRetry={() => void load()} />}
      {items === undefined && problem === undefined && <p>{t.app.loading}</p>}
      {items?.length === 0 && <p>{t.referrals.empty}</p>}
      {items && items.length > 0 && (
        <table class="table referral-table">
          <thead>
            <tr>
              <th scope="col">{t.referrals.referral}</th>
              <th scope="col">{t.referrals.referredOn}</th>
              <th scope="col">{t.referrals.verdict}</th>
              <th scope="col">{t.referrals.missing}</th>
              <th scope="col">{t.referrals.siteStatus}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id} data-referral={item.id}>
                <th scope="row" data-label={t.referrals.referral}>
                  <a href={routes.referral(item.id)}>{t.referrals.shortId(item.id)}</a>
                </th>
                <td data-label={t.referrals.referredOn}>{formatDateTime(item.createdAt)}</td>
                {'verdict' in item ? (
                  <>
                    <td data-label={t.referrals.verdict}>
                      <VerdictBadge verdict={item.verdict} /> <span class="score">{item.score.toFixed(1)}</span>
                    </td>
                    <td data-label={t.referrals.missing}>{item.missingData}</td>
                    <td data-label={t.referrals.siteStatus}>
                      {item.candidateStatus ? t.statuses[item.candidateStatus] : item.status === 'incomplete' ? t.referrals.incomplete : t.referrals.notYetAtSite}
                    </td>
                  </>
                ) : (
                  <td colSpan={3} data-label={t.referrals.verdict}>
                    {t.referrals.withdrawnOn(formatDateTime(item.withdrawnAt))}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursor !== undefined && (
        <p>
          <button type="button" class="button-secondary" onClick={() => void load(cursor)}>
            {t.referrals.loadMore}
          </button>
        </p>
      )}
    </section>
  );
}
