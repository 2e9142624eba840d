/**
 * Reading a dropped or chosen file into a profile. Each importer recognises one kind of document; the first that
 * accepts the document reads it.
 *
 * HOOK for FHIR: a FHIR Bundle importer goes in IMPORTERS, before the JSON profile importer. It should call the
 * service's shared FHIR-to-profile translator (the same one `POST /referrals` and the CLI use), so the form shows
 * exactly what the API would screen, and return what it did not use in `notes` for the physician to see.
 */

export interface ProfileImport {
  readonly profile: Record<string, unknown>;
  /** Things the importer wants the physician to know (values it could not use). */
  readonly notes: readonly string[];
}

export interface ProfileImporter {
  readonly id: string;
  readonly accepts: (document: unknown) => boolean;
  readonly read: (document: unknown) => ProfileImport;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A profile as the API takes it, alone or as the body of `POST /referrals` (`{ trialId, profile, ... }`). */
export const jsonProfileImporter: ProfileImporter = {
  id: 'json-profile',
  accepts: (document) => isObject(document) && !('resourceType' in document),
  read: (document) => {
    const object = document as Record<string, unknown>;
    const profile = 'profile' in object && 'trialId' in object && isObject(object['profile']) ? object['profile'] : object;
    return { profile, notes: [] };
  },
};

export const IMPORTERS: readonly ProfileImporter[] = [jsonProfileImporter];

/** The profile file size limit: the API's body limit. */
export const MAX_PROFILE_FILE_BYTES = 64 * 1024;

export type ImportOutcome =
  | { readonly kind: 'loaded'; readonly result: ProfileImport }
  | { readonly kind: 'not-json' }
  | { readonly kind: 'too-large' }
  /** A document no importer reads yet (a FHIR Bundle until its importer is added). */
  | { readonly kind: 'unsupported'; readonly resourceType?: string };

export function importProfileText(text: string, importers: readonly ProfileImporter[] = IMPORTERS): ImportOutcome {
  if (new TextEncoder().encode(text).length > MAX_PROFILE_FILE_BYTES) return { kind: 'too-large' };
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return { kind: 'not-json' };
  }
  const importer = importers.find((candidate) => candidate.accepts(document));
  if (!importer) {
    const resourceType = isObject(document) && typeof document['resourceType'] === 'string' ? document['resourceType'] : undefined;
    return resourceType === undefined ? { kind: 'unsupported' } : { kind: 'unsupported', resourceType };
  }
  return { kind: 'loaded', result: importer.read(document) };
}
