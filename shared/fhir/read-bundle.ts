/**
 * Reads a submitted Bundle: checks the envelope, then each entry's resource against the schema of its type, and
 * reports every malformed element at once, named by entry index and element (`entry[3].resource.effectiveDateTime`).
 * Something that is not a Bundle at all is a 400 (what MITRE's server answers); a Bundle with malformed parts is
 * a 422. Resources of types the translator does not read are only checked for a resource type.
 */
import type { Locale } from '#i18n/locale.js';
import { describeIssues } from '#validation/describe-issues.js';
import { statedIn } from '#validation/issue-words.js';
import { READ_RESOURCE_TYPES, type BundleChecks, type PartFailure } from './bundle-checks.js';
import type { ReadResource } from './bundle-schema.js';
import { MAX_BUNDLE_DEPTH, nestsDeeperThan } from './nesting.js';

export interface BundleFieldError {
  readonly field: string;
  readonly message: string;
}

/** The errors of a rejection worded in a language (the API's reply is English; the web app and CLI ask for theirs). */
type WordErrors = (locale: Locale) => readonly BundleFieldError[];

/** The body is not a Bundle (400), or a Bundle with malformed parts (422). */
export class BundleRejected extends Error {
  readonly #wordErrors: WordErrors;

  constructor(
    readonly status: 400 | 422,
    readonly detail: string,
    readonly errors: readonly BundleFieldError[],
    wordErrors?: WordErrors,
  ) {
    super(detail);
    this.name = 'BundleRejected';
    this.#wordErrors = wordErrors ?? ((locale) => errors.map((error) => ({ field: error.field, message: statedIn(error.message, locale) })));
  }

  /** `errors`, each message in `locale`. */
  errorsIn(locale: Locale): readonly BundleFieldError[] {
    return locale === 'en' ? this.errors : this.#wordErrors(locale);
  }

  /** `detail` in `locale`. */
  detailIn(locale: Locale): string {
    return statedIn(this.detail, locale);
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

function wordFailure(failure: PartFailure, locale: Locale): BundleFieldError[] {
  return describeIssues(failure.issues, failure.value, locale).map((issue) => ({
    field: fhirPath(issue.field === '' ? failure.prefix : `${failure.prefix}.${issue.field}`).replace(/^\./, ''),
    message: issue.message,
  }));
}

const wordFailures = (failures: readonly PartFailure[], locale: Locale): BundleFieldError[] =>
  failures.flatMap((failure) => wordFailure(failure, locale)).slice(0, MAX_ERRORS);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const isReadType = (type: unknown): type is ReadResource['resourceType'] => (READ_RESOURCE_TYPES as readonly unknown[]).includes(type);

/** `checks` decides each part (bundle-checks.ts). */
export function readBundle(json: unknown, checks: BundleChecks): ReadBundle {
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
  const envelope = checks.part('envelope', json, '');
  if (envelope) throw new BundleRejected(422, 'the Bundle is malformed', wordFailure(envelope, 'en'), (locale) => wordFailure(envelope, locale));
  const rawEntries = Array.isArray(json['entry']) ? (json['entry'] as unknown[]) : [];
  const failures: PartFailure[] = [];
  /** The API's own wording (English), made once per failure: the count, and the first MAX_ERRORS listed. */
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
    const read = isReadType(type);
    const failure = checks.part(read ? type : 'other', resource, `entry.${index}.resource`);
    if (failure) {
      failures.push(failure);
      errors.push(...wordFailure(failure, 'en'));
      return;
    }
    const id = typeof resource['id'] === 'string' ? resource['id'] : undefined;
    entries.push({
      index,
      resourceType: type as string,
      ...(id === undefined ? {} : { id }),
      ...(fullUrl === undefined ? {} : { fullUrl }),
      ...(read ? { resource: resource as unknown as ReadResource } : {}),
    } as ReadEntry);
  });
  if (errors.length > 0) {
    const more = errors.length - MAX_ERRORS;
    throw new BundleRejected(
      422,
      `${errors.length} element${errors.length === 1 ? ' is' : 's are'} malformed${more > 0 ? ` (first ${MAX_ERRORS} listed)` : ''}`,
      errors.slice(0, MAX_ERRORS),
      (locale) => wordFailures(failures, locale),
    );
  }
  return { type: json['type'] as string, entries };
}
