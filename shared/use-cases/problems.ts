/**
 * What a use case refuses, said without HTTP: a stable kind, a sentence for people, the fields at fault and the
 * facts a caller can act on. No status code: each edge decides what a kind is on its wire (`shared/http` maps
 * kinds to status codes and RFC 9457 bodies), so the use cases answer an HTTP caller, a queue or a CLI alike.
 * The shape of medplum's `OperationOutcomeError`: deep code throws the outcome, the edge asks `getStatus`.
 */
import type { FieldIssue } from '#validation/describe-issues.js';

export type { FieldIssue };

export const PROBLEM_KINDS = [
  /** The input cannot be read as what it claims to be (a patch nested too deep). */
  'malformed',
  /** The input is readable but some fields are wrong: `issues` names each one. */
  'invalid',
  /** A retried submission's key was first used for a different request. */
  'idempotency-key-reused',
  /** The caller may not do this here (another site's inbox). Existence is not a secret. */
  'forbidden',
  /** No such thing, or none the caller may know of. */
  'not-found',
  /** It existed and was erased (the patient withdrew). */
  'gone',
  /** Others kept changing it while this request tried: nothing was changed, retry. */
  'busy',
  /** The site's workflow does not allow this move from the current status. */
  'transition-not-allowed',
  /** Every place of the trial's target enrollment is held. */
  'trial-full',
  /** It changed since the caller read it (their version is stale). */
  'precondition-failed',
] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

export interface DomainProblem {
  readonly kind: ProblemKind;
  /** For people; says what to do next. Ids and versions only, never a clinical value. */
  readonly detail?: string;
  /** The fields at fault (`profile.labs.hemoglobin.unit`). */
  readonly issues?: readonly FieldIssue[];
  /** What the caller can act on, such as the allowed transitions. Ids and statuses only, never patient data. */
  readonly facts?: Readonly<Record<string, unknown>>;
}

/** A refusal raised deep in a use case and answered at the edge. */
export class DomainProblemError extends Error {
  constructor(readonly problem: DomainProblem) {
    super(problem.detail ?? problem.kind);
    this.name = 'DomainProblemError';
  }
}

const refusal = (kind: ProblemKind, detail?: string, extra: Pick<DomainProblem, 'issues' | 'facts'> = {}): DomainProblemError =>
  new DomainProblemError({ kind, ...(detail === undefined ? {} : { detail }), ...extra });

/** The refusals, built: `throw notFound('no referral of yours has that id')`. */
export const malformed = (detail: string): DomainProblemError => refusal('malformed', detail);
export const invalid = (issues: readonly FieldIssue[]): DomainProblemError => refusal('invalid', undefined, { issues });
export const idempotencyKeyReused = (detail: string, issues: readonly FieldIssue[]): DomainProblemError =>
  refusal('idempotency-key-reused', detail, { issues });
export const forbidden = (detail: string): DomainProblemError => refusal('forbidden', detail);
export const notFound = (detail: string): DomainProblemError => refusal('not-found', detail);
export const gone = (detail: string, facts?: Record<string, unknown>): DomainProblemError =>
  refusal('gone', detail, facts === undefined ? {} : { facts });
export const busy = (detail: string): DomainProblemError => refusal('busy', detail);
export const transitionNotAllowed = (detail: string, facts: Record<string, unknown>): DomainProblemError =>
  refusal('transition-not-allowed', detail, { facts });
export const trialFull = (detail: string): DomainProblemError => refusal('trial-full', detail);
export const preconditionFailed = (detail: string): DomainProblemError => refusal('precondition-failed', detail);
