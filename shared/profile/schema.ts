/**
 * The patient profile a referring physician sends: the clinical facts the trial's criteria need, and the facts the
 * site asks first (prior transplant and CAR-T, CNS status, serology, who consented), and nothing that identifies
 * the patient beyond what screening requires (no name, no address, no free-text notes).
 *
 * Every clinical field is optional: absent means "unknown", never a default. The screening engine turns each
 * absence into a request for data.
 *
 * Written with `zod/mini` on purpose: handlers are cold-started, and zod/mini costs ~12 KB and ~6 ms of module
 * init where classic zod costs ~443 KB and ~29 ms (measured, see ARCHITECTURE.md).
 */
import * as z from 'zod/mini';
import { SUPPORTED_UNITS } from '#units/conversion-table.js';
import { finiteNumber, PLAUSIBLE_MAGNITUDE, plausibleMagnitude, rangeInOrder } from './refinements.js';

export { PLAUSIBLE_MAGNITUDE };

/** A calendar date, `YYYY-MM-DD`. Clinical results are dated by day; time of day never decides a criterion. */
export const IsoDate = z.iso.date();

/**
 * Check instances are shared by every field that uses them, and each number schema gets its checks in one `.check`
 * call: a zod/mini schema or check costs ~10 µs to construct at cold start, and `.check` builds a new schema (a
 * clone) each time. The checks run in the same order as before, so values, errors and JSON Schema are unchanged.
 */
const isFinite = z.refine<number>(finiteNumber, { message: 'must be a finite number' });
const finite = (...checks: z.core.$ZodCheck<number>[]) => z.number().check(isFinite, ...checks);

/**
 * Clinical quantities are 0 or between 1e-9 and 1e9: anything else is a unit or data-entry error. The bounds also
 * keep every accepted number storable: DynamoDB refuses magnitudes below 1e-130 or above 1e125 (the fuzzer found a
 * hemoglobin of 3e-323 reaching the table).
 */
const plausible = z.refine<number>(plausibleMagnitude, {
  message: `must be 0 or at least ${PLAUSIBLE_MAGNITUDE.min}`,
});
/** Says in the JSON Schema (the OpenAPI document) what `plausible` checks: nothing strictly between 0 and 1e-9. */
const documentedPlausible = <S extends z.ZodMiniType>(schema: S): S => {
  z.globalRegistry.add(schema, { not: { exclusiveMinimum: 0, exclusiveMaximum: PLAUSIBLE_MAGNITUDE.min } });
  return schema;
};
const atLeastZero = z.minimum(0);
const atMostPlausible = z.maximum(PLAUSIBLE_MAGNITUDE.max);
const atMostHundred = z.maximum(100);
const nonNegative = () => documentedPlausible(finite(atLeastZero, atMostPlausible, plausible));
const percent = () => documentedPlausible(finite(atLeastZero, atMostHundred, plausible));
/** Karnofsky and Lansky are scored in steps of 10 from 0 to 100. */
const tenStepScore = () => z.int().check(z.minimum(0), z.maximum(100), z.multipleOf(10));

/** Status of a condition as the physician reports it. `unknown` is allowed and means the same as leaving it out. */
export const ConditionStatus = z.enum(['present', 'absent', 'unknown']);
export type ConditionStatus = z.infer<typeof ConditionStatus>;

/** A reported condition: whether it is present, and when that was assessed (some criteria go stale). */
export const Condition = z.strictObject({
  status: ConditionStatus,
  /** When the physician last assessed this condition. Criteria about current states (infection) need it. */
  assessedOn: z.optional(IsoDate),
});
export type Condition = z.infer<typeof Condition>;

/** A condition whose date of occurrence matters (myocardial infarction "within the past 12 months"). */
export const DatedCondition = z.strictObject({
  status: ConditionStatus,
  assessedOn: z.optional(IsoDate),
  /** Date of the most recent occurrence, when present. */
  mostRecentOn: z.optional(IsoDate),
});
export type DatedCondition = z.infer<typeof DatedCondition>;

/**
 * The units accepted for an analyte, as an enum (so the OpenAPI document and the web form list them). Never `unit in
 * table`: that walks the prototype chain, and `constructor` or `toString` would pass as units.
 */
const unitOf = (analyte: keyof typeof SUPPORTED_UNITS) => {
  const units = Object.keys(SUPPORTED_UNITS[analyte]) as [string, ...string[]];
  return z.enum(units, { error: `unit must be one of: ${units.join(', ')} (UCUM codes)` });
};

/** A quantity with a UCUM unit, as a lab reports it. */
const quantityOf = (analyte: keyof typeof SUPPORTED_UNITS) =>
  z.strictObject({ value: nonNegative(), unit: unitOf(analyte) });

/** A lab result: value, UCUM unit, the date of the specimen, and the lab's own upper limit of normal. */
const labResultOf = (analyte: keyof typeof SUPPORTED_UNITS) =>
  z.strictObject({
    value: nonNegative(),
    unit: unitOf(analyte),
    date: IsoDate,
    /** The reporting lab's upper limit of normal, in any supported unit for this analyte. */
    upperLimitOfNormal: z.optional(quantityOf(analyte)),
  });

export const HemoglobinResult = z.strictObject({
  value: nonNegative(),
  unit: unitOf('hemoglobin'),
  date: IsoDate,
  /** The value was measured after a transfusion. The record allows it ("can be transfused"). */
  transfused: z.optional(z.boolean()),
});

export const BlastMeasurement = z.strictObject({
  specimen: z.enum(['peripheral-blood', 'bone-marrow']),
  percent: percent(),
  date: IsoDate,
  method: z.optional(z.enum(['morphology', 'flow-cytometry'])),
});
export type BlastMeasurement = z.infer<typeof BlastMeasurement>;

/** One CD7 result: the share of leukemic blasts (not of all cells) that express CD7, by one method. */
export const Cd7Result = z.strictObject({
  /** % of leukemic blasts expressing CD7. */
  percent: percent(),
  method: z.enum(['flow-cytometry', 'immunohistochemistry']),
  date: IsoDate,
  specimen: z.optional(z.enum(['peripheral-blood', 'bone-marrow', 'tissue'])),
});
export type Cd7Result = z.infer<typeof Cd7Result>;

/** A dated score on a performance scale. */
const ecogAssessment = z.strictObject({ score: z.int().check(z.minimum(0), z.maximum(5)), date: IsoDate });
const tenStepAssessment = z.strictObject({ score: tenStepScore(), date: IsoDate });

/** A code from a terminology (ICD-O-3, ICD-10, SNOMED CT), kept as reported; rules read `type`, not codes. */
export const Coding = z.strictObject({
  system: z.string().check(z.minLength(1), z.maxLength(200)),
  code: z.string().check(z.minLength(1), z.maxLength(64)),
  display: z.optional(z.string().check(z.maxLength(200))),
});

/** A qualitative test result (HBsAg, anti-HBc, anti-HCV), dated by specimen. */
export const QualitativeResult = z.strictObject({ result: z.enum(['positive', 'negative']), date: IsoDate });
export type QualitativeResult = z.infer<typeof QualitativeResult>;

/**
 * A nucleic-acid test (HBV DNA, HCV RNA, CMV DNA, EBV DNA): whether the target was detected, and the load when
 * quantified. Copies and IU are assay-specific, so loads are shown as reported, never converted.
 */
export const NucleicAcidResult = z.strictObject({
  detected: z.boolean(),
  value: z.optional(nonNegative()),
  unit: z.optional(z.enum(['{copies}/mL', '[IU]/mL'])),
  date: IsoDate,
});
export type NucleicAcidResult = z.infer<typeof NucleicAcidResult>;

/** An HIV antigen/antibody screening test; a reactive result counts once confirmed (differentiation assay, RNA). */
export const HivScreeningResult = z.strictObject({
  result: z.enum(['reactive', 'non-reactive']),
  date: IsoDate,
  /** A reactive screen was confirmed by a supplementary test. */
  confirmed: z.optional(z.boolean()),
});
export type HivScreeningResult = z.infer<typeof HivScreeningResult>;

export const PatientProfile = z.strictObject({
  demographics: z.optional(
    z.strictObject({
      birthDate: z.optional(IsoDate),
      /**
       * A birth date known only to the year or month (FHIR allows `1990` and `1990-05`): the earliest and latest day
       * of birth it allows. Read only when `birthDate` is absent; the age criterion is decided when every day in the
       * range gives the same answer, and otherwise asks for the full date.
       */
      birthDateRange: z.optional(
        z
          .strictObject({ earliest: IsoDate, latest: IsoDate })
          .check(z.refine(rangeInOrder, { message: 'earliest must not be after latest' })),
      ),
      sex: z.optional(z.enum(['female', 'male', 'other', 'unknown'])),
      /** Body weight, for dose planning (the trial doses CAR-T cells per kg). */
      weight: z.optional(z.strictObject({ value: nonNegative(), unit: unitOf('weight'), date: z.optional(IsoDate) })),
    }),
  ),
  diagnosis: z.optional(
    z.strictObject({
      type: z.enum(['T-ALL', 'T-LBL', 'other']),
      classification: z.optional(z.enum(['WHO-2008', 'WHO-2016', 'WHO-2022', 'ICC-2022', 'other'])),
      coding: z.optional(z.array(Coding).check(z.maxLength(10))),
      diagnosedOn: z.optional(IsoDate),
    }),
  ),
  diseaseStatus: z.optional(
    z.strictObject({
      status: z.enum(['primary-refractory', 'relapsed', 'in-remission', 'newly-diagnosed']),
      /** Date the status was established (end of induction for refractory disease, date of relapse). */
      since: z.optional(IsoDate),
      /** Measurable extramedullary disease (imaging: a mediastinal mass, nodes), in either lineage. */
      extramedullaryDisease: z.optional(
        z.strictObject({
          status: ConditionStatus,
          assessedOn: z.optional(IsoDate),
          sites: z.optional(
            z.array(z.enum(['mediastinum', 'lymph-nodes', 'cns', 'testis', 'skin', 'bone', 'other'])).check(z.maxLength(7)),
          ),
        }),
      ),
      /** CNS status by cerebrospinal fluid: CNS1 (no blasts), CNS2 (blasts, < 5 WBC/µL), CNS3 (≥ 5 WBC/µL or signs). */
      cns: z.optional(z.strictObject({ status: z.enum(['CNS1', 'CNS2', 'CNS3']), assessedOn: z.optional(IsoDate) })),
    }),
  ),
  blasts: z.optional(z.array(BlastMeasurement).check(z.maxLength(50))),
  /** One CD7 result, or several (flow cytometry and immunohistochemistry can disagree). */
  cd7: z.optional(z.union([Cd7Result, z.array(Cd7Result).check(z.minLength(1), z.maxLength(20))])),
  ecog: z.optional(ecogAssessment),
  /** Karnofsky performance status (patients 16 and older; also accepted for children). */
  karnofsky: z.optional(tenStepAssessment),
  /** Lansky play-performance scale, for patients under 16. */
  lansky: z.optional(tenStepAssessment),
  lifeExpectancy: z.optional(
    z.strictObject({ value: nonNegative(), unit: unitOf('duration'), assessedOn: z.optional(IsoDate) }),
  ),
  labs: z.optional(
    z.strictObject({
      hemoglobin: z.optional(HemoglobinResult),
      totalBilirubin: z.optional(labResultOf('totalBilirubin')),
      ast: z.optional(labResultOf('aminotransferase')),
      alt: z.optional(labResultOf('aminotransferase')),
    }),
  ),
  consent: z.optional(
    z.strictObject({
      /** Trial consent (not the pre-screening attestation): only the site can confirm a signed consent. */
      status: z.enum(['signed', 'declined', 'pending']),
      date: z.optional(IsoDate),
      /** Who signed: the patient, or a guardian (for a minor, with the child's assent where the child can give it). */
      signedBy: z.optional(z.enum(['patient', 'guardian', 'patient-and-guardian'])),
      assent: z.optional(z.enum(['given', 'declined', 'not-applicable'])),
    }),
  ),
  history: z.optional(
    z.strictObject({
      solidOrganTransplant: z.optional(Condition),
      severePulmonaryDysfunction: z.optional(Condition),
      severeAutoimmuneDisease: z.optional(Condition),
      congenitalImmunodeficiency: z.optional(Condition),
      hivInfection: z.optional(Condition),
    }),
  ),
  /** Prior therapy the site asks about first. Not a solid organ transplant: an HSCT never counts as one. */
  priorTherapy: z.optional(
    z.strictObject({
      allogeneicHsct: z.optional(
        z.strictObject({
          status: ConditionStatus,
          /** Date of the most recent allogeneic transplant. */
          date: z.optional(IsoDate),
          donor: z.optional(
            z.enum(['matched-sibling', 'matched-unrelated', 'mismatched-unrelated', 'haploidentical', 'cord-blood', 'other']),
          ),
        }),
      ),
      /** Graft-versus-host disease now, with its grade (acute: I-IV). */
      activeGvhd: z.optional(
        z.strictObject({
          status: ConditionStatus,
          grade: z.optional(z.enum(['I', 'II', 'III', 'IV'])),
          assessedOn: z.optional(IsoDate),
        }),
      ),
      /** Prior CAR-T infusions; an empty list says there were none. */
      carT: z.optional(
        z
          .array(z.strictObject({ target: z.enum(['CD7', 'CD5', 'CD19', 'CD22', 'other']), date: z.optional(IsoDate) }))
          .check(z.maxLength(10)),
      ),
      /** Any prior CD7-directed therapy (CD7 CAR-T, anti-CD7 antibody or conjugate). */
      cd7Directed: z.optional(z.strictObject({ status: ConditionStatus, date: z.optional(IsoDate) })),
    }),
  ),
  cardiac: z.optional(
    z.strictObject({
      atrialFibrillation: z.optional(
        z.strictObject({
          status: ConditionStatus,
          assessedOn: z.optional(IsoDate),
          /** Paroxysmal AF that is not ongoing is told apart from persistent or permanent AF by its last episode. */
          pattern: z.optional(z.enum(['paroxysmal', 'persistent', 'permanent'])),
          lastEpisodeOn: z.optional(IsoDate),
        }),
      ),
      myocardialInfarction: z.optional(DatedCondition),
      qtProlongation: z.optional(Condition),
      /** Corrected QT interval in milliseconds, from the most recent ECG. */
      qtcMs: z.optional(z.strictObject({ value: finite(z.minimum(200), z.maximum(800)), date: IsoDate })),
      pericardialEffusion: z.optional(Condition),
      /** Cardiac insufficiency (heart failure): asked before its NYHA class. */
      heartFailure: z.optional(Condition),
      nyhaClass: z.optional(z.strictObject({ value: z.enum(['I', 'II', 'III', 'IV']), assessedOn: z.optional(IsoDate) })),
      /** Left ventricular ejection fraction (echocardiography), for the site; the record sets no LVEF limit. */
      lvef: z.optional(z.strictObject({ percent: percent(), date: IsoDate })),
    }),
  ),
  infections: z.optional(
    z.strictObject({
      uncontrolledInfection: z.optional(Condition),
      activeHepatitis: z.optional(Condition),
      /** Clinically significant viral infection or uncontrollable viral reactivation (EBV, CMV, ...). */
      significantViralInfection: z.optional(Condition),
    }),
  ),
  /** Structured serology and viral loads; the hepatitis, HIV and viral-infection criteria are derived from them. */
  serology: z.optional(
    z.strictObject({
      hbsAg: z.optional(QualitativeResult),
      antiHbc: z.optional(QualitativeResult),
      hbvDna: z.optional(NucleicAcidResult),
      antiHcv: z.optional(QualitativeResult),
      hcvRna: z.optional(NucleicAcidResult),
      hivAgAb: z.optional(HivScreeningResult),
      cmvDna: z.optional(NucleicAcidResult),
      ebvDna: z.optional(NucleicAcidResult),
    }),
  ),
});
export type PatientProfile = z.infer<typeof PatientProfile>;
