/**
 * The places of a trial's target enrollment. A place is held by one referral, and is claimed by a conditional write
 * that two concurrent callers cannot both win (never counted, then written): the count of places held is the
 * trial's enrolled count, and the limit is checked by the same write that takes the place.
 *
 * Putting a patient on study takes two writes (the place, then the referral's status), and DynamoDB Local and
 * dynalite have no transactions, so each place carries the claim that took it (a token and a time): the request
 * that claimed it releases it if its own second write failed, and an abandoned claim (the request died between the
 * two writes) is released by the scheduled sweep once its referral is seen not to be on study.
 */

export interface PlaceClaim {
  readonly referralId: string;
  /** Identifies the request that claimed the place: only it (or the sweep, once abandoned) releases it. */
  readonly token: string;
  /** ISO instant of the claim. */
  readonly at: string;
}

export type ClaimOutcome =
  | { readonly kind: 'claimed' }
  /** Every place is held. */
  | { readonly kind: 'full' }
  /** The referral already holds a place, under this claim. */
  | { readonly kind: 'held'; readonly claim: PlaceClaim };

export interface EnrolmentLedger {
  /** Every place held, with its claim (a strongly consistent read). */
  places(trialId: string): Promise<readonly PlaceClaim[]>;

  /** Takes a place for `claim.referralId` unless `limit` places are held or the referral holds one already. */
  claimPlace(trialId: string, claim: PlaceClaim, limit: number): Promise<ClaimOutcome>;

  /** Replaces an abandoned claim on the referral's place with `next`, if it is still `previous`. */
  takeOverPlace(trialId: string, previous: PlaceClaim, next: PlaceClaim): Promise<boolean>;

  /**
   * Frees the referral's place. With `token`, only while the place is still held under that claim. Idempotent: a
   * place not held is no error.
   */
  releasePlace(trialId: string, referralId: string, token?: string): Promise<void>;
}
