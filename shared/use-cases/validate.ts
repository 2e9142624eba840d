/**
 * A value checked against a zod schema, or the `invalid` problem naming each bad field (prefixed, e.g. `profile.`),
 * each message in the caller's language.
 */
import type * as z from 'zod/mini';
import { DEFAULT_LOCALE, type Locale } from '#i18n/locale.js';
import type { CheckedShape } from '#validation/checked-shape.js';
import { describeIssues } from '#validation/describe-issues.js';
import { invalid } from './problems.js';

export function validate<S extends z.ZodMiniType>(schema: S, value: unknown, prefix?: string, locale: Locale = DEFAULT_LOCALE): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = describeIssues(result.error.issues, undefined, locale).map((e) => ({
    field: prefix ? (e.field === '' ? prefix : `${prefix}.${e.field}`) : e.field || 'body',
    message: e.message,
  }));
  throw invalid(issues);
}

/** `validate`, through the shape's fast check first: zod is loaded and run only for what the check leaves. */
export async function validateChecked<T>(shape: CheckedShape<T>, value: unknown, prefix?: string, locale: Locale = DEFAULT_LOCALE): Promise<T> {
  return shape.accept(value) ?? validate(await shape.schema(), value, prefix, locale);
}
