/**
 * The queue consumer's job: put the candidate in the site's inbox and tell the site, once per change.
 *
 * The referral item is the ledger: `notification.sentSeq` says what the site already has. A duplicate or stale
 * queue message finds nothing newer to tell and is dropped. The inbox entry and `sentSeq` are written together
 * after the site accepted the webhook. Once the site has the event, a failure to record it (a throttled or timed
 * out write, or the re-read after one) is retried here with a short backoff instead of giving the message back to
 * the queue, because a redelivered message would send the webhook again. Only if this invocation dies before the
 * write lands is the event sent twice, with the same event id, which the site can drop (the webhook is
 * at-least-once, deduplicable by `eventId`).
 */
import { verdictLabel } from '#i18n/render.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { RevisionConflictError } from '#ports/referral-store.js';
import { isTombstone, type StoredReferral } from '#referral/record.js';
import type { CandidateNotification } from '#referral/notification.js';
import { markDelivered } from '#referral/lifecycle.js';
import { MAX_CONFLICT_ATTEMPTS } from './retry-on-conflict.js';
import type { Dependencies } from './dependencies.js';

export type DeliveryOutcome = 'delivered' | 'already-delivered' | 'withdrawn' | 'recorded-without-webhook';

/**
 * Store failures tolerated after the site accepted the event, before the message goes back to the queue. The
 * backoff totals about 5 s at most, well inside the consumer's timeout and the queue's visibility timeout.
 */
const LEDGER_ATTEMPTS = 12;
const ledgerBackoffMs = (failure: number): number => Math.min(10 * 2 ** (failure - 1), 1_000);

export async function notifySite(
  deps: Pick<Dependencies, 'store' | 'siteNotifier' | 'clock' | 'publicBaseUrl'>,
  message: CandidateNotification,
): Promise<DeliveryOutcome> {
  /** The newest change this invocation already sent; a newer one that arrives during a retry is sent too. */
  let deliveredSeq = 0;
  let conflicts = 0;
  let ledgerFailures = 0;
  /** After the webhook went out, wait and read again rather than fail: failing would send it twice. */
  const recordAgainAfter = async (error: unknown): Promise<void> => {
    ledgerFailures++;
    if (deliveredSeq === 0 || ledgerFailures >= LEDGER_ATTEMPTS) throw error;
    await sleep(ledgerBackoffMs(ledgerFailures));
  };
  for (;;) {
    let stored: StoredReferral | undefined;
    try {
      stored = await deps.store.get(message.referralId);
    } catch (error) {
      await recordAgainAfter(error);
      continue;
    }
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
        verdictLabel: { en: verdictLabel(stored.latest.verdict, 'en'), 'zh-CN': verdictLabel(stored.latest.verdict, 'zh-CN') },
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
      if (error instanceof RevisionConflictError) {
        if (++conflicts < MAX_CONFLICT_ATTEMPTS) continue;
        throw error;
      }
      // The write may or may not have landed (a lost reply): the re-read tells.
      await recordAgainAfter(error);
    }
  }
}
