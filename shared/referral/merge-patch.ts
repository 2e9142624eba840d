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
