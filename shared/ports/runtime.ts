/**
 * Time, identity and operational events, as ports: the domain never reads the clock, generates ids or writes a log
 * line by itself.
 */

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  /** A new random referral id. */
  newId(): string;
  /** A deterministic id for a retried submission: the same (physician, Idempotency-Key) always gives the same id. */
  idForIdempotencyKey(physicianId: string, key: string): string;
}

/** Operational events worth a log line or a metric (the logger adapter implements it); ids only, never patient data. */
export interface UseCaseEvents {
  warn(message: string, attributes?: Record<string, string | number | boolean>): void;
}
