/**
 * A valid value broken at one place, for holding a fast accept path to its schema: every place in a value, and a
 * copy with one place replaced (or a member added beside it).
 */

export type Place = readonly (string | number)[];

/** Every place in `value` (members and items, at any depth), the root excluded. */
export function placesOf(value: unknown, at: Place = []): Place[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => [[...at, index], ...placesOf(item, [...at, index])]);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => [[...at, key], ...placesOf(item, [...at, key])]);
  }
  return [];
}

/** A copy of `value` with the value at `place` replaced, or, with `add`, a member `<name>Extra` added beside it. */
export function changedAt(value: unknown, place: Place, replacement: unknown, add = false): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const key of place.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = place.at(-1) as string | number;
  if (add && !Array.isArray(node)) node[`${String(last)}Extra`] = replacement;
  else node[last] = replacement;
  return copy;
}
