/** The committed unit table is what UCUM computes today, and the conversions the criteria rely on hold. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UNIT_SPECS, renderUnitTable } from '#scripts/unit-specs.js';
import { SUPPORTED_UNITS } from '#units/conversion-table.js';
import { canonicalFactor } from '#units/convert.js';

describe('conversion table', () => {
  it('matches a fresh generation from UCUM (run `npm run generate:units` if this fails)', () => {
    const committed = readFileSync(new URL('../../../shared/units/conversion-table.ts', import.meta.url), 'utf8');
    expect(committed).toBe(renderUnitTable(UNIT_SPECS));
  });
  it.each([
    ['hemoglobin', 'g/dL', 10],
    ['hemoglobin', 'mmol/L', 16.1145],
    ['totalBilirubin', 'mg/dL', 17.1039578558],
    ['totalBilirubin', 'µmol/L', 1],
    ['aminotransferase', 'ukat/L', 60],
    ['aminotransferase', 'IU/L', 1],
    ['duration', 'wk', 7],
    ['duration', 'mo', 30.4375],
    ['weight', 'lb', 0.45359237],
  ] as const)('%s: 1 %s is %s canonical units', (analyte, unit, factor) => {
    expect(canonicalFactor(analyte, unit)).toBeCloseTo(factor, 9);
  });
  it('rejects units an analyte does not accept, and inherited property names', () => {
    expect(canonicalFactor('hemoglobin', 'mg/dL')).toBeUndefined();
    expect(canonicalFactor('hemoglobin', 'toString')).toBeUndefined();
    expect(Object.keys(SUPPORTED_UNITS.aminotransferase)).not.toContain('[IU]/L');
  });
});
