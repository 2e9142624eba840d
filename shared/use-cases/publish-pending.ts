/**
 * Publishing a referral's pending notification right after the write that recorded it. If the queue is down the
 * referral is still safe: the notification stays pending in the item (the outbox) and the scheduled sweep
 * publishes it later, so a publish failure is logged, not raised. While recruitment is paused or full nothing is
 * published: the notifications wait in the outbox and the sweep releases them once recruitment reopens.
 */
import { pendingNotification, type Recruitment } from '#referral/lifecycle.js';
import type { ReferralRecord } from '#referral/record.js';
import type { Dependencies } from './dependencies.js';

export async function publishPending(
  deps: Pick<Dependencies, 'publisher' | 'events' | 'clock'>,
  records: readonly ReferralRecord[],
  recruitment: Recruitment,
): Promise<number> {
  if (recruitment !== 'open') return 0;
  const now = deps.clock.now();
  const messages = records.flatMap((record) => pendingNotification(record, now) ?? []);
  if (messages.length === 0) return 0;
  try {
    await deps.publisher.publish(messages);
    return messages.length;
  } catch (error) {
    deps.events.warn('publishing notifications failed; the outbox sweep will retry', {
      referrals: messages.length,
      error: error instanceof Error ? error.name : 'unknown',
    });
    return 0;
  }
}
