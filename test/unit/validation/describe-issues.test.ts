import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { PatientProfile } from '#profile/schema.js';
import { describeIssues } from '#validation/describe-issues.js';

/** Runs a real zod/mini schema and describes what it reports: the issues are zod's own, not hand-made. */
function describeFailure(schema: z.ZodMiniType, value: unknown, withInput = false) {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected the value to fail validation');
  return describeIssues(result.error.issues, withInput ? value : undefined);
}

describe('describeIssues', () => {
  it('invalid_type: names the expected type, and tells a missing field from a wrong one when given the input', () => {
    const schema = z.object({ a: z.string(), b: z.number(), c: z.int(), d: z.boolean(), e: z.object({}), f: z.array(z.string()) });
    const value = { a: 1, b: 'x', c: 1.5, d: 'yes', e: [], f: {} };
    expect(describeFailure(schema, value)).toEqual([
      { field: 'a', message: 'expected a string' },
      { field: 'b', message: 'expected a number' },
      { field: 'c', message: 'expected an integer' },
      { field: 'd', message: 'expected true or false' },
      { field: 'e', message: 'expected an object' },
      { field: 'f', message: 'expected an array' },
    ]);
    expect(describeFailure(schema, value, true)).toEqual([
      { field: 'a', message: 'expected a string, received an integer' },
      { field: 'b', message: 'expected a number, received a string' },
      { field: 'c', message: 'expected an integer, received a number with a fraction' },
      { field: 'd', message: 'expected true or false, received a string' },
      { field: 'e', message: 'expected an object, received an array' },
      { field: 'f', message: 'expected an array, received an object' },
    ]);
    expect(describeFailure(z.object({ a: z.object({ b: z.string() }) }), { a: {} }, true)).toEqual([
      { field: 'a.b', message: 'is required (a string)' },
    ]);
    expect(describeFailure(z.object({ a: z.string() }), { a: null }, true)).toEqual([{ field: 'a', message: 'expected a string, received null' }]);
  });

  it('invalid_type: never repeats the submitted value (it is health data)', () => {
    const messages = describeFailure(z.object({ name: z.number() }), { name: 'Zhang Wei' }, true).map((d) => d.message).join(' ');
    expect(messages).not.toContain('Zhang');
  });

  it('too_small and too_big: state the bound and whether it is included', () => {
    const schema = z.object({
      atLeast: z.number().check(z.minimum(0)),
      above: z.number().check(z.gt(5)),
      atMost: z.number().check(z.maximum(100)),
      below: z.number().check(z.lt(10)),
      text: z.string().check(z.minLength(3)),
      nonEmpty: z.string().check(z.minLength(1)),
      long: z.string().check(z.maxLength(2)),
      exact: z.string().check(z.length(4)),
      list: z.array(z.number()).check(z.maxLength(1)),
      few: z.array(z.number()).check(z.minLength(2)),
    });
    expect(
      describeFailure(schema, { atLeast: -1, above: 5, atMost: 101, below: 10, text: 'ab', nonEmpty: '', long: 'abc', exact: 'abc', list: [1, 2], few: [1] }),
    ).toEqual([
      { field: 'atLeast', message: 'must be at least 0' },
      { field: 'above', message: 'must be greater than 5' },
      { field: 'atMost', message: 'must be at most 100' },
      { field: 'below', message: 'must be less than 10' },
      { field: 'text', message: 'must have at least 3 characters' },
      { field: 'nonEmpty', message: 'must not be empty' },
      { field: 'long', message: 'must have at most 2 characters' },
      { field: 'exact', message: 'must be exactly 4 characters long' },
      { field: 'list', message: 'must have at most 1 item' },
      { field: 'few', message: 'must have at least 2 items' },
    ]);
  });

  it('invalid_value: lists the allowed values', () => {
    expect(describeFailure(z.object({ sex: z.enum(['female', 'male']) }), { sex: 'f' })).toEqual([
      { field: 'sex', message: 'must be one of: female, male' },
    ]);
    expect(describeFailure(z.object({ v: z.literal(2) }), { v: 3 })).toEqual([{ field: 'v', message: 'must be 2' }]);
  });

  it('unrecognized_keys: one entry per unknown key, named by its full path', () => {
    const schema = z.strictObject({ labs: z.strictObject({ hemoglobin: z.optional(z.number()) }) });
    expect(describeFailure(schema, { labs: { haemoglobin: 1, hb: 2 }, name: 'x' })).toEqual([
      { field: 'labs.haemoglobin', message: 'is not a known field; remove it or check its spelling' },
      { field: 'labs.hb', message: 'is not a known field; remove it or check its spelling' },
      { field: 'name', message: 'is not a known field; remove it or check its spelling' },
    ]);
  });

  it('invalid_format: names the format (dates as YYYY-MM-DD), patterns and affixes', () => {
    expect(describeFailure(z.object({ date: z.iso.date() }), { date: '2026-02-30' })).toEqual([
      { field: 'date', message: 'must be a calendar date written YYYY-MM-DD (e.g. 2026-11-20)' },
    ]);
    expect(describeFailure(z.object({ at: z.iso.datetime() }), { at: 'noon' })[0]?.message).toMatch(/ISO 8601 date-time/);
    expect(describeFailure(z.object({ id: z.uuid() }), { id: 'x' })).toEqual([{ field: 'id', message: 'must be a UUID' }]);
    expect(describeFailure(z.object({ code: z.string().check(z.regex(/^C\d+$/)) }), { code: 'x' })).toEqual([
      { field: 'code', message: 'must match the pattern /^C\\d+$/' },
    ]);
    expect(describeFailure(z.string().check(z.startsWith('NCT')), 'X1')).toEqual([{ field: '', message: 'must start with "NCT"' }]);
    expect(describeFailure(z.string().check(z.endsWith('.json')), 'a.txt')).toEqual([{ field: '', message: 'must end with ".json"' }]);
  });

  it('not_multiple_of: names the divisor', () => {
    expect(describeFailure(z.number().check(z.multipleOf(5)), 7)).toEqual([{ field: '', message: 'must be a multiple of 5' }]);
  });

  it('custom: keeps a refinement own message, and never shows zod/mini generic one', () => {
    const schema = z.object({
      unit: z.string().check(z.refine((u) => u === 'g/L', { message: 'unit must be g/L' })),
      other: z.string().check(z.refine((u) => u === 'ok')),
    });
    expect(describeFailure(schema, { unit: 'mg', other: 'no' })).toEqual([
      { field: 'unit', message: 'unit must be g/L' },
      { field: 'other', message: 'is invalid' },
    ]);
  });

  it('invalid_union: says what each alternative needed', () => {
    expect(describeFailure(z.object({ v: z.union([z.string(), z.number()]) }), { v: true })).toEqual([
      { field: 'v', message: 'matches none of the allowed forms: expected a string; or expected a number' },
    ]);
    const shapes = z.union([z.object({ kind: z.literal('a'), size: z.number() }), z.object({ kind: z.literal('b') })]);
    expect(describeFailure(z.object({ shape: shapes }), { shape: { kind: 'a', size: 'big' } })).toEqual([
      { field: 'shape', message: 'matches none of the allowed forms: size expected a number; or kind must be b' },
    ]);
  });

  it('invalid_union from a discriminated union: names the discriminator and its allowed values', () => {
    const schema = z.discriminatedUnion('kind', [z.object({ kind: z.literal('a') }), z.object({ kind: z.literal('b') })]);
    expect(describeFailure(z.object({ shape: schema }), { shape: { kind: 'c' } })).toEqual([{ field: 'shape.kind', message: 'must be one of: a, b' }]);
  });

  it('invalid_union matching more than one alternative of an exclusive union', () => {
    expect(describeFailure(z.xor([z.string(), z.string().check(z.minLength(1))]), 'a')).toEqual([
      { field: '', message: 'matches more than one of the allowed forms; it must match exactly one' },
    ]);
  });

  it('invalid_key and invalid_element: describe the bad key or element', () => {
    const keyed = z.record(z.string().check(z.minLength(3)), z.number());
    expect(describeFailure(z.object({ m: keyed }), { m: { ab: 1 } })[0]?.field).toBe('m.ab');
    const issues = describeIssues([
      { code: 'invalid_key', origin: 'map', path: ['m'], message: 'Invalid input', issues: [{ code: 'invalid_type', expected: 'string', path: [], message: 'Invalid input' }] },
      {
        code: 'invalid_element',
        origin: 'map',
        key: 'k',
        path: ['m', 'k'],
        message: 'Invalid input',
        issues: [{ code: 'too_big', origin: 'number', maximum: 3, inclusive: true, path: [], message: 'Invalid input' }],
      },
    ]);
    expect(issues).toEqual([
      { field: 'm', message: 'has an invalid key: expected a string' },
      { field: 'm.k', message: 'must be at most 3' },
    ]);
  });

  it('names array elements by index in the dotted path', () => {
    expect(describeFailure(z.object({ blasts: z.array(z.object({ percent: z.number() })) }), { blasts: [{ percent: 1 }, {}] }, true)).toEqual([
      { field: 'blasts.1.percent', message: 'is required (a number)' },
    ]);
  });

  it('describes every problem of an invalid patient profile, each under its own field', () => {
    const described = describeFailure(
      PatientProfile,
      {
        labs: { hemoglobin: { value: 9, unit: 'mg', date: '2026-11-20' } },
        cd7: { percent: 170, method: 'flow-cytometry', date: '2026-11-20' },
        ecog: { score: 1.5, date: '2026-11-20' },
        nickname: 'x',
      },
      true,
    );
    expect(described).toEqual(
      expect.arrayContaining([
        { field: 'labs.hemoglobin.unit', message: 'unit must be one of: g/L, g/dL, mmol/L (UCUM codes)' },
        { field: 'cd7.percent', message: 'must be at most 100' },
        { field: 'ecog.score', message: 'expected an integer, received a number with a fraction' },
        { field: 'nickname', message: 'is not a known field; remove it or check its spelling' },
      ]),
    );
    expect(described.every((d) => d.message !== 'Invalid input')).toBe(true);
  });
});

describe('describeIssues in Chinese', () => {
  const inChinese = (schema: z.ZodMiniType, value: unknown) => {
    const result = schema.safeParse(value);
    if (result.success) throw new Error('expected the value to fail validation');
    return describeIssues(result.error.issues, value, 'zh-CN');
  };

  it('words each kind of problem in Chinese, keeping field paths, codes and bounds as written', () => {
    const schema = z.strictObject({
      a: z.string(),
      b: z.number().check(z.maximum(100)),
      c: z.array(z.number()).check(z.maxLength(1)),
      d: z.enum(['female', 'male']),
      e: z.iso.date(),
      f: z.number().check(z.multipleOf(10)),
    });
    expect(inChinese(schema, { b: 101, c: [1, 2], d: 'f', e: '2026-02-30', f: 15, g: 1 })).toEqual([
      { field: 'a', message: '为必填项（字符串）' },
      { field: 'b', message: '须不大于 100' },
      { field: 'c', message: '最多 1 项' },
      { field: 'd', message: '须为以下之一：female、male' },
      { field: 'e', message: '须为按 YYYY-MM-DD 书写的日历日期（如 2026-11-20）' },
      { field: 'f', message: '须为 10 的倍数' },
      { field: 'g', message: '不是已知字段；请删除或检查拼写' },
    ]);
    expect(inChinese(z.object({ v: z.number() }), { v: 'ninety' })).toEqual([{ field: 'v', message: '应为数字，收到的是字符串' }]);
  });

  it('words the messages our own schemas state in English, so no sentence of a refused profile stays English', () => {
    const described = inChinese(PatientProfile, {
      labs: { hemoglobin: { value: 1e-12, unit: 'mg', date: '2026-11-20' } },
      cd7: { percent: 170, method: 'flow-cytometry', date: '2026-11-20' },
      ecog: { score: 1.5, date: '2026-11-20' },
      demographics: { birthDateRange: { earliest: '2010-05-01', latest: '2010-01-01' } },
      nickname: 'x',
    });
    expect(described).toEqual(
      expect.arrayContaining([
        { field: 'labs.hemoglobin.unit', message: '单位须为以下之一：g/L, g/dL, mmol/L（UCUM 编码）' },
        { field: 'labs.hemoglobin.value', message: '须为 0 或不小于 1e-9' },
        { field: 'cd7.percent', message: '须不大于 100' },
        { field: 'ecog.score', message: '应为整数，收到的是带小数的数' },
        { field: 'demographics.birthDateRange', message: 'earliest 不得晚于 latest' },
        { field: 'nickname', message: '不是已知字段；请删除或检查拼写' },
      ]),
    );
    // Codes, units and field names may stay Latin; an English sentence may not (three English words in a row).
    for (const { message } of described) expect(message).not.toMatch(/[a-z]+ [a-z]+ [a-z]+/i);
  });
});
