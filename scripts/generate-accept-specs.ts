/**
 * `npm run generate:accept-specs`: writes shared/validation/generated/*.ts, the accept paths of the profile, the
 * referral request, the Idempotency-Key and the FHIR resources the translator reads, as data (see
 * shared/validation/accept-spec.ts), read from the zod schemas themselves. The schemas stay the one definition; a
 * test fails when a file is not what this script writes.
 *
 * Only what the accept path can check exactly is described: strict objects and objects that drop unknown members,
 * optional members, arrays, unions of different kinds, enums and literals, strings with lengths and patterns,
 * numbers with bounds, integer steps and refinements exported from a module of REFINEMENT_MODULES, booleans.
 * Anything else stops the script, naming the place, so a new kind of check in a schema cannot be silently skipped.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as z from 'zod/mini';
import type { AcceptMember, AcceptSpec, Refinement } from '#validation/accept-spec.js';
import * as fhirDates from '#fhir/fhir-dates.js';
import { BundleEnvelope, Condition, Observation, OtherResource, Patient, Procedure } from '#fhir/bundle-schema.js';
import { IdempotencyKey } from '#http/id-schemas.js';
import { SubmitReferralRequest } from '#http/referral-request.js';
import * as profileRefinements from '#profile/refinements.js';
import { PatientProfile } from '#profile/schema.js';

/** The modules whose exported functions a schema may refine with, by import path: the spec imports them by name. */
const REFINEMENT_MODULES: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  '#profile/refinements.js': profileRefinements,
  '#fhir/fhir-dates.js': fhirDates,
};

interface GeneratedSpec {
  readonly name: string;
  readonly schema: z.ZodMiniType;
  readonly source: string;
}

const directory = (file: string) => fileURLToPath(new URL(`../shared/validation/generated/${file}`, import.meta.url));

/**
 * The files and the specs each exports. Two files, so that a function that reads no FHIR (submit-referral's JSON
 * path) does not load the FHIR resources' specs at init.
 */
export const GENERATED_FILES: readonly { readonly file: string; readonly specs: readonly GeneratedSpec[] }[] = [
  {
    file: directory('accept-specs.ts'),
    specs: [
      { name: 'PATIENT_PROFILE_SPEC', schema: PatientProfile, source: 'shared/profile/schema.ts (PatientProfile)' },
      { name: 'SUBMIT_REFERRAL_REQUEST_SPEC', schema: SubmitReferralRequest, source: 'shared/http/referral-request.ts (SubmitReferralRequest)' },
      { name: 'IDEMPOTENCY_KEY_SPEC', schema: IdempotencyKey, source: 'shared/http/id-schemas.ts (IdempotencyKey)' },
    ],
  },
  {
    file: directory('fhir-accept-specs.ts'),
    specs: [
      { name: 'BUNDLE_ENVELOPE_SPEC', schema: BundleEnvelope, source: 'shared/fhir/bundle-schema.ts (BundleEnvelope)' },
      { name: 'PATIENT_SPEC', schema: Patient, source: 'shared/fhir/bundle-schema.ts (Patient)' },
      { name: 'CONDITION_SPEC', schema: Condition, source: 'shared/fhir/bundle-schema.ts (Condition)' },
      { name: 'OBSERVATION_SPEC', schema: Observation, source: 'shared/fhir/bundle-schema.ts (Observation)' },
      { name: 'PROCEDURE_SPEC', schema: Procedure, source: 'shared/fhir/bundle-schema.ts (Procedure)' },
      { name: 'OTHER_RESOURCE_SPEC', schema: OtherResource, source: 'shared/fhir/bundle-schema.ts (OtherResource)' },
    ],
  },
];

/** zod's internal definition of a schema or check, read as loose data: only the fields used below. */
interface Definition {
  readonly type?: string;
  readonly check?: string;
  readonly [key: string]: unknown;
}
interface Internals {
  readonly _zod: { readonly def: Definition };
}
const definitionOf = (value: unknown): Definition => (value as Internals)._zod.def;

/** A child's place in its parent's text: a character no pattern or key of these schemas holds. */
const ref = (node: SpecNode): string => `\uFFFF${node.id}\uFFFF`;

/** A spec node, interned by its text so that a sub-schema used in many places is written once. */
interface SpecNode {
  readonly id: number;
  /** The node's text, its children written as placeholders (`ref`). */
  readonly text: string;
  readonly children: readonly SpecNode[];
  /** The spec itself, for tests of the generator (the file is what the service runs). */
  readonly spec: AcceptSpec;
}

class SpecWriter {
  private readonly nodes = new Map<string, SpecNode>();
  /** Each exported function of the refinement modules: its name and module. */
  private readonly refinementNames = new Map<unknown, { readonly name: string; readonly module: string }>(
    Object.entries(REFINEMENT_MODULES).flatMap(([module, exports]) =>
      Object.entries(exports)
        .filter(([, value]) => typeof value === 'function')
        .map(([name, value]) => [value, { name, module }] as const),
    ),
  );
  /** The refinements used, by module. */
  readonly usedRefinements = new Map<string, Set<string>>();

  private intern(text: string, children: readonly SpecNode[], spec: AcceptSpec): SpecNode {
    const known = this.nodes.get(text);
    if (known) return known;
    const node = { id: this.nodes.size, text, children, spec };
    this.nodes.set(text, node);
    return node;
  }

  /** A refinement the spec can run, with the name the generated file imports it by. */
  private refinementOf(fn: unknown, path: string): { readonly name: string; readonly fn: Refinement } {
    const found = this.refinementNames.get(fn);
    if (found === undefined) throw new Error(`${path || '(root)'}: a refinement that no module of REFINEMENT_MODULES exports`);
    const names = this.usedRefinements.get(found.module) ?? new Set<string>();
    names.add(found.name);
    this.usedRefinements.set(found.module, names);
    return { name: found.name, fn: fn as Refinement };
  }

  /** The schema's own check (a format schema such as z.int() or z.iso.date() is its own check) and its added ones. */
  private checksOf(definition: Definition): Definition[] {
    const checks = ((definition['checks'] as unknown[] | undefined) ?? []).map(definitionOf);
    return definition.check === undefined || checks.includes(definition) ? checks : [definition, ...checks];
  }

  node(schema: unknown, path: string): SpecNode {
    const definition = definitionOf(schema);
    const fail = (what: string): never => {
      throw new Error(`${path || '(root)'}: ${what} has no accept path (scripts/generate-accept-specs.ts)`);
    };
    if (definition['coerce'] === true) fail('a coercing schema');
    switch (definition.type) {
      case 'object': {
        // Strict (catchall never) refuses unknown members; plain z.object (no catchall) drops them.
        const catchall = definition['catchall'];
        const strict = catchall !== undefined && definitionOf(catchall).type === 'never';
        if (catchall !== undefined && !strict) fail('an object that keeps unknown members');
        const children: SpecNode[] = [];
        const members: AcceptMember[] = [];
        const texts = Object.entries(definition['shape'] as Record<string, unknown>).map(([key, member]) => {
          let inner = member;
          const optional = definitionOf(member).type === 'optional';
          if (optional) inner = definitionOf(member)['innerType'];
          const child = this.node(inner, path ? `${path}.${key}` : key);
          children.push(child);
          members.push({ key, spec: child.spec, optional });
          return `{ key: ${JSON.stringify(key)}, spec: ${ref(child)}, optional: ${optional} }`;
        });
        const refine = this.checksOf(definition).map((check) =>
          check.check === 'custom' ? this.refinementOf(check['fn'], path) : fail(`an object check "${String(check.check)}"`),
        );
        const refineText = refine.length === 0 ? '' : `, refine: [${refine.map((refinement) => refinement.name).join(', ')}]`;
        const unknownText = strict ? '' : `, unknownMembers: 'drop'`;
        const spec: AcceptSpec = {
          kind: 'object',
          members,
          ...(strict ? {} : { unknownMembers: 'drop' as const }),
          ...(refine.length === 0 ? {} : { refine: refine.map((refinement) => refinement.fn) }),
        };
        return this.intern(`{ kind: 'object', members: [${texts.join(', ')}]${unknownText}${refineText} }`, children, spec);
      }
      case 'array': {
        const element = this.node(definition['element'], `${path}[]`);
        const bounds: Record<string, number> = {};
        for (const check of this.checksOf(definition)) {
          if (check.check === 'min_length') bounds['minLength'] = Number(check['minimum']);
          else if (check.check === 'max_length') bounds['maxLength'] = Number(check['maximum']);
          else fail(`an array check "${String(check.check)}"`);
        }
        const boundsText = Object.entries(bounds).map(([name, value]) => `, ${name}: ${value}`).join('');
        return this.intern(`{ kind: 'array', element: ${ref(element)}${boundsText} }`, [element], { kind: 'array', element: element.spec, ...bounds });
      }
      case 'union': {
        const options = (definition['options'] as unknown[]).map((option, index) => this.node(option, `${path}|${index}`));
        const kinds = options.map((option) => /kind: '(\w+)'/.exec(option.text)?.[1]);
        if (new Set(kinds).size !== kinds.length || kinds.includes('union')) fail('a union of options of the same kind');
        const spec: AcceptSpec = { kind: 'union', options: options.map((option) => option.spec) };
        return this.intern(`{ kind: 'union', options: [${options.map((o) => ref(o)).join(', ')}] }`, options, spec);
      }
      case 'enum':
      case 'literal': {
        const values = (definition.type === 'enum' ? Object.values(definition['entries'] as object) : definition['values']) as (string | number | boolean | null)[];
        if (!values.every((value) => value === null || ['string', 'number', 'boolean'].includes(typeof value))) fail('a literal that JSON cannot carry');
        return this.intern(`{ kind: 'oneOf', values: ${JSON.stringify(values)} }`, [], { kind: 'oneOf', values });
      }
      case 'string': {
        const bounds: Record<string, number> = {};
        const patterns: RegExp[] = [];
        const refine: { readonly name: string; readonly fn: Refinement }[] = [];
        for (const check of this.checksOf(definition)) {
          if (check.check === 'min_length') bounds['minLength'] = Number(check['minimum']);
          else if (check.check === 'max_length') bounds['maxLength'] = Number(check['maximum']);
          else if (check.check === 'string_format' && check['pattern'] instanceof RegExp) {
            if (/[gy]/.test(check['pattern'].flags)) fail('a stateful (global or sticky) pattern');
            patterns.push(check['pattern']);
          } else if (check.check === 'custom') refine.push(this.refinementOf(check['fn'], path));
          else fail(`a string check "${String(check.check)}"`);
        }
        const parts = Object.entries(bounds).map(([name, value]) => `${name}: ${value}`);
        if (patterns.length > 0) parts.push(`patterns: [${patterns.map(String).join(', ')}]`);
        if (refine.length > 0) parts.push(`refine: [${refine.map((refinement) => refinement.name).join(', ')}]`);
        const spec: AcceptSpec = {
          kind: 'string',
          ...bounds,
          ...(patterns.length > 0 ? { patterns } : {}),
          ...(refine.length > 0 ? { refine: refine.map((refinement) => refinement.fn) } : {}),
        };
        return this.intern(`{ kind: 'string'${parts.map((p) => `, ${p}`).join('')} }`, [], spec);
      }
      case 'number': {
        const bounds: Record<string, number | boolean> = {};
        const refine: { readonly name: string; readonly fn: Refinement }[] = [];
        const set = (name: string, value: number | boolean) => {
          if (name in bounds) fail('a number with two bounds of one kind');
          bounds[name] = value;
        };
        for (const check of this.checksOf(definition)) {
          const value = check['value'];
          if (check.check === 'number_format' && check['format'] === 'safeint') set('integer', true);
          else if (check.check === 'greater_than' && typeof value === 'number') set(check['inclusive'] === true ? 'minimum' : 'exclusiveMinimum', value);
          else if (check.check === 'less_than' && typeof value === 'number') set(check['inclusive'] === true ? 'maximum' : 'exclusiveMaximum', value);
          else if (check.check === 'multiple_of' && Number.isSafeInteger(value)) set('multipleOf', value as number);
          else if (check.check === 'custom') refine.push(this.refinementOf(check['fn'], path));
          else fail(`a number check "${String(check.check)}"`);
        }
        const parts = Object.entries(bounds).map(([name, value]) => `${name}: ${String(value)}`);
        if (refine.length > 0) parts.push(`refine: [${refine.map((refinement) => refinement.name).join(', ')}]`);
        const spec = { kind: 'number', ...bounds, ...(refine.length > 0 ? { refine: refine.map((refinement) => refinement.fn) } : {}) } as AcceptSpec;
        return this.intern(`{ kind: 'number'${parts.map((p) => `, ${p}`).join('')} }`, [], spec);
      }
      case 'boolean':
        if (this.checksOf(definition).length > 0) fail('a boolean with checks');
        return this.intern(`{ kind: 'boolean' }`, [], { kind: 'boolean' });
      default:
        return fail(`a schema of type "${String(definition.type)}"`);
    }
  }

  /**
   * The file's body: every node used more than once (or exported) as a constant, in dependency order, the rest
   * written in place.
   */
  render(roots: readonly { readonly name: string; readonly node: SpecNode }[]): string {
    const uses = new Map<number, number>();
    const visited = new Set<number>();
    const count = (node: SpecNode) => {
      if (visited.has(node.id)) return;
      visited.add(node.id);
      for (const child of node.children) {
        uses.set(child.id, (uses.get(child.id) ?? 0) + 1);
        count(child);
      }
    };
    for (const root of roots) count(root.node);
    const rootIds = new Set(roots.map((root) => root.node.id));
    const shared = (node: SpecNode) => (uses.get(node.id) ?? 0) > 1 || rootIds.has(node.id);
    const names = new Map<number, string>();
    const constants: string[] = [];
    const write = (node: SpecNode): string =>
      node.text.replace(/\uFFFF(\d+)\uFFFF/g, (_, id: string) => {
        const child = node.children.find((c) => c.id === Number(id)) as SpecNode;
        return shared(child) ? declare(child) : write(child);
      });
    const declare = (node: SpecNode): string => {
      const known = names.get(node.id);
      if (known !== undefined) return known;
      const text = write(node);
      const name = `spec${names.size + 1}`;
      names.set(node.id, name);
      constants.push(`const ${name}: AcceptSpec = ${text};`);
      return name;
    };
    const exports = roots.map((root) => `export const ${root.name}: AcceptSpec = ${declare(root.node)};`);
    return [...constants, '', ...exports].join('\n');
  }
}

/** The spec of one schema, as a value: for tests of the generator and of the accept path's edges. */
export function specOf(schema: z.ZodMiniType): AcceptSpec {
  return new SpecWriter().node(schema, '').spec;
}

/** The text of one generated file. */
export function generateAcceptSpecs(specs: readonly GeneratedSpec[]): string {
  const writer = new SpecWriter();
  const roots = specs.map(({ name, schema }) => ({ name, node: writer.node(schema, '') }));
  const body = writer.render(roots);
  const imports = [...writer.usedRefinements]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([module, names]) => `import { ${[...names].sort().join(', ')} } from '${module}';`);
  return [
    '/**',
    ' * Generated by `npm run generate:accept-specs` (scripts/generate-accept-specs.ts) from',
    ...specs.map(({ name, source }) => ` * - ${name}: ${source}`),
    ' * Do not edit: change the schema and run the script. See shared/validation/accept-spec.ts for what a spec is.',
    ' */',
    ...imports,
    "import type { AcceptSpec } from '../accept-spec.js';",
    '',
    body,
    '',
  ].join('\n');
}

const entryScript = process.argv[1];
if (entryScript !== undefined && import.meta.url === pathToFileURL(resolve(entryScript)).href) {
  for (const { file, specs } of GENERATED_FILES) {
    await writeFile(file, generateAcceptSpecs(specs));
    console.log(`wrote ${file}`);
  }
}
