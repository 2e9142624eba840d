/**
 * The accept path of a request body or a FHIR resource: a description of a zod schema as plain data (an
 * `AcceptSpec`, generated from the schema by scripts/generate-accept-specs.ts, never written by hand) and the small
 * function that checks a value against it. Why: building the zod schemas was most of what submit-referral,
 * update-referral and match-trial added to their cold start (`npm run bench -- cold-start`), and a first request is
 * almost always well-formed. With this, a schema is built only when a value is refused, to word the refusal.
 *
 * The contract (test/unit/validation/accept-spec.test.ts holds it against the schemas): `acceptBySpec` returns what
 * the schema's parse would return, members in the same order, or undefined. Undefined is never an error by itself:
 * it hands the value to the schema, which decides and words the reply. So the checks may be stricter than the
 * schema (a class instance, an explicit undefined), never laxer.
 */

/** A check that is a function, not a bound: the same function the schema's `z.refine` runs. */
export type Refinement = (value: never) => boolean;

export interface AcceptMember {
  readonly key: string;
  readonly spec: AcceptSpec;
  readonly optional: boolean;
}

export type AcceptSpec =
  /**
   * An object of these members. Strict (a zod strictObject): no others. `unknownMembers: 'drop'` (a zod object):
   * others are allowed and left out of what is returned, as zod leaves them out.
   */
  | {
      readonly kind: 'object';
      readonly members: readonly AcceptMember[];
      readonly unknownMembers?: 'drop';
      readonly refine?: readonly Refinement[];
    }
  | { readonly kind: 'array'; readonly element: AcceptSpec; readonly minLength?: number; readonly maxLength?: number }
  /** Options of different kinds (an object or a list of them), so at most one can accept a value. */
  | { readonly kind: 'union'; readonly options: readonly AcceptSpec[] }
  /** One of these values (a zod enum or literal). */
  | { readonly kind: 'oneOf'; readonly values: readonly (string | number | boolean | null)[] }
  | {
      readonly kind: 'string';
      readonly minLength?: number;
      readonly maxLength?: number;
      readonly patterns?: readonly RegExp[];
      readonly refine?: readonly Refinement[];
    }
  | {
      readonly kind: 'number';
      readonly integer?: boolean;
      readonly minimum?: number;
      readonly exclusiveMinimum?: number;
      readonly maximum?: number;
      readonly exclusiveMaximum?: number;
      /** An integer step, checked on integers only (zod's float-tolerant remainder agrees there). */
      readonly multipleOf?: number;
      readonly refine?: readonly Refinement[];
    }
  | { readonly kind: 'boolean' };

/** Code points in `text`: a surrogate pair counts once, a lone surrogate as itself (as zod counts them). */
function codePoints(text: string): number {
  let count = text.length;
  for (let index = 0; index < text.length - 1; index++) {
    if ((text.charCodeAt(index) & 0xfc00) === 0xd800 && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00) {
      count--;
      index++;
    }
  }
  return count;
}

const REFUSED: unique symbol = Symbol('refused');
type Checked = unknown;

/** What the schema would return for `value`, when the spec accepts it; otherwise undefined (the schema decides). */
export function acceptBySpec<T>(spec: AcceptSpec, value: unknown): T | undefined {
  const accepted = check(spec, value);
  return accepted === REFUSED ? undefined : (accepted as T);
}

const passes = (refinements: readonly Refinement[] | undefined, value: unknown): boolean => {
  if (refinements === undefined) return true;
  for (const refinement of refinements) if (!(refinement as (value: unknown) => boolean)(value)) return false;
  return true;
};

function check(spec: AcceptSpec, value: unknown): Checked | typeof REFUSED {
  switch (spec.kind) {
    case 'object':
      return checkObject(spec.members, spec.unknownMembers === 'drop', spec.refine, value);
    case 'array': {
      if (!Array.isArray(value)) return REFUSED;
      if (spec.minLength !== undefined && value.length < spec.minLength) return REFUSED;
      if (spec.maxLength !== undefined && value.length > spec.maxLength) return REFUSED;
      const out = new Array<unknown>(value.length);
      for (let index = 0; index < value.length; index++) {
        const element = check(spec.element, value[index]);
        if (element === REFUSED) return REFUSED;
        out[index] = element;
      }
      return out;
    }
    case 'union':
      for (const option of spec.options) {
        const accepted = check(option, value);
        if (accepted !== REFUSED) return accepted;
      }
      return REFUSED;
    case 'oneOf':
      return spec.values.includes(value as string) ? value : REFUSED;
    case 'string':
      if (typeof value !== 'string') return REFUSED;
      // Lengths in code points, as zod counts them; counted only where UTF-16 units leave it in doubt.
      if (spec.minLength !== undefined) {
        const units = value.length;
        if ((units < 2 * spec.minLength ? codePoints(value) : units) < spec.minLength) return REFUSED;
      }
      if (spec.maxLength !== undefined && value.length > spec.maxLength && codePoints(value) > spec.maxLength) return REFUSED;
      if (spec.patterns !== undefined) for (const pattern of spec.patterns) if (!pattern.test(value)) return REFUSED;
      return passes(spec.refine, value) ? value : REFUSED;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return REFUSED;
      if (spec.integer === true && !Number.isSafeInteger(value)) return REFUSED;
      if (spec.minimum !== undefined && !(value >= spec.minimum)) return REFUSED;
      if (spec.exclusiveMinimum !== undefined && !(value > spec.exclusiveMinimum)) return REFUSED;
      if (spec.maximum !== undefined && !(value <= spec.maximum)) return REFUSED;
      if (spec.exclusiveMaximum !== undefined && !(value < spec.exclusiveMaximum)) return REFUSED;
      if (spec.multipleOf !== undefined && !(Number.isInteger(value) && value % spec.multipleOf === 0)) return REFUSED;
      return passes(spec.refine, value) ? value : REFUSED;
    case 'boolean':
      return typeof value === 'boolean' ? value : REFUSED;
  }
}

function checkObject(members: readonly AcceptMember[], dropUnknown: boolean, refine: readonly Refinement[] | undefined, value: unknown): Checked | typeof REFUSED {
  // Plain objects only, as JSON.parse makes them: anything else is left to the schema.
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) return REFUSED;
  const input = value as Readonly<Record<string, unknown>>;
  // Built in the schema's member order, as zod builds its output.
  const out: Record<string, unknown> = {};
  let present = 0;
  for (const member of members) {
    if (!Object.hasOwn(input, member.key)) {
      if (member.optional) continue;
      return REFUSED;
    }
    const accepted = check(member.spec, input[member.key]);
    if (accepted === REFUSED) return REFUSED;
    out[member.key] = accepted;
    present++;
  }
  // Strict: a member the schema does not name (a typo, `__proto__`) is the schema's to refuse and word.
  if (!dropUnknown && Object.keys(input).length !== present) return REFUSED;
  return passes(refine, out) ? out : REFUSED;
}
