/**
 * Generates shared/units/conversion-table.ts from UCUM (@lhncbc/ucum-lhc).
 *
 * Why generated: ucum-lhc costs ~33 ms to load and ~3 µs per conversion. Lambda handlers are cold-started and the
 * screening loop must stay in the microseconds, so the factors are computed here, once, by UCUM itself, and a test
 * (test/unit/units/conversion-table.test.ts) regenerates them and fails if the committed table drifts.
 *
 * Run: npm run generate:units
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UNIT_SPECS, renderUnitTable } from './unit-specs.js';

const target = fileURLToPath(new URL('../shared/units/conversion-table.ts', import.meta.url));
writeFileSync(target, renderUnitTable(UNIT_SPECS));
console.log(`wrote ${target}`);
