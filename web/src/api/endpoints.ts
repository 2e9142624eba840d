/** The routes of shared/http/routes.ts the app calls, typed by the views the handlers reply with. */
import type { CandidateStatus } from '#referral/record.js';
import type { candidateSummary, candidateView, referralSummary, referralView, screeningView } from '#referral/views.js';
import type { getTrial } from '#use-cases/trials.js';
import type { ApiClient, ApiReply } from './client.js';

export type ReferralView = ReturnType<typeof referralView>;
export type ReferralSummary = ReturnType<typeof referralSummary>;
export type CandidateView = ReturnType<typeof candidateView>;
/** A line of the inbox: the minimum to triage (age, verdict, score, missing data, status); the rest is read on demand. */
export type CandidateSummary = ReturnType<typeof candidateSummary>;
export type ScreeningView = ReturnType<typeof screeningView>;
export type TrialView = Awaited<ReturnType<typeof getTrial>>;

export interface ReferralCreated extends ScreeningView {
  readonly id: string;
  readonly version: number;
  readonly recruitment?: { readonly status?: string; readonly notice: string };
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly cursor?: string;
}

export const TRIAL_ID = 'NCT05212584';

const query = (parameters: Readonly<Record<string, string | undefined>>): string => {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) if (value !== undefined) search.set(name, value);
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
};

export const submitReferral = (api: ApiClient, profile: unknown, idempotencyKey: string): Promise<ApiReply<ReferralCreated>> =>
  api.request('POST', '/referrals', {
    body: { trialId: TRIAL_ID, prescreeningConsent: { attested: true }, profile },
    headers: { 'idempotency-key': idempotencyKey },
  });

export const listReferrals = (api: ApiClient, cursor?: string): Promise<ApiReply<Page<ReferralSummary>>> =>
  api.request('GET', `/referrals${query({ limit: '25', cursor })}`);

export const getReferral = (api: ApiClient, id: string): Promise<ApiReply<ReferralView>> =>
  api.request('GET', `/referrals/${encodeURIComponent(id)}`);

export const patchReferral = (api: ApiClient, id: string, patch: unknown, etag: string): Promise<ApiReply<ReferralView>> =>
  api.request('PATCH', `/referrals/${encodeURIComponent(id)}`, {
    body: patch,
    contentType: 'application/merge-patch+json',
    headers: { 'if-match': etag },
  });

export const withdrawReferral = (api: ApiClient, id: string): Promise<ApiReply<unknown>> =>
  api.request('DELETE', `/referrals/${encodeURIComponent(id)}`);

export const getTrialView = (api: ApiClient): Promise<ApiReply<TrialView>> => api.request('GET', `/trials/${TRIAL_ID}`);

export const setRecruitment = (api: ApiClient, recruitment: 'open' | 'paused'): Promise<ApiReply<TrialView>> =>
  api.request('PATCH', `/trials/${TRIAL_ID}`, { body: { recruitment }, contentType: 'application/merge-patch+json' });

export const listCandidates = (
  api: ApiClient,
  siteId: string,
  status: CandidateStatus | undefined,
  cursor?: string,
): Promise<ApiReply<Page<CandidateSummary>>> =>
  api.request('GET', `/sites/${encodeURIComponent(siteId)}/candidates${query({ status, limit: '50', cursor })}`);

/** One candidate in full (profile, screening): read on demand, and recorded in the site's audit trail. */
export const getCandidate = (api: ApiClient, siteId: string, referralId: string): Promise<ApiReply<CandidateView>> =>
  api.request('GET', `/sites/${encodeURIComponent(siteId)}/candidates/${encodeURIComponent(referralId)}`);

/**
 * The candidate's inbox line, or undefined once it is gone (withdrawn): how an open candidate page notices changes
 * without reading the patient's data again (every full read is audited).
 */
export async function findCandidateSummary(api: ApiClient, siteId: string, referralId: string): Promise<CandidateSummary | undefined> {
  let cursor: string | undefined;
  do {
    const page = await listCandidates(api, siteId, undefined, cursor);
    const found = page.body.items.find((item) => item.referralId === referralId);
    if (found) return found;
    cursor = page.body.cursor;
  } while (cursor !== undefined);
  return undefined;
}

export const moveCandidate = (api: ApiClient, siteId: string, referralId: string, status: CandidateStatus): Promise<ApiReply<CandidateSummary>> =>
  api.request('PATCH', `/sites/${encodeURIComponent(siteId)}/candidates/${encodeURIComponent(referralId)}`, { body: { status } });
