/**
 * The site coordinators' inbox: candidates ranked by score, filtered by status, refreshed without a reload (new
 * ones are marked and announced), with the enrolment count against the target and the recruitment switch.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { CANDIDATE_STATUSES, type CandidateStatus } from '#referral/record.js';
import { listCandidates, getTrialView, setRecruitment, type CandidateSummary, type TrialView } from '../api/endpoints.js';
import { formatDateTime } from '../i18n/messages.js';
import { useApp } from './context.js';
import { VerdictBadge } from './Prescreen.js';
import { ProblemNotice } from './ProblemNotice.js';
import { routes } from './routes.js';
import { usePageTitle } from './usePageTitle.js';
import { usePolling } from './usePolling.js';

export function Inbox({ status }: { readonly status?: CandidateStatus }) {
  const { t, api, session, config, locale, announce, navigate } = useApp();
  const siteId = session.principal.siteId ?? '';
  const [items, setItems] = useState<readonly CandidateSummary[] | undefined>(undefined);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [trial, setTrial] = useState<TrialView | undefined>(undefined);
  const [problem, setProblem] = useState<unknown>(undefined);
  const [refreshedAt, setRefreshedAt] = useState<string | undefined>(undefined);
  const [switching, setSwitching] = useState(false);
  /** Every candidate seen since the page opened, so only really new ones are marked. */
  const seen = useRef<Set<string> | undefined>(undefined);
  usePageTitle(t.inbox.title);

  const refresh = useCallback(async () => {
    try {
      const [page, trialReply] = await Promise.all([listCandidates(api, siteId, status), getTrialView(api)]);
      setTrial(trialReply.body);
      const known = seen.current;
      const arrived = known ? page.body.items.filter((item) => !known.has(item.referralId)).map((item) => item.referralId) : [];
      seen.current = new Set([...(known ?? []), ...page.body.items.map((item) => item.referralId)]);
      if (arrived.length > 0) {
        setFresh((current) => new Set([...current, ...arrived]));
        announce(t.inbox.newArrivals(arrived.length));
      }
      setItems((current) => {
        // Keep the pages loaded with "show more"; the first page is replaced with the fresh one.
        const firstIds = new Set(page.body.items.map((item) => item.referralId));
        const rest = (current ?? []).slice(page.body.items.length).filter((item) => !firstIds.has(item.referralId));
        return [...page.body.items, ...rest];
      });
      setCursor((current) => (current === undefined || page.body.cursor === undefined ? page.body.cursor : current));
      setRefreshedAt(new Date().toISOString());
      setProblem(undefined);
    } catch (error) {
      setProblem(error);
    }
  }, [api, siteId, status, announce, t]);

  useEffect(() => {
    seen.current = undefined;
    setItems(undefined);
    setFresh(new Set());
    setCursor(undefined);
    void refresh();
    // The filter and the language make a new list (refresh itself changes with them).
  }, [status, locale]);
  usePolling(refresh, config.pollIntervalMs);

  const more = async () => {
    if (cursor === undefined) return;
    try {
      const page = await listCandidates(api, siteId, status, cursor);
      for (const item of page.body.items) seen.current?.add(item.referralId);
      setItems((current) => [...(current ?? []), ...page.body.items]);
      setCursor(page.body.cursor);
    } catch (error) {
      setProblem(error);
    }
  };

  const toggleRecruitment = async () => {
    if (!trial) return;
    setSwitching(true);
    try {
      const reply = await setRecruitment(api, trial.recruitment.status === 'paused' ? 'open' : 'paused');
      setTrial(reply.body);
      announce(t.inbox.recruitment[reply.body.recruitment.status]);
    } catch (error) {
      setProblem(error);
    } finally {
      setSwitching(false);
    }
  };

  return (
    <section>
      <h1 tabIndex={-1}>{t.inbox.title}</h1>
      {trial && (
        <div class={`recruitment recruitment-${trial.recruitment.status}`}>
          <div class="recruitment-count">
            <p class="recruitment-status">
              <strong>{t.inbox.recruitment[trial.recruitment.status]}</strong>
            </p>
            <label for="enrolled" class="recruitment-enrolled">
              {t.inbox.enrolled(trial.recruitment.enrolled, trial.recruitment.target)}
            </label>
            <progress id="enrolled" max={trial.recruitment.target} value={trial.recruitment.enrolled}>
              {t.inbox.enrolled(trial.recruitment.enrolled, trial.recruitment.target)}
            </progress>
          </div>
          <div class="recruitment-switch">
            <button type="button" class="button-secondary" disabled={switching || trial.recruitment.status === 'full'} onClick={() => void toggleRecruitment()} aria-describedby="pause-help">
              {trial.recruitment.status === 'paused' ? t.inbox.reopen : t.inbox.pause}
            </button>
            <p class="help" id="pause-help">
              {t.inbox.pauseHelp}
            </p>
          </div>
        </div>
      )}
      <div class="inbox-tools">
        <label for="status-filter">{t.inbox.filter}</label>
        <select
          id="status-filter"
          value={status ?? ''}
          onChange={(event) => {
            const value = (event.currentTarget as HTMLSelectElement).value;
            navigate(routes.inbox(value === '' ? undefined : (value as CandidateStatus)));
          }}
        >
          <option value="">{t.inbox.all}</option>
          {CANDIDATE_STATUSES.map((option) => (
            <option key={option} value={option}>
              {t.statuses[option]}
            </option>
          ))}
        </select>
        {refreshedAt && <span class="refreshed">{t.inbox.refreshed(formatDateTime(refreshedAt).slice(11))}</span>}
      </div>
      {problem !== undefined && <ProblemNotice problem={problem} onRetry={() => void refresh()} />}
      {items === undefined && problem === undefined && <p>{t.app.loading}</p>}
      {items?.length === 0 && <p>{t.inbox.empty}</p>}
      {items && items.length > 0 && (
        <table class="table inbox-table">
          <thead>
            <tr>
              <th scope="col">{t.inbox.rank}</th>
              <th scope="col">{t.inbox.candidate}</th>
              <th scope="col">{t.inbox.ageColumn}</th>
              <th scope="col">{t.inbox.verdict}</th>
              <th scope="col">{t.inbox.score}</th>
              <th scope="col">{t.inbox.status}</th>
              <th scope="col">{t.inbox.missing}</th>
              <th scope="col">{t.inbox.since}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item, index) => (
              <tr key={item.referralId} data-candidate={item.referralId} class={fresh.has(item.referralId) ? 'fresh' : undefined}>
                <td data-label={t.inbox.rank}>{index + 1}</td>
                <th scope="row" data-label={t.inbox.candidate}>
                  <a href={routes.candidate(item.referralId)}>{t.referrals.shortId(item.referralId)}</a>
                  {fresh.has(item.referralId) && <span class="new-badge">{t.inbox.newBadge}</span>}
                </th>
                <td data-label={t.inbox.ageColumn}>{item.age === null ? '—' : t.inbox.age(item.age)}</td>
                <td data-label={t.inbox.verdict}>
                  <VerdictBadge verdict={item.verdict} />
                </td>
                <td data-label={t.inbox.score}>{item.score.toFixed(1)}</td>
                <td data-label={t.inbox.status}>{item.status ? t.statuses[item.status] : '—'}</td>
                <td data-label={t.inbox.missing}>{item.missingData}</td>
                <td data-label={t.inbox.since}>{item.statusSince ? formatDateTime(item.statusSince) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursor !== undefined && (
        <p>
          <button type="button" class="button-secondary" onClick={() => void more()}>
            {t.inbox.loadMore}
          </button>
        </p>
      )}
    </section>
  );
}
