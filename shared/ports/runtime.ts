/** Time and identity, as ports: the domain never reads the clock or generates ids by itself. */

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  /** A new random referral id. */
  newId(): string;
  /** A deterministic id for a retried submission: the same (physician, Idempotency-Key) always gives the same id. */
  idForIdempotencyKey(physicianId: string, key: string): string;
}
