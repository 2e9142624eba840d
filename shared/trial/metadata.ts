/** The parts of a trial definition that are about the trial, not its criteria. */

export interface TrialSite {
  /** Stable id used in URLs (`/sites/{siteId}/candidates`) and tokens. */
  readonly id: string;
  readonly name: string;
  readonly city: string;
  readonly region: string;
  readonly country: string;
  /** IANA time zone: screening dates (`asOf`) are calendar days here. */
  readonly timeZone: string;
}

export interface TrialMetadata {
  /** Registration number, e.g. NCT05212584. */
  readonly id: string;
  readonly title: string;
  readonly sponsor: string;
  readonly phase: string;
  /** The registry's brief summary, as written (FHIR ResearchStudy.description). */
  readonly summary?: string;
  /** The registry's study type (ClinicalTrials.gov "Study Type"). */
  readonly studyType?: string;
  readonly conditions: readonly string[];
  /** The status the registry shows (the record says UNKNOWN); the service's own open/paused state is stored. */
  readonly registryStatus: string;
  readonly targetEnrollment: number;
  readonly dose: { readonly min: number; readonly max: number; readonly unit: string; readonly schedule: string };
  readonly sites: readonly TrialSite[];
  /** Bumped whenever a criterion or parameter changes: referrals screened under an older version are rescreened. */
  readonly criteriaVersion: number;
}
