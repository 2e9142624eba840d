/**
 * The event that travels on the queue from screening to the notify-site consumer: a referral's notification
 * became due. It carries identifiers and the verdict only: never a name, a birth date or free text about the
 * patient. The referral item is the ledger (`notification.seq`, `sentSeq`); `verdict`, `score` and
 * `criteriaVersion` here are informational, the consumer reads the item again before it tells the site.
 */
import * as z from 'zod/mini';

export const CandidateNotification = z.strictObject({
  type: z.literal('candidate.changed'),
  referralId: z.string().check(z.minLength(1), z.maxLength(64)),
  trialId: z.string().check(z.minLength(1), z.maxLength(32)),
  siteId: z.string().check(z.minLength(1), z.maxLength(64)),
  /** The referral's notification sequence number: the consumer delivers each seq at most once. */
  seq: z.int().check(z.minimum(1)),
  verdict: z.enum(['eligible', 'potential', 'ineligible']),
  score: z.number(),
  criteriaVersion: z.int(),
  occurredAt: z.iso.datetime(),
});
export type CandidateNotification = z.infer<typeof CandidateNotification>;
