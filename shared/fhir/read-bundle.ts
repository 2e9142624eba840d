/**
 * Reads a submitted Bundle: checks the envelope, then each entry's resource against the schema of its type, and
 * reports every malformed element at once, named by entry index and element (`entry[3].resource.effectiveDateTime`).
 * Something that is not a Bundle at all is a 400 (what MITRE's server answers); a Bundle with malformed parts is
 * a 422. Resources of types the translator does not read are only checked for a resource type.
 */
import type * as z from 'zod/mini';
import { describeIssues } from '#validation/describe-issues.js';
import { BundleEnvelope, OtherResource, RESOURCE_SCHEMAS, type ReadResource } from './bundle-schema.js';
import { MAX_BUNDLE_DEPTH, nestsDeeperThan } from './nesting.js';

export interface BundleFieldError {
  readonly field: string;
  readonly message: string;
}

/** The body is not a Bundle (400), or a Bundle with malformed parts (422). */
export class BundleRejected extends Error {
  constructor(
    readonly status: 400 | 422,
    readonly detail: string,
    readonly errors: readonly BundleFieldError[],
  ) {
    super(detail);
    this.name = 'BundleRejected';
  }
}

export type ReadEntry =
  | { readonly index: number; readonly fullUrl?: string; readonly resourceType: ReadResource['resourceType']; readonly id?: string; readonly resource: ReadResource }
  | { readonly index: number; readonly fullUrl?: string; readonly resourceType: string; readonly id?: string; readonly resource?: undefined };

export interface ReadBundle {
  readonly type: string;
  readonly entries: readonly ReadEntry[];
}

/** At most this many errors are listed; a bundle broken everywhere is not helped by 10,000 lines. */
const MAX_ERRORS = 50;

/** `entry.3.resource.code.coding.0.system` → `entry[3].resource.code.coding[0].system` (FHIRPath style). */
function fhirPath(dotted: string): string {
  return dotted.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
}

function errorsOf(schema: z.ZodMiniType, value: unknown, prefix: string): BundleFieldError[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return describeIssues(result.error.issues, value).map((issue) => ({
    field: fhirPath(issue.field === '' ? prefix : `${prefix}.${issue.field}`),
    message: issue.message,
  }));
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function readBundle(json: unknown): ReadBundle {
  if (!isRecord(json) || json['resourceType'] !== 'Bundle') {
    throw new BundleRejected(400, 'the body is not a FHIR Bundle', [
      { field: 'resourceType', message: isRecord(json) ? 'must be "Bundle"' : 'the body must be a JSON object with resourceType "Bundle"' },
    ]);
  }
  if (nestsDeeperThan(json, MAX_BUNDLE_DEPTH)) {
    // Named to the entry when one is to blame (the envelope itself is two levels: Bundle, entry array).
    const entries = Array.isArray(json['entry']) ? (json['entry'] as unknown[]) : [];
    const index = entries.findIndex((entry) => nestsDeeperThan(entry, MAX_BUNDLE_DEPTH - 2));
    throw new BundleRejected(422, 'the Bundle is malformed', [
      { field: index < 0 ? 'resourceType' : `entry[${index}]`, message: `nests deeper than ${MAX_BUNDLE_DEPTH} levels` },
    ]);
  }
  const envelopeErrors = errorsOf(BundleEnvelope, json, '');
  if (envelopeErrors.length > 0) {
    throw new BundleRejected(422, 'the Bundle is malformed', envelopeErrors.map((e) => ({ ...e, field: e.field.replace(/^\./, '') })));
  }
  const rawEntries = Array.isArray(json['entry']) ? (json['entry'] as unknown[]) : [];
  const errors: BundleFieldError[] = [];
  const entries: ReadEntry[] = [];
  rawEntries.forEach((raw, index) => {
    const entry = raw as { fullUrl?: string; resource?: Record<string, unknown> };
    const fullUrl = entry.fullUrl;
    const resource = entry.resource;
    if (resource === undefined) {
      entries.push({ index, resourceType: 'none', ...(fullUrl === undefined ? {} : { fullUrl }) });
      return;
    }
    const type = resource['resourceType'];
    const schema = typeof type === 'string' && Object.hasOwn(RESOURCE_SCHEMAS, type) ? RESOURCE_SCHEMAS[type as keyof typeof RESOURCE_SCHEMAS] : undefined;
    const found = errorsOf(schema ?? OtherResource, resource, `entry.${index}.resource`);
    if (found.length > 0) {
      errors.push(...found);
      return;
    }
    const id = typeof resource['id'] === 'string' ? resource['id'] : undefined;
    entries.push({
      index,
      resourceType: type as string,
      ...(id === undefined ? {} : { id }),
      ...(fullUrl === undefined ? {} : { fullUrl }),
      ...(schema ? { resource: resource as unknown as ReadResource } : {}),
    } as ReadEntry);
  });
  if (errors.length > 0) {
    const shown = errors.slice(0, MAX_ERRORS);
    const more = errors.length - shown.length;
    throw new BundleRejected(422, `${errors.length} element${errors.length === 1 ? ' is' : 's are'} malformed${more > 0 ? ` (first ${MAX_ERRORS} listed)` : ''}`, shown);
  }
  return { type: json['type'] as string, entries };
}
