/**
 * An analyte's accepted units, looked up per reported result. Built once per analyte from the UCUM-generated table
 * when a trial is compiled, so a screening does a Map lookup instead of an own-property check on the table.
 */
import { SUPPORTED_UNITS, type Analyte } from '#units/conversion-table.js';
import { canonicalFactor } from '#units/convert.js';

const tables = new Map<Analyte, ReadonlyMap<string, number>>();

/** Unit → how many canonical units one of it is; a unit the analyte does not accept is absent. */
export function unitFactors(analyte: Analyte): ReadonlyMap<string, number> {
  let table = tables.get(analyte);
  if (table === undefined) {
    const built = new Map<string, number>();
    for (const unit of Object.keys(SUPPORTED_UNITS[analyte])) {
      const factor = canonicalFactor(analyte, unit);
      if (factor !== undefined) built.set(unit, factor);
    }
    table = built;
    tables.set(analyte, table);
  }
  return table;
}
