/**
 * Pages by address (the part after `#`). Addresses carry referral ids and a status filter, never patient data;
 * the hash is never sent to a server and the app sets no Referer.
 */
import { CANDIDATE_STATUSES, type CandidateStatus } from '#referral/record.js';

export type Route =
  | { readonly name: 'home' }
  | { readonly name: 'new-referral' }
  | { readonly name: 'referrals' }
  | { readonly name: 'referral'; readonly id: string }
  | { readonly name: 'edit-referral'; readonly id: string }
  | { readonly name: 'inbox'; readonly status?: CandidateStatus }
  | { readonly name: 'candidate'; readonly id: string }
  | { readonly name: 'not-found' };

const ID = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})';

export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?');
  if (path === '' || path === '/') return { name: 'home' };
  if (path === '/referrals/new') return { name: 'new-referral' };
  if (path === '/referrals') return { name: 'referrals' };
  let match = new RegExp(`^/referrals/${ID}$`).exec(path);
  if (match?.[1]) return { name: 'referral', id: match[1] };
  match = new RegExp(`^/referrals/${ID}/edit$`).exec(path);
  if (match?.[1]) return { name: 'edit-referral', id: match[1] };
  if (path === '/candidates') {
    const status = new URLSearchParams(search).get('status');
    return status !== null && (CANDIDATE_STATUSES as readonly string[]).includes(status)
      ? { name: 'inbox', status: status as CandidateStatus }
      : { name: 'inbox' };
  }
  match = new RegExp(`^/candidates/${ID}$`).exec(path);
  if (match?.[1]) return { name: 'candidate', id: match[1] };
  return { name: 'not-found' };
}

export const routes = {
  newReferral: '#/referrals/new',
  referrals: '#/referrals',
  referral: (id: string) => `#/referrals/${id}`,
  editReferral: (id: string) => `#/referrals/${id}/edit`,
  inbox: (status?: CandidateStatus) => (status ? `#/candidates?status=${status}` : '#/candidates'),
  candidate: (id: string) => `#/candidates/${id}`,
};
