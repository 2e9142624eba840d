/**
 * JSON Merge Patch (RFC 7386): how a physician adds or corrects profile data. `null` removes a field; objects
 * merge; anything else replaces. Built with Object.fromEntries (own data properties only), so a `__proto__` key
 * in a patch is an ordinary key that validation then refuses, never a prototype change.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Deeper than any profile; a patch nested deeper is refused before it can exhaust the stack. */
export const MAX_PATCH_DEPTH = 16;

export class PatchTooDeepError extends Error {
  constructor() {
    super(`the patch is nested deeper than ${MAX_PATCH_DEPTH} levels`);
    this.name = 'PatchTooDeepError';
  }
}

export function applyMergePatch(target: unknown, patch: unknown, depth = 0): unknown {
  if (depth > MAX_PATCH_DEPTH) throw new PatchTooDeepError();
  if (!isObject(patch)) return patch;
  const base = isObject(target) ? target : {};
  const entries = new Map<string, unknown>(Object.entries(base));
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) entries.delete(key);
    else entries.set(key, applyMergePatch(entries.get(key), value, depth + 1));
  }
  return Object.fromEntries(entries) as Json;
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The smallest merge patch that turns `before` into `after` (both JSON objects): changed members are sent, removed
 * ones as `null`, lists whole (a merge patch cannot change part of a list). `applyMergePatch(before, patch)` then
 * equals `after`. The web app sends it when a physician adds or corrects data.
 */
export function mergePatchBetween(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(before)) {
    if (!Object.hasOwn(after, key) || after[key] === undefined) patch[key] = null;
  }
  for (const [key, value] of Object.entries(after)) {
    if (value === undefined) continue;
    const previous = Object.hasOwn(before, key) ? before[key] : undefined;
    if (isObject(previous) && isObject(value)) {
      const inner = mergePatchBetween(previous, value);
      if (Object.keys(inner).length > 0) patch[key] = inner;
    } else if (!sameJson(previous, value)) {
      patch[key] = value;
    }
  }
  return patch;
}
