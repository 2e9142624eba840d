/**
 * Reading a dropped or chosen file into a profile. Each importer recognises one kind of document; the first that
 * accepts the document reads it. A FHIR Bundle goes through the service's own translator (the one `POST /referrals`
 * and the CLI use), so the form shows exactly the profile the API would screen, and the entries it could not use are
 * listed for the physician, with the reason.
 */
import { BundleRejected, type BundleFieldError } from '#fhir/read-bundle.js';
import type { Locale } from '#i18n/locale.js';
import { translateBundle } from '#fhir/translate-bundle.js';
import type { NotUsed } from '#fhir/translation.js';

export interface ProfileImport {
  readonly profile: Record<string, unknown>;
  /** What the file held that no profile field takes (a Bundle's entries), each with why. */
  readonly notUsed: readonly NotUsed[];
}

export interface ProfileImporter {
  readonly id: 'json-profile' | 'fhir-bundle';
  /** The largest file of this kind the API takes. */
  readonly maxBytes: number;
  readonly accepts: (document: unknown) => boolean;
  /** Throws BundleRejected for a Bundle the API would refuse. */
  readonly read: (document: unknown) => ProfileImport;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The API's body limit for a profile (`MAX_BODY_BYTES`). */
export const MAX_PROFILE_FILE_BYTES = 64 * 1024;
/** The API's body limit for a FHIR Bundle (`FHIR_MAX_BODY_BYTES`: API Gateway's 10 MB). */
export const MAX_BUNDLE_FILE_BYTES = 10 * 1024 * 1024;

/** A profile as the API takes it, alone or as the body of `POST /referrals` (`{ trialId, profile, ... }`). */
export const jsonProfileImporter: ProfileImporter = {
  id: 'json-profile',
  maxBytes: MAX_PROFILE_FILE_BYTES,
  accepts: (document) => isObject(document) && !('resourceType' in document),
  read: (document) => {
    const object = document as Record<string, unknown>;
    const profile = 'profile' in object && 'trialId' in object && isObject(object['profile']) ? object['profile'] : object;
    return { profile, notUsed: [] };
  },
};

/** A FHIR R4 Bundle (collection, transaction, batch or searchset) from a hospital system. */
export const fhirBundleImporter: ProfileImporter = {
  id: 'fhir-bundle',
  maxBytes: MAX_BUNDLE_FILE_BYTES,
  accepts: (document) => isObject(document) && document['resourceType'] === 'Bundle',
  read: (document) => {
    const translation = translateBundle(document);
    return { profile: translation.profile as Record<string, unknown>, notUsed: translation.notUsed };
  },
};

export const IMPORTERS: readonly ProfileImporter[] = [fhirBundleImporter, jsonProfileImporter];

export type ImportOutcome =
  | { readonly kind: 'loaded'; readonly importer: ProfileImporter['id']; readonly result: ProfileImport }
  | { readonly kind: 'not-json' }
  | { readonly kind: 'too-large'; readonly maxBytes: number }
  /**
   * A FHIR Bundle the API would refuse: each element at fault, as the API's 422 names it (`errors`, in English),
   * and worded in the page's language by `errorsIn`.
   */
  | { readonly kind: 'rejected'; readonly errors: readonly BundleFieldError[]; readonly errorsIn: (locale: Locale) => readonly BundleFieldError[] }
  /** A document no importer reads (a FHIR resource other than a Bundle). */
  | { readonly kind: 'unsupported'; readonly resourceType?: string };

export function importProfileText(text: string, importers: readonly ProfileImporter[] = IMPORTERS): ImportOutcome {
  const bytes = new TextEncoder().encode(text).length;
  const largest = Math.max(...importers.map((importer) => importer.maxBytes));
  if (bytes > largest) return { kind: 'too-large', maxBytes: largest };
  let document: unknown;
  try {
    document = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return { kind: 'not-json' };
  }
  const importer = importers.find((candidate) => candidate.accepts(document));
  if (!importer) {
    const resourceType = isObject(document) && typeof document['resourceType'] === 'string' ? document['resourceType'] : undefined;
    return resourceType === undefined ? { kind: 'unsupported' } : { kind: 'unsupported', resourceType };
  }
  if (bytes > importer.maxBytes) return { kind: 'too-large', maxBytes: importer.maxBytes };
  try {
    return { kind: 'loaded', importer: importer.id, result: importer.read(document) };
  } catch (error) {
    if (!(error instanceof BundleRejected)) throw error;
    const errorsIn = (locale: Locale): readonly BundleFieldError[] =>
      error.errors.length > 0 ? error.errorsIn(locale) : [{ field: '', message: error.detailIn(locale) }];
    return { kind: 'rejected', errors: errorsIn('en'), errorsIn };
  }
}
