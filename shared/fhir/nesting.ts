/**
 * How deep a Bundle may nest. FHIR resources nest a dozen levels or so (a QuestionnaireResponse's items a few more);
 * a hostile body nested thousands deep parses, but would overflow the stack of anything that recurses over it (a
 * schema, the idempotency fingerprint's canonical JSON).
 */
export const MAX_BUNDLE_DEPTH = 100;

/** Whether `value` nests deeper than `limit` arrays or objects; iterative, so any depth is safe to ask about. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    const depth = next.depth + 1;
    if (depth > limit) return true;
    for (const member of Array.isArray(next.value) ? next.value : Object.values(next.value)) pending.push({ value: member, depth });
  }
  return false;
}
