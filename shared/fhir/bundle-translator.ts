/**
 * FHIR R4 Bundle → the PatientProfile the engine screens, with provenance and the list of what was not used. This
 * is the edge the architecture names: the engine never sees FHIR. Pure: no I/O, no clock.
 *
 * Whose data: a bundle holds one patient. Resources whose `subject` resolves to that Patient (by fullUrl or Type/id)
 * or that have no subject are read; a subject that resolves to nothing in the bundle, or to another Patient, is not.
 * A bundle with two different Patients is refused (422): screening two people as one would be worse than screening
 * neither. A bundle without a Patient is read as one patient's data when all its subjects agree.
 */
import type { BundleChecks } from './bundle-checks.js';
import type { Condition, Observation, Patient, Procedure } from './bundle-schema.js';
import { labels } from './codings.js';
import { mapDiagnosis, readCondition, type ConditionFinding } from './map-conditions.js';
import { mapObservation } from './map-observations.js';
import { mapPatient } from './map-patient.js';
import { ProfileBuilder } from './profile-builder.js';
import { BundleRejected, readBundle, type ReadEntry } from './read-bundle.js';
import { BundleIndex } from './references.js';
import type { BundleTranslation, EntryRef } from './translation.js';

const refOf = (entry: ReadEntry): EntryRef => ({
  entry: entry.index,
  resourceType: entry.resourceType,
  ...(entry.id === undefined ? {} : { id: entry.id }),
  ...(entry.fullUrl === undefined ? {} : { fullUrl: entry.fullUrl }),
});

type WithSubject = Condition | Observation | Procedure;

/** The translation, each part and value decided by `checks` (bundle-checks.ts; translate-bundle.ts chooses them). */
export function translateBundleWith(json: unknown, checks: BundleChecks): BundleTranslation {
  const bundle = readBundle(json, checks);
  const builder = new ProfileBuilder(checks);
  const index = new BundleIndex(bundle.entries);
  const patients = bundle.entries.filter((entry) => entry.resourceType === 'Patient');
  if (patients.length > 1) {
    throw new BundleRejected(
      422,
      `the Bundle holds ${patients.length} Patient resources: send one patient per Bundle`,
      patients.slice(1).map((entry) => ({ field: `entry[${entry.index}].resource`, message: 'a second Patient; a Bundle must be about one patient' })),
    );
  }
  const patient = patients[0];
  // Without a Patient, the first subject seen is the patient; resources about anyone else are not read.
  let impliedSubject: string | undefined;

  const aboutThePatient = (entry: ReadEntry, resource: WithSubject): boolean => {
    const reference = resource.subject?.reference;
    if (reference === undefined) return true;
    if (patient !== undefined) {
      const target = index.resolve(reference);
      if (target === patient) return true;
      builder.reject({ source: refOf(entry), codings: labels([resource.code]) }, target === undefined ? 'subject-not-in-bundle' : 'other-patient');
      return false;
    }
    impliedSubject ??= reference;
    if (reference === impliedSubject) return true;
    builder.reject({ source: refOf(entry), codings: labels([resource.code]) }, 'other-patient');
    return false;
  };

  const conditions: ConditionFinding[] = [];
  for (const entry of bundle.entries) {
    const source = refOf(entry);
    const resource = entry.resource;
    if (resource === undefined) {
      builder.reject({ source, codings: [] }, entry.resourceType === 'none' ? 'no-resource' : entry.resourceType === 'Parameters' ? 'parameters' : 'resource-type');
      continue;
    }
    switch (resource.resourceType) {
      case 'Patient':
        mapPatient(source, resource as Patient, builder);
        break;
      case 'Condition':
        if (aboutThePatient(entry, resource)) {
          const finding = readCondition(source, resource, builder);
          if (finding) conditions.push(finding);
        }
        break;
      case 'Observation':
        if (aboutThePatient(entry, resource)) mapObservation(source, resource, builder);
        break;
      case 'Procedure':
        // No procedure code the criteria read has been verified against a primary source yet (see the README):
        // listed back so the physician sees what was not read, never guessed at.
        if (aboutThePatient(entry, resource)) builder.reject({ source, codings: labels([resource.code]) }, 'code-not-mapped');
        break;
    }
  }
  mapDiagnosis(conditions, builder);
  const { profile, provenance } = builder.build();
  return { profile, provenance, notUsed: [...builder.notUsed].sort((a, b) => a.source.entry - b.source.entry) };
}
