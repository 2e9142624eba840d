/**
 * The use cases refuse in neutral kinds; the HTTP edge answers each with one status code and one problem+json
 * body. These replies are the API's contract, so each kind is pinned here both to its status and to the exact
 * body the API has always sent for it; and anything that is not a refusal stays a 500 that logs no patient data.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { httpProblemOf, statusOf } from '#http/domain-problems.js';
import { authenticatedRoute, publicRoute, type HttpEvent } from '#http/http-handler.js';
import { MAX_LISTED_ERRORS, problemResponse, problems, type Problem } from '#http/problem.js';
import {
  busy,
  DomainProblemError,
  forbidden,
  gone,
  idempotencyKeyReused,
  invalid,
  malformed,
  notFound,
  preconditionFailed,
  PROBLEM_KINDS,
  transitionNotAllowed,
  trialFull,
  type DomainProblem,
  type ProblemKind,
} from '#use-cases/problems.js';
import { validate } from '#use-cases/validate.js';
import { PatientProfile } from '#profile/schema.js';

const WIRE: Record<ProblemKind, { status: number; type: string }> = {
  malformed: { status: 400, type: 'bad-request' },
  invalid: { status: 422, type: 'invalid-fields' },
  'idempotency-key-reused': { status: 422, type: 'idempotency-key-reused' },
  forbidden: { status: 403, type: 'forbidden' },
  'not-found': { status: 404, type: 'not-found' },
  gone: { status: 410, type: 'withdrawn' },
  busy: { status: 409, type: 'busy' },
  'transition-not-allowed': { status: 409, type: 'transition-not-allowed' },
  'trial-full': { status: 409, type: 'trial-full' },
  'precondition-failed': { status: 412, type: 'version-mismatch' },
};

const replyTo = (error: DomainProblemError) => {
  const problem = httpProblemOf(error.problem);
  if (!problem) throw new Error(`no reply for ${error.problem.kind}`);
  return problemResponse(problem);
};

describe('every kind of refusal has its reply', () => {
  it.each(PROBLEM_KINDS)('%s', (kind) => {
    const problem = httpProblemOf({ kind, detail: 'a sentence' });
    expect(problem?.status).toBe(WIRE[kind].status);
    expect(statusOf(kind)).toBe(WIRE[kind].status);
    expect(problem?.type).toBe(WIRE[kind].type);
    expect(problem?.title).toMatch(/\S/);
  });

  it('knows no kind the use cases do not have, and only refusals: 4xx, never 5xx', () => {
    expect(Object.keys(WIRE).sort()).toEqual([...PROBLEM_KINDS].sort());
    for (const kind of PROBLEM_KINDS) {
      expect(statusOf(kind)).toBeGreaterThanOrEqual(400);
      expect(statusOf(kind)).toBeLessThan(500);
    }
  });
});

describe('the replies are the ones the API has always sent', () => {
  const cases: [string, DomainProblemError, Problem][] = [
    ['malformed', malformed('the patch nests deeper than 32 levels'), problems.badRequest('the patch nests deeper than 32 levels')],
    [
      'invalid',
      invalid([{ field: 'trialId', message: 'no trial NCT00000000 is screened by this service' }]),
      problems.invalidFields([{ field: 'trialId', message: 'no trial NCT00000000 is screened by this service' }]),
    ],
    ['forbidden', forbidden('you are not a coordinator of this site'), problems.forbidden('you are not a coordinator of this site')],
    ['not-found', notFound('no referral of yours has that id'), problems.notFound('no referral of yours has that id')],
    ['gone', gone('this submission created a referral that has since been withdrawn', { id: 'r-1' }), problems.gone('this submission created a referral that has since been withdrawn', { id: 'r-1' })],
    ['busy', busy('the referral is being changed concurrently; retry'), problems.conflict('busy', 'the referral is being changed concurrently; retry')],
    [
      'transition-not-allowed',
      transitionNotAllowed('a candidate in status candidate cannot move to on-study', { from: 'candidate', allowed: ['screening', 'ineligible', 'withdrawn'] }),
      problems.conflict('transition-not-allowed', 'a candidate in status candidate cannot move to on-study', { from: 'candidate', allowed: ['screening', 'ineligible', 'withdrawn'] }),
    ],
    ['trial-full', trialFull('the trial has reached its target of 24 enrolled patients'), problems.conflict('trial-full', 'the trial has reached its target of 24 enrolled patients')],
    ['precondition-failed', preconditionFailed('the referral has changed since you read it (it is at version 3)'), problems.preconditionFailed('the referral has changed since you read it (it is at version 3)')],
  ];

  it.each(cases)('%s: the same status, headers and body, byte for byte', (_kind, error, before) => {
    expect(replyTo(error)).toStrictEqual(problemResponse(before));
  });

  it('a reused Idempotency-Key: 422 naming the header', () => {
    const reply = replyTo(idempotencyKeyReused('use a new Idempotency-Key for a new referral', [{ field: 'idempotency-key', message: 'already used with a different body' }]));
    expect(reply.statusCode).toBe(422);
    expect(reply.body).toBe(
      '{"type":"https://trial-match.dev/problems/idempotency-key-reused","title":"The Idempotency-Key was already used for a different request","status":422,"detail":"use a new Idempotency-Key for a new referral","errors":[{"field":"idempotency-key","message":"already used with a different body"}]}',
    );
  });

  it('facts come first and never replace a standard member', () => {
    const reply = replyTo(new DomainProblemError({ kind: 'transition-not-allowed', detail: 'no', facts: { from: 'ineligible', allowed: [], status: 200, type: 'ok' } }));
    expect(reply.statusCode).toBe(409);
    expect(reply.body).toBe(
      '{"from":"ineligible","allowed":[],"status":409,"type":"https://trial-match.dev/problems/transition-not-allowed","title":"The request conflicts with the current state","detail":"no"}',
    );
  });

  it('an invalid value lists its first fields and counts them all', () => {
    const issues = Array.from({ length: MAX_LISTED_ERRORS + 5 }, (_, i) => ({ field: `profile.extra${i}`, message: 'is not a field of this object' }));
    const body = JSON.parse(replyTo(invalid(issues)).body ?? '') as { errors: unknown[]; errorCount: number; detail: string };
    expect(body.errors).toHaveLength(MAX_LISTED_ERRORS);
    expect(body.errorCount).toBe(MAX_LISTED_ERRORS + 5);
    expect(body.detail).toMatch(/^25 fields are invalid: .* and 5 more$/);
  });

  it('validate refuses a profile naming each bad field under its prefix, as the edge always has', () => {
    let caught: unknown;
    try {
      validate(PatientProfile, { demographics: { birthDate: 'yesterday' } }, 'profile');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainProblemError);
    const problem = (caught as DomainProblemError).problem;
    expect(problem.kind).toBe('invalid');
    expect(problem.issues?.every((issue) => issue.field.startsWith('profile'))).toBe(true);
    expect(replyTo(caught as DomainProblemError)).toStrictEqual(problemResponse(problems.invalidFields(problem.issues ?? [])));
  });
});

describe('at the edge of a route', () => {
  const captured: string[] = [];
  const originalStdout = process.stdout.write.bind(process.stdout);
  const originalStderr = process.stderr.write.bind(process.stderr);
  const capture = (chunk: unknown, ...rest: unknown[]): boolean => {
    captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    rest.find((arg): arg is () => void => typeof arg === 'function')?.();
    return true;
  };
  const capturing = async <T>(run: () => Promise<T>): Promise<T> => {
    process.stdout.write = capture as typeof process.stdout.write;
    process.stderr.write = capture as typeof process.stderr.write;
    try {
      return await run();
    } finally {
      process.stdout.write = originalStdout;
      process.stderr.write = originalStderr;
    }
  };
  afterEach(() => void captured.splice(0));

  const logger = new Logger({ serviceName: 'trial-match-test', logLevel: 'INFO' });
  const context = { functionName: 'test', awsRequestId: 'req-1' } as Context;
  const event = (method: string): HttpEvent =>
    ({
      headers: {},
      requestContext: { http: { method }, authorizer: { jwt: { claims: { sub: 'dr-li', 'cognito:groups': '[physician]' }, scopes: [] } } },
    }) as unknown as HttpEvent;

  it('answers a refusal with its problem, and logs nothing', async () => {
    const route = authenticatedRoute(logger, ['physician'], async () => {
      throw notFound('no referral of yours has that id');
    });
    const reply = await capturing(() => route(event('GET'), context));
    expect(reply.statusCode).toBe(404);
    expect(reply.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(reply.body ?? '')).toEqual({
      type: 'https://trial-match.dev/problems/not-found',
      title: 'Not found',
      status: 404,
      detail: 'no referral of yours has that id',
    });
    expect(captured.join('')).toBe('');
  });

  const PATIENT = ['Zhang Wei', '1971-07-19', 'lives with her daughter'];
  const INTERNAL = {
    type: 'https://trial-match.dev/problems/internal',
    title: 'Internal error',
    status: 500,
    detail: 'the error was logged',
  };

  it('answers any other error with a 500 whose log names the error and where, never what it said', async () => {
    const route = publicRoute(logger, async () => {
      throw new TypeError(`cannot read the profile of ${PATIENT[0]}, born ${PATIENT[1]}\n(${PATIENT[2]})`);
    });
    const reply = await capturing(() => route(event('POST'), context));
    expect(reply.statusCode).toBe(500);
    expect(JSON.parse(reply.body ?? '')).toEqual(INTERNAL);
    const log = captured.join('');
    expect(log).toContain('unhandled error');
    expect(log).toContain('TypeError');
    expect(log).toContain('domain-problems.test.ts');
    for (const text of PATIENT) expect(log).not.toContain(text);
    for (const text of PATIENT) expect(reply.body).not.toContain(text);
  });

  it('answers a refusal of a kind this edge does not know as a bug, not as whatever it claims', async () => {
    const unknownKind = { kind: 'teapot', detail: `about ${PATIENT[0]}` } as unknown as DomainProblem;
    expect(httpProblemOf(unknownKind)).toBeUndefined();
    expect(httpProblemOf({ kind: 'toString' } as unknown as DomainProblem)).toBeUndefined();
    const route = publicRoute(logger, async () => {
      throw new DomainProblemError(unknownKind);
    });
    const reply = await capturing(() => route(event('GET'), context));
    expect(reply.statusCode).toBe(500);
    expect(JSON.parse(reply.body ?? '')).toEqual(INTERNAL);
    expect(captured.join('')).toContain('DomainProblemError');
    expect(captured.join('')).not.toContain(PATIENT[0]);
  });
});
