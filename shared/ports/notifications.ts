/**
 * The event that travels on the queue from screening to the notify-site consumer. It carries identifiers and
 * the verdict only: never a name, a birth date or free text about the patient.
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

/** Puts notifications on the event queue (SQS in AWS, an in-process queue locally). */
export interface NotificationPublisher {
  publish(notifications: readonly CandidateNotification[]): Promise<void>;
}

/** What the site receives: a pointer to its inbox, no patient data. */
export interface SiteMessage {
  /** Stable per (referral, seq): the site can drop a duplicate delivery. */
  readonly eventId: string;
  readonly siteId: string;
  readonly trialId: string;
  readonly referralId: string;
  readonly verdict: CandidateNotification['verdict'];
  /** The verdict as people read it, in both of the site's languages: a pre-screen the site confirms. */
  readonly verdictLabel: { readonly en: string; readonly 'zh-CN': string };
  readonly inboxUrl: string;
  readonly occurredAt: string;
}

/** Tells the trial site (a signed webhook). Throws if the site did not accept it, so the message is retried. */
export interface SiteNotifier {
  notify(message: SiteMessage): Promise<void>;
}
