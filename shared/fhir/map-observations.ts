/**
 * Observations → profile values, by the codes of mapping-table.ts. Units come from `valueQuantity.code` (UCUM),
 * never from the display `unit`; the lab's upper limit of normal from `referenceRange.high`; the date from
 * `effective[x]` to the day. Anything that does not meet that is listed back as not used, with the reason.
 */
import type { Observation, Quantity } from './bundle-schema.js';
import { SYSTEM } from './code-systems.js';
import { codingsOf, labels, observationDate, polarityOf } from './codings.js';
import { observationCode } from './mapping-table.js';
import type { Candidate, ProfileBuilder } from './profile-builder.js';
import type { EntryRef } from './translation.js';

const FINAL_STATUSES = new Set(['final', 'amended', 'corrected']);
const NAT_UNITS = new Set(['[IU]/mL', '{copies}/mL']);

const ULN_FIELDS = { totalBilirubin: 'labs.totalBilirubin', ast: 'labs.ast', alt: 'labs.alt' } as const;
const SCORE_FIELDS = { ecog: 'ecog', karnofsky: 'karnofsky', lansky: 'lansky' } as const;
const QUALITATIVE_FIELDS = { hbsAg: 'serology.hbsAg', antiHbc: 'serology.antiHbc', antiHcv: 'serology.antiHcv' } as const;
const NAT_FIELDS = { hbvDna: 'serology.hbvDna', hcvRna: 'serology.hcvRna' } as const;

/** A quantity's UCUM code, or why it cannot be read as a measurement. */
function ucumQuantity(quantity: Quantity | undefined): { value: number; unit: string } | 'no-value' | 'comparator' | 'no-ucum-code' {
  if (quantity?.value === undefined) return 'no-value';
  if (quantity.comparator !== undefined) return 'comparator';
  if (quantity.code === undefined || (quantity.system !== undefined && quantity.system !== SYSTEM.ucum)) return 'no-ucum-code';
  return { value: quantity.value, unit: quantity.code };
}

export function mapObservation(source: EntryRef, observation: Observation, builder: ProfileBuilder): void {
  const codings = labels([observation.code]);
  const at = `Bundle.entry[${source.entry}].resource`;
  const mapped = codingsOf(observation.code)
    .map((coding) => observationCode(coding.system, coding.code))
    .find((entry) => entry !== undefined);
  if (mapped === undefined) return builder.reject({ source, codings }, 'code-not-mapped');
  if (mapped.target === 'cd7AllCells') return builder.reject({ source, codings }, 'cd7-denominator');
  if (!FINAL_STATUSES.has(observation.status)) return builder.reject({ source, codings }, 'status');
  const dated = observationDate(observation);
  if (dated.kind === 'undated') return builder.reject({ source, codings }, 'undated');
  if (dated.kind === 'imprecise') return builder.reject({ source, codings }, 'imprecise-date');
  const day = dated.day;
  const candidate = (element: string, note?: Candidate['note']): Candidate => {
    const shown = note ?? (dated.fromPeriodStart ? 'period-start' : undefined);
    return {
      source,
      codings: [`${mapped.system === SYSTEM.loinc ? 'LOINC' : 'NCIt'} ${mapped.code}`],
      path: `${at}.${element}`,
      ...(shown === undefined ? {} : { note: shown }),
    };
  };
  const quantity = () => {
    const read = ucumQuantity(observation.valueQuantity);
    if (typeof read === 'string') builder.reject({ source, codings }, read);
    return typeof read === 'string' ? undefined : read;
  };

  const target = mapped.target;
  switch (target) {
    case 'hemoglobin': {
      const q = quantity();
      if (q) builder.set('labs.hemoglobin', { value: q.value, unit: q.unit, date: day }, day, candidate('valueQuantity'));
      return;
    }
    case 'totalBilirubin':
    case 'ast':
    case 'alt': {
      const q = quantity();
      if (!q) return;
      const high = observation.referenceRange?.find((range) => range.high?.value !== undefined)?.high;
      const highUnit = high?.code ?? (high?.system === undefined ? q.unit : undefined);
      const uln = high?.value !== undefined && high.comparator === undefined && highUnit !== undefined ? { value: high.value, unit: highUnit } : undefined;
      const note = uln !== undefined && high?.code === undefined ? 'uln-unit-from-value' : undefined;
      builder.set(
        ULN_FIELDS[target],
        { value: q.value, unit: q.unit, date: day, ...(uln ? { upperLimitOfNormal: uln } : {}) },
        day,
        candidate('valueQuantity', note),
      );
      return;
    }
    case 'blastsPeripheralBlood': {
      const q = quantity();
      if (!q) return;
      if (q.unit !== '%') return builder.reject({ source, codings }, 'invalid-value', 'a blast count must be a percentage (UCUM "%")');
      builder.add('blasts', { specimen: 'peripheral-blood', percent: q.value, date: day }, day, candidate('valueQuantity'), 50);
      return;
    }
    case 'ecog':
    case 'karnofsky':
    case 'lansky': {
      if (observation.valueInteger === undefined) return builder.reject({ source, codings }, 'no-value');
      builder.set(SCORE_FIELDS[target], { score: observation.valueInteger, date: day }, day, candidate('valueInteger'));
      return;
    }
    case 'lvef': {
      const q = quantity();
      if (!q) return;
      if (q.unit !== '%') return builder.reject({ source, codings }, 'invalid-value', 'an ejection fraction must be a percentage (UCUM "%")');
      builder.set('cardiac.lvef', { percent: q.value, date: day }, day, candidate('valueQuantity'));
      return;
    }
    case 'qtc': {
      const q = quantity();
      if (!q) return;
      const ms = q.unit === 'ms' ? q.value : q.unit === 's' ? q.value * 1000 : undefined;
      if (ms === undefined) return builder.reject({ source, codings }, 'invalid-value', 'a QTc must be in ms or s (UCUM "ms", "s")');
      builder.set('cardiac.qtcMs', { value: ms, date: day }, day, candidate('valueQuantity'));
      return;
    }
    case 'hbsAg':
    case 'antiHbc':
    case 'antiHcv': {
      const read = polarityOf(observation);
      if (!read) return builder.reject({ source, codings }, 'result-not-recognised');
      builder.set(QUALITATIVE_FIELDS[target], { result: read.polarity, date: day }, day, candidate(read.element));
      return;
    }
    case 'hivAgAb': {
      const read = polarityOf(observation);
      if (!read) return builder.reject({ source, codings }, 'result-not-recognised');
      const result = read.polarity === 'positive' ? 'reactive' : 'non-reactive';
      builder.set('serology.hivAgAb', { result, date: day }, day, candidate(read.element));
      return;
    }
    case 'hbvDna':
    case 'hcvRna': {
      const field = NAT_FIELDS[target];
      if (observation.valueQuantity !== undefined) {
        const q = quantity();
        if (!q) return;
        if (!NAT_UNITS.has(q.unit)) return builder.reject({ source, codings }, 'invalid-value', 'a viral load must be in [IU]/mL or {copies}/mL');
        const value = q.value === 0 ? { detected: false, date: day } : { detected: true, value: q.value, unit: q.unit, date: day };
        builder.set(field, value, day, candidate('valueQuantity'));
        return;
      }
      const read = polarityOf(observation);
      if (!read) return builder.reject({ source, codings }, 'result-not-recognised');
      builder.set(field, { detected: read.polarity === 'positive', date: day }, day, candidate(read.element));
      return;
    }
  }
}
