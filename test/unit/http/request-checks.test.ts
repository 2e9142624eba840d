/**
 * The hand-written request checks (request-checks.ts) against the zod schemas they stand in for on the normal
 * path: a path-id predicate holds exactly when its schema accepts; a query or body check, on the inputs it is
 * meant for (plain objects of strings), accepts exactly what its schema accepts and returns the same value, with
 * its members in the same order. Anything else it leaves to the schema, which then words the reply.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { readPathParameter, readQuery, validateChecked } from '#http/request.js';
import {
  isReferralId,
  isSiteId,
  isTrialId,
  LIST_AUDIT_QUERY,
  LIST_CANDIDATES_QUERY,
  LIST_REFERRALS_QUERY,
  MOVE_CANDIDATE_REQUEST,
  UPDATE_TRIAL_REQUEST,
} from '#http/request-checks.js';
import { ProblemError } from '#http/problem.js';
import type { CheckedShape } from '#validation/checked-shape.js';
import * as schemas from '#http/schemas.js';
import { CANDIDATE_STATUSES } from '#referral/record.js';

/** Strings near each pattern: valid ids, each with one character changed, dropped or added, and noise. */
const mutated = (valid: fc.Arbitrary<string>) =>
  fc.oneof(
    valid,
    fc.tuple(valid, fc.nat(), fc.boolean(), fc.constantFrom('', 'x', 'G', '-', '0', 'Z', 'z', '.', ' ', '\n', 'é', '8', 'a', 'F')).map(
      ([text, at, replace, insert]) => {
        const i = at % (text.length + 1);
        return text.slice(0, i) + insert + text.slice(replace ? i + 1 : i);
      },
    ),
    fc.string(),
  );

const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-fA-F]{${n}}$`));
const uuidLike = fc
  .tuple(hex(8), hex(4), fc.constantFrom('0', '1', '4', '7', '8', '9', 'a'), hex(3), fc.constantFrom('8', '9', 'a', 'B', 'c', '7'), hex(3), hex(12))
  .map(([a, b, v, c, variant, d, e]) => `${a}-${b}-${v}${c}-${variant}${d}-${e}`);
const uuids = fc.oneof(uuidLike, fc.uuid(), fc.constantFrom('00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF'));
const trialIds = fc.stringMatching(/^NCT\d{8}$/);
const siteIds = fc.oneof(fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,62}$/), fc.constantFrom('hebei-yanda-ludaopei', 'a', 'ab', `a${'b'.repeat(63)}`));
const instants = fc.oneof(
  fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('2026-11-20T08:30:00Z', '2024-02-29T23:59:59.1Z', '2023-02-29T00:00:00Z', '2026-11-20T24:00:00Z', '2026-11-20T08:30Z', '2026-11-20T08:30:00+08:00', '2026-11-20'),
);

describe('path ids', () => {
  const cases = [
    ['referral', isReferralId, schemas.ReferralId, uuids],
    ['trial', isTrialId, schemas.TrialId, trialIds],
    ['site', isSiteId, schemas.SiteId, siteIds],
  ] as const;
  for (const [what, isId, schema, valid] of cases) {
    test.prop([fc.oneof(mutated(valid), fc.constantFrom(undefined, null, 42, ['x'], {}))], { numRuns: 3000 })(
      `a ${what} id is accepted exactly when its schema accepts it`,
      (value) => {
        expect(isId(value)).toBe(schema.safeParse(value).success);
      },
    );
  }

  it('answers 404 for a value that is not an id, and returns the id otherwise', () => {
    const id = '3f1c2a4e-8b7d-4c6a-9e5f-1a2b3c4d5e6f';
    expect(readPathParameter({ pathParameters: { referralId: id } }, 'referralId', isReferralId, 'referral')).toBe(id);
    for (const pathParameters of [{ referralId: '..%2F' }, {}, undefined]) {
      expect(() => readPathParameter({ pathParameters }, 'referralId', isReferralId, 'referral')).toThrow(ProblemError);
    }
  });
});

const limits = fc.oneof(fc.integer({ min: 0, max: 1200 }).map(String), fc.constantFrom('', '01', '007', '1.5', '-1', ' 5', '1e2', '100', '101', '0'));
const cursors = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('a'.repeat(2048), 'a'.repeat(2049)));
const statuses = fc.oneof(fc.constantFrom(...CANDIDATE_STATUSES), fc.constantFrom('', 'Candidate', 'on study', 'constructor'));
const unknownKeys = fc.constantFrom('limits', 'Limit', 'offset', '__proto__', 'constructor', 'toString');

/** Plain objects of strings: some of the shape's members (valid or near-valid), sometimes an unknown one. */
function queries(members: Record<string, fc.Arbitrary<string>>): fc.Arbitrary<Record<string, string>> {
  return fc
    .tuple(fc.record(members, { requiredKeys: [] }), fc.option(fc.tuple(unknownKeys, fc.string({ maxLength: 4 })), { freq: 4 }))
    .map(([known, extra]) => {
      const query: Record<string, string> = {};
      for (const [key, value] of Object.entries(known)) if (value !== undefined) query[key] = value;
      if (extra !== null) Object.defineProperty(query, extra[0], { value: extra[1], enumerable: true, configurable: true, writable: true });
      return query;
    });
}

/** The check's result and the schema's, side by side (member order included). */
function agree<T>(shape: CheckedShape<T>, schema: { safeParse: (value: unknown) => { success: boolean; data?: unknown } }, value: unknown): void {
  const accepted = shape.accept(value);
  const parsed = schema.safeParse(value);
  expect(accepted !== undefined, JSON.stringify(value)).toBe(parsed.success);
  if (accepted !== undefined) {
    expect(accepted).toStrictEqual(parsed.data);
    expect(Object.keys(accepted as object)).toStrictEqual(Object.keys(parsed.data as object));
  }
}

describe('queries and small bodies', () => {
  test.prop([queries({ limit: limits, cursor: cursors })], { numRuns: 2000 })('list referrals', (query) => {
    agree(LIST_REFERRALS_QUERY, schemas.ListReferralsQuery, query);
  });
  test.prop([queries({ limit: limits, cursor: cursors, status: statuses })], { numRuns: 2000 })('list candidates', (query) => {
    agree(LIST_CANDIDATES_QUERY, schemas.ListCandidatesQuery, query);
  });
  test.prop([queries({ limit: limits, cursor: cursors, referralId: mutated(uuids), from: mutated(instants), to: mutated(instants) })], { numRuns: 3000 })(
    'list audit',
    (query) => {
      agree(LIST_AUDIT_QUERY, schemas.ListAuditQuery, query);
    },
  );
  test.prop([queries({ status: statuses })], { numRuns: 1000 })('move candidate', (body) => {
    agree(MOVE_CANDIDATE_REQUEST, schemas.MoveCandidateRequest, body);
  });
  test.prop([queries({ recruitment: fc.constantFrom('open', 'paused', 'closed', 'Open', '') })], { numRuns: 500 })('update trial', (body) => {
    agree(UPDATE_TRIAL_REQUEST, schemas.UpdateTrialRequest, body);
  });

  it('leaves what is not a plain object of strings to the schema, which words the reply', async () => {
    for (const value of [null, [], 'limit=5', { limit: 5 }, { limit: undefined }, Object.create(null) as object]) {
      expect(LIST_REFERRALS_QUERY.accept(value)).toBeUndefined();
    }
    const refused = await readQuery({ queryStringParameters: { limit: '0', colour: 'red' } }, LIST_REFERRALS_QUERY).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ProblemError);
    expect((refused as ProblemError).problem.errors).toStrictEqual([
      { field: 'query.limit', message: 'limit must be between 1 and 100' },
      { field: 'query.colour', message: 'is not a known field; remove it or check its spelling' },
    ]);
    await expect(readQuery({ queryStringParameters: { limit: '25' } }, LIST_REFERRALS_QUERY)).resolves.toStrictEqual({ limit: 25 });
    await expect(validateChecked(MOVE_CANDIDATE_REQUEST, { status: 'screening' })).resolves.toStrictEqual({ status: 'screening' });
    await expect(validateChecked(MOVE_CANDIDATE_REQUEST, { status: 'done' })).rejects.toMatchObject({ problem: { kind: 'invalid' } });
  });
});
