/**
 * A value the service accepts on the way in, checked in two steps: a fast check that accepts the ordinary case
 * without zod, and the zod schema, loaded on first use, that decides and words whatever the fast check left. The
 * schema stays the definition (it documents the API in OpenAPI and words every refusal); the fast check only ever
 * accepts what the schema certainly accepts, and returns what its parse would.
 */
import type * as z from 'zod/mini';

export interface CheckedShape<T> {
  /** What the schema would return for `value`, when the value is certainly valid; otherwise undefined. */
  readonly accept: (value: unknown) => T | undefined;
  /** The schema (loaded on first use, with zod): it decides, and words the errors of, whatever `accept` left. */
  readonly schema: () => Promise<z.ZodMiniType<T>>;
}
