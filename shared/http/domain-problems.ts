/**
 * The use cases' refusals on the wire: each problem kind is one status code and one RFC 9457 `type` and `title`,
 * decided here and nowhere else (medplum's `getStatus`). The table is exhaustive over the kinds, so a new kind
 * does not type-check until it has its reply.
 */
import type { DomainProblem, ProblemKind } from '#use-cases/problems.js';
import { problems, type Problem } from './problem.js';

/** The reply to each kind, before the problem's facts are added as extension members. */
const REPLIES: { readonly [K in ProblemKind]: (problem: DomainProblem) => Problem } = {
  malformed: (problem) => problems.badRequest(problem.detail ?? 'the request is malformed', problem.issues),
  invalid: (problem) => problems.invalidFields(problem.issues ?? []),
  'idempotency-key-reused': (problem) => ({
    status: 422,
    type: 'idempotency-key-reused',
    title: 'The Idempotency-Key was already used for a different request',
    ...(problem.detail === undefined ? {} : { detail: problem.detail }),
    ...(problem.issues === undefined ? {} : { errors: problem.issues }),
  }),
  forbidden: (problem) => problems.forbidden(problem.detail ?? 'not allowed'),
  'not-found': (problem) => problems.notFound(problem.detail ?? 'not found'),
  gone: (problem) => problems.gone(problem.detail ?? 'the referral was withdrawn'),
  busy: (problem) => problems.conflict('busy', problem.detail ?? 'changed concurrently; retry'),
  'transition-not-allowed': (problem) => problems.conflict('transition-not-allowed', problem.detail ?? 'not allowed from the current status'),
  'trial-full': (problem) => problems.conflict('trial-full', problem.detail ?? 'the trial has reached its target enrollment'),
  'precondition-failed': (problem) => problems.preconditionFailed(problem.detail ?? 'the referral has changed since you read it'),
};

/** The HTTP status of a kind (medplum's `getStatus`). */
export const statusOf = (kind: ProblemKind): number => REPLIES[kind]({ kind }).status;

/** The problem+json reply to a refusal; `undefined` for a kind this edge does not know (answered as a bug). */
export function httpProblemOf(problem: DomainProblem): Problem | undefined {
  if (!Object.hasOwn(REPLIES, problem.kind)) return undefined;
  const reply = REPLIES[problem.kind](problem);
  return problem.facts === undefined ? reply : { ...reply, extensions: { ...problem.facts, ...reply.extensions } };
}
