/** A value checked against a zod schema, or the `invalid` problem naming each bad field (prefixed, e.g. `profile.`). */
import type * as z from 'zod/mini';
import { describeIssues } from '#validation/describe-issues.js';
import { invalid } from './problems.js';

export function validate<S extends z.ZodMiniType>(schema: S, value: unknown, prefix?: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = describeIssues(result.error.issues).map((e) => ({
    field: prefix ? (e.field === '' ? prefix : `${prefix}.${e.field}`) : e.field || 'body',
    message: e.message,
  }));
  throw invalid(issues);
}
