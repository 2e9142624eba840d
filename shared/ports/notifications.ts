/** The queue and the site: how a due notification leaves the service. */
import type { CandidateNotification } from '#referral/notification.js';

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
