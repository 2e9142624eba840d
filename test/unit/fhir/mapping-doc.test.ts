/** docs/fhir-mapping.md lists exactly the Observation codes the translator acts on, with their sources. */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { SYSTEM } from '#fhir/code-systems.js';
import { OBSERVATION_CODES } from '#fhir/mapping-table.js';

const TARGETS: Record<string, string> = {
  hemoglobin: 'labs.hemoglobin',
  totalBilirubin: 'labs.totalBilirubin',
  ast: 'labs.ast',
  alt: 'labs.alt',
  blastsPeripheralBlood: 'blasts (peripheral-blood)',
  ecog: 'ecog',
  karnofsky: 'karnofsky',
  lansky: 'lansky',
  lvef: 'cardiac.lvef',
  qtc: 'cardiac.qtcMs',
  hbsAg: 'serology.hbsAg',
  antiHbc: 'serology.antiHbc',
  hbvDna: 'serology.hbvDna',
  antiHcv: 'serology.antiHcv',
  hcvRna: 'serology.hcvRna',
  hivAgAb: 'serology.hivAgAb',
  cd7AllCells: 'not used (cd7-denominator)',
};

it('the Observation table in docs/fhir-mapping.md is the mapping table', () => {
  const doc = readFileSync(new URL('../../../docs/fhir-mapping.md', import.meta.url), 'utf8');
  const table = /<!-- observation-codes:start -->\n([\s\S]*?)<!-- observation-codes:end -->/.exec(doc)?.[1] ?? '';
  const expected = [
    '| Code | System | Becomes | Checked against |',
    '|---|---|---|---|',
    ...OBSERVATION_CODES.map((c) => `| ${c.code} | ${c.system === SYSTEM.loinc ? 'LOINC' : 'NCIt'} | ${TARGETS[c.target] ?? '?'} | ${c.verifiedAt} |`),
  ];
  expect(table.trimEnd().split('\n')).toEqual(expected);
});
