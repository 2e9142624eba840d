/** What the use cases need from the outside world: ports only, never an SDK. Each handler wires only what it uses. */
import type { AuditTrail } from '#ports/audit-trail.js';
import type { NotificationPublisher, SiteNotifier } from '#ports/notifications.js';
import type { ReferralStore } from '#ports/referral-store.js';
import type { Clock, IdGenerator, UseCaseEvents } from '#ports/runtime.js';

export interface Dependencies {
  readonly store: ReferralStore;
  /** Who accessed which patient's data, when and why (HIPAA §164.312(b)). */
  readonly audit: AuditTrail;
  readonly publisher: NotificationPublisher;
  readonly siteNotifier: SiteNotifier;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly events: UseCaseEvents;
  /** Public base URL of the API, for links in site notifications (`<baseUrl>/sites/<id>/candidates`). */
  readonly publicBaseUrl: string;
}
