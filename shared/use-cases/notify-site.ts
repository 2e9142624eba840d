/**
 * The queue consumer's job: put the candidate in the site's inbox and tell the site, once per change.
 *
 * The referral item is the ledger: `notification.sentSeq` says what the site already has. A duplicate or stale
 * queue message finds nothing newer to tell and is dropped. The inbox entry and `sentSeq` are written together
 * after the site accepted the webhook; if that write is lost the retry sends again with the same event id, which
 * the site can drop (the webhook is at-least-once, deduplicable by `eventId`).
 */
import { isTombstone, RevisionConflictError } from '../ports/referral-store.js';
import type { CandidateNotification } from '../ports/notifications.js';
import { markDelivered } from '../referral/lifecycle.js';
import type { Dependencies } from './dependencies.js';

export type DeliveryOutcome = 'delivered' | 'already-delivered' | 'withdrawn' | 'recorded-without-webhook';

const MAX_ATTEMPTS = 5;

export async function notifySite(
  deps: Pick<Dependencies, 'store' | 'siteNotifier' | 'clock' | 'publicBaseUrl'>,
  message: CandidateNotification,
): Promise<DeliveryOutcome> {
  /** The newest change this invocation already sent; a newer one that arrives during a retry is sent too. */
  let deliveredSeq = 0;
  for (let attempt = 1; ; attempt++) {
    const stored = await deps.store.get(message.referralId);
    if (!stored || isTombstone(stored)) return 'withdrawn';
    const target = stored.notification.seq;
    if (stored.notification.sentSeq >= target) return deliveredSeq > 0 ? 'delivered' : 'already-delivered';

    // A patient who became ineligible before the site ever heard of them needs no message, only the ledger entry.
    const worthTelling = stored.candidate !== undefined || stored.latest.verdict !== 'ineligible';
    if (worthTelling && deliveredSeq < target) {
      await deps.siteNotifier.notify({
        eventId: `${stored.id}:${target}`,
        siteId: stored.siteId,
        trialId: stored.trialId,
        referralId: stored.id,
        verdict: stored.latest.verdict,
        inboxUrl: `${deps.publicBaseUrl}/sites/${encodeURIComponent(stored.siteId)}/candidates`,
        occurredAt: deps.clock.now().toISOString(),
      });
      deliveredSeq = target;
    }
    try {
      await deps.store.put(markDelivered(stored, target, deps.clock.now()), stored.revision);
      return worthTelling ? 'delivered' : 'recorded-without-webhook';
    } catch (error) {
      // Someone rescreened or moved the candidate meanwhile: read again; the webhook is not sent twice here.
      if (error instanceof RevisionConflictError && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
  }
}
