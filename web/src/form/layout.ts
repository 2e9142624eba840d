/**
 * How the referral form is arranged: the sections a haematologist expects, in the order they think of a patient,
 * each listing the parts of the profile schema it shows. A test checks that every part of the schema appears in
 * exactly one section, so a new profile field cannot be left out of the form.
 */
export const SECTION_IDS = [
  'patient',
  'diagnosis',
  'blastsCd7',
  'performance',
  'labs',
  'heart',
  'infections',
  'history',
  'priorTherapy',
  'consent',
] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export interface SectionLayout {
  readonly id: SectionId;
  /** Schema paths (dotted, without array indexes) shown in this section, in this order. */
  readonly paths: readonly string[];
}

export const FORM_SECTIONS: readonly SectionLayout[] = [
  { id: 'patient', paths: ['demographics'] },
  { id: 'diagnosis', paths: ['diagnosis', 'diseaseStatus'] },
  { id: 'blastsCd7', paths: ['blasts', 'cd7'] },
  { id: 'performance', paths: ['ecog', 'karnofsky', 'lansky', 'lifeExpectancy'] },
  { id: 'labs', paths: ['labs'] },
  { id: 'heart', paths: ['cardiac'] },
  { id: 'infections', paths: ['infections', 'serology', 'history.hivInfection'] },
  {
    id: 'history',
    paths: [
      'history.solidOrganTransplant',
      'history.severePulmonaryDysfunction',
      'history.severeAutoimmuneDisease',
      'history.congenitalImmunodeficiency',
    ],
  },
  { id: 'priorTherapy', paths: ['priorTherapy'] },
  { id: 'consent', paths: ['consent'] },
];

/** What the schema cannot say about how a field is entered. */
export interface FieldHint {
  /** Step of a number input (Karnofsky and Lansky are scored in tens). */
  readonly step?: number;
  /** The choice used when the physician fills the group without choosing (the unit most labs in China report). */
  readonly defaultOption?: string;
  /** An empty list is a statement ("no prior CAR-T"), offered as its own checkbox. */
  readonly emptyListMeansNone?: boolean;
}

export const FIELD_HINTS: Readonly<Record<string, FieldHint>> = {
  'karnofsky.score': { step: 10 },
  'lansky.score': { step: 10 },
  'lifeExpectancy.unit': { defaultOption: 'mo' },
  'priorTherapy.carT': { emptyListMeansNone: true },
};
