/**
 * Optimistic writes, one way: read, decide, write conditionally on the revision read, and on a conflict (someone
 * wrote in between) do it all again, a bounded number of times. Exhaustion is the `busy` problem unless the
 * caller says otherwise (a queue consumer gives the message back instead).
 */
import { RevisionConflictError } from '#ports/referral-store.js';
import { busy } from './problems.js';

/** Attempts before giving up: concurrent writers to one referral are a coordinator, a physician, the schedule. */
export const MAX_CONFLICT_ATTEMPTS = 5;

export async function retryOnConflict<T>(
  what: string,
  attempt: () => Promise<T>,
  onExhausted: (conflict: RevisionConflictError) => never = () => {
    throw busy(`the ${what} is being changed concurrently; retry`);
  },
): Promise<T> {
  for (let count = 1; ; count++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof RevisionConflictError)) throw error;
      if (count >= MAX_CONFLICT_ATTEMPTS) onExhausted(error);
    }
  }
}
