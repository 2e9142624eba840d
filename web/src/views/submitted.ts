/**
 * The pre-screen the physician saw when they sent a referral, kept in memory so the referral's page can say
 * whether the stored result is the same (it is, unless the day or the criteria changed in between).
 */
import type { CriterionOutcome, Verdict } from '#screening/result.js';

export interface ShownVerdict {
  readonly verdict: Verdict;
  readonly outcomes: Readonly<Record<string, CriterionOutcome>>;
}

const shown = new Map<string, ShownVerdict>();

export const rememberShown = (referralId: string, verdict: ShownVerdict): void => {
  shown.set(referralId, verdict);
};

export const shownAtSubmit = (referralId: string): ShownVerdict | undefined => shown.get(referralId);

export function sameVerdict(a: ShownVerdict, b: ShownVerdict): boolean {
  const ids = new Set([...Object.keys(a.outcomes), ...Object.keys(b.outcomes)]);
  return a.verdict === b.verdict && [...ids].every((id) => a.outcomes[id] === b.outcomes[id]);
}

export const verdictOf = (screening: { readonly verdict: Verdict; readonly criteria: readonly { readonly id: string; readonly outcome: CriterionOutcome }[] }): ShownVerdict => ({
  verdict: screening.verdict,
  outcomes: Object.fromEntries(screening.criteria.map((criterion) => [criterion.id, criterion.outcome])),
});
