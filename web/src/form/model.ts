/**
 * The referral form as a tree of fields, read from the profile's JSON Schema: objects become groups, arrays of
 * objects become repeatable groups, enums become choices (units included), numbers keep their bounds, dates are
 * calendar days. Every field is optional unless its group is filled (a hemoglobin needs its unit and date).
 */
import { FIELD_HINTS } from './layout.js';
import type { JsonSchema } from './json-schema.js';

interface FieldBase {
  /** Schema path, dotted, without array indexes: `labs.hemoglobin.value`, `blasts.percent`. */
  readonly path: string;
  readonly key: string;
  /** Required once its group holds anything. */
  readonly required: boolean;
}
export interface GroupField extends FieldBase {
  readonly kind: 'group';
  readonly children: readonly FormField[];
}
export interface ListField extends FieldBase {
  readonly kind: 'list';
  readonly item: GroupField;
  readonly maxItems: number;
  readonly emptyMeansNone: boolean;
}
export interface ChoiceField extends FieldBase {
  readonly kind: 'choice';
  readonly options: readonly string[];
  /** A unit: shown beside its value, and defaulted so a value is never sent without one. */
  readonly unit: boolean;
  readonly defaultOption?: string;
}
export interface MultiChoiceField extends FieldBase {
  readonly kind: 'multi';
  readonly options: readonly string[];
}
export interface NumberField extends FieldBase {
  readonly kind: 'number';
  readonly integer: boolean;
  readonly min?: number;
  readonly max?: number;
  readonly step?: number;
}
export interface DateField extends FieldBase {
  readonly kind: 'date';
}
export interface BooleanField extends FieldBase {
  readonly kind: 'boolean';
}
export interface TextField extends FieldBase {
  readonly kind: 'text';
  readonly maxLength?: number;
}
export type LeafField = ChoiceField | MultiChoiceField | NumberField | DateField | BooleanField | TextField;
export type FormField = GroupField | ListField | LeafField;

/** A profile part the form cannot show: a schema construct this builder does not know. Thrown at build time. */
export class UnsupportedSchemaError extends Error {
  override name = 'UnsupportedSchemaError';
}

/** `cd7` is one result or a list of them: the form always offers the list. */
function preferList(schema: JsonSchema): JsonSchema {
  if (!schema.anyOf) return schema;
  return schema.anyOf.find((branch) => branch.type === 'array') ?? schema.anyOf[0] ?? schema;
}

function field(schema: JsonSchema, path: string, key: string, required: boolean): FormField {
  const node = preferList(schema);
  const hint = FIELD_HINTS[path] ?? {};
  switch (node.type) {
    case 'object':
      return group(node, path, key, required);
    case 'array': {
      const items = node.items;
      if (items?.type === 'object') {
        return {
          kind: 'list',
          path,
          key,
          required,
          item: group(items, path, key, false),
          maxItems: node.maxItems ?? 20,
          emptyMeansNone: hint.emptyListMeansNone ?? false,
        };
      }
      if (items?.enum) return { kind: 'multi', path, key, required, options: items.enum.map(String) };
      throw new UnsupportedSchemaError(`${path}: arrays of ${items?.type ?? 'unknown'}`);
    }
    case 'string': {
      if (node.enum) {
        const options = node.enum.map(String);
        const unit = key === 'unit';
        // A unit the schema requires is preselected (the first, what most labs in China print); an optional one
        // (a viral load's copies or IU, which are assay-specific) is left for the physician to say.
        const defaultOption = hint.defaultOption ?? (unit && required ? options[0] : undefined);
        return { kind: 'choice', path, key, required, options, unit, ...(defaultOption === undefined ? {} : { defaultOption }) };
      }
      if (node.format === 'date') return { kind: 'date', path, key, required };
      return { kind: 'text', path, key, required, ...(node.maxLength === undefined ? {} : { maxLength: node.maxLength }) };
    }
    case 'number':
    case 'integer':
      return {
        kind: 'number',
        path,
        key,
        required,
        integer: node.type === 'integer',
        ...(node.minimum === undefined ? {} : { min: node.minimum }),
        ...(node.maximum === undefined ? {} : { max: node.maximum }),
        ...(hint.step === undefined ? {} : { step: hint.step }),
      };
    case 'boolean':
      return { kind: 'boolean', path, key, required };
    default:
      throw new UnsupportedSchemaError(`${path}: type ${String(node.type)}`);
  }
}

function group(schema: JsonSchema, path: string, key: string, required: boolean): GroupField {
  const requiredKeys = new Set(schema.required ?? []);
  const children = Object.entries(schema.properties ?? {}).map(([childKey, child]) =>
    field(child, path === '' ? childKey : `${path}.${childKey}`, childKey, requiredKeys.has(childKey)),
  );
  return { kind: 'group', path, key, required, children };
}

/** The whole profile as a form: the root group. */
export function buildFormModel(profileSchema: JsonSchema): GroupField {
  return group(profileSchema, '', '', false);
}

/** The field at a schema path (`labs.hemoglobin`, `blasts.percent`), or undefined. */
export function fieldAt(root: GroupField, path: string): FormField | undefined {
  let current: FormField = root;
  for (const key of path.split('.')) {
    const container: GroupField | undefined = current.kind === 'group' ? current : current.kind === 'list' ? current.item : undefined;
    const next: FormField | undefined = container?.children.find((child) => child.key === key);
    if (!next) return undefined;
    current = next;
  }
  return current;
}

/** Every field under a node, depth first (the node included). */
export function* allFields(node: FormField): Generator<FormField> {
  yield node;
  if (node.kind === 'group') for (const child of node.children) yield* allFields(child);
  if (node.kind === 'list') for (const child of node.item.children) yield* allFields(child);
}

/** A schema path for an instance path: `blasts.0.percent` → `blasts.percent`. */
export const schemaPath = (instancePath: string): string =>
  instancePath
    .split('.')
    .filter((segment) => !/^\d+$/.test(segment))
    .join('.');
