/**
 * Where patients' data may live. The deployment region must lie in the jurisdiction of every site whose patients
 * the stack screens (the sites come from the trial definitions, shared/trial/registry.ts): the data of a Chinese
 * site's patients stays in an AWS China region unless the operator states, with an explicit flag, the legal basis
 * on which it may leave (PIPL arts. 38-40).
 *
 * A country without a rule here fails the synth: a new site abroad is a legal question before it is a deploy.
 */
import { TRIALS } from '#trial/registry.js';

export interface Jurisdiction {
  /** The country, as the trial definitions spell it (`TrialSite.country`). */
  readonly country: string;
  /** The law that restricts moving its residents' personal information abroad. */
  readonly law: string;
  /** Whether an AWS region is inside the jurisdiction. */
  readonly contains: (region: string) => boolean;
  /** Where inside the jurisdiction a deployment can go, for the error message. */
  readonly regionsInside: string;
  /** The legal bases the law accepts for a transfer abroad: the values `crossBorderTransfer` may take. */
  readonly transferBases: readonly string[];
}

/**
 * PIPL art. 38 allows personal information to leave China on one of three bases (a CAC security assessment, a
 * personal-information-protection certification, or the CAC standard contract), each with the individuals'
 * separate consent (art. 39); art. 40 requires critical-information-infrastructure operators and large handlers
 * to keep it in China and pass the CAC assessment. Health data is sensitive personal information (art. 28).
 */
export const CHINA: Jurisdiction = {
  country: 'China',
  law: 'PIPL (Personal Information Protection Law of the PRC), arts. 28 and 38-40',
  // AWS China: Beijing (cn-north-1) and Ningxia (cn-northwest-1), the aws-cn partition.
  contains: (region) => region.startsWith('cn-'),
  regionsInside: 'cn-north-1 (Beijing) or cn-northwest-1 (Ningxia)',
  transferBases: ['cac-security-assessment', 'pi-protection-certification', 'cac-standard-contract'],
};

export const JURISDICTIONS: readonly Jurisdiction[] = [CHINA];

export interface ResidencyDecision {
  /** The jurisdictions of the screened trials' sites. */
  readonly jurisdictions: readonly Jurisdiction[];
  /** Absent when the region lies inside every jurisdiction; otherwise the basis the operator declared. */
  readonly crossBorderTransfer: string | undefined;
}

/** The countries of every site of every screened trial, read from the trial definitions. */
export function siteCountries(): readonly string[] {
  return [...new Set(TRIALS.flatMap((trial) => trial.sites.map((site) => site.country)))];
}

export function jurisdictionOf(country: string): Jurisdiction {
  const jurisdiction = JURISDICTIONS.find((candidate) => candidate.country === country);
  if (jurisdiction === undefined) {
    throw new Error(
      `a trial site is in ${country}, for which infra/stack/residency.ts has no data-residency rule: add the ` +
        "country's rule (which regions are inside it, which legal bases allow a transfer abroad) before deploying",
    );
  }
  return jurisdiction;
}

/**
 * Accepts the region when it lies inside every site's jurisdiction. Otherwise it needs `crossBorderTransfer`, naming
 * a legal basis that every jurisdiction the region lies outside accepts; anything else refuses the synth.
 */
export function decideResidency(
  region: string,
  crossBorderTransfer: string | undefined,
  countries: readonly string[] = siteCountries(),
): ResidencyDecision {
  const jurisdictions = countries.map(jurisdictionOf);
  const outside = jurisdictions.filter((jurisdiction) => !jurisdiction.contains(region));
  if (outside.length === 0) return { jurisdictions, crossBorderTransfer: undefined };
  if (crossBorderTransfer === undefined) {
    const where = outside.map((jurisdiction) => `${jurisdiction.country} (${jurisdiction.law})`).join(', ');
    throw new Error(
      `refusing to deploy patients' data to ${region}: the trial sites' jurisdiction is ${where}, so the data must ` +
        `stay in ${outside.map((jurisdiction) => jurisdiction.regionsInside).join(' / ')}. If the transfer abroad ` +
        'has a legal basis, declare it with -c crossBorderTransfer=<basis>, one of: ' +
        `${[...new Set(outside.flatMap((jurisdiction) => jurisdiction.transferBases))].join(', ')} (RUNBOOK.md §1, "Residency")`,
    );
  }
  for (const jurisdiction of outside) {
    if (!jurisdiction.transferBases.includes(crossBorderTransfer)) {
      throw new Error(
        `crossBorderTransfer=${crossBorderTransfer} is not a basis ${jurisdiction.law} accepts for moving data ` +
          `out of ${jurisdiction.country}; use one of: ${jurisdiction.transferBases.join(', ')}`,
      );
    }
  }
  return { jurisdictions, crossBorderTransfer };
}
