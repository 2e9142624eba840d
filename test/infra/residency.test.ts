/**
 * Where the data may live is decided from the trial definitions' sites (never a copy of them), and a region outside
 * their jurisdiction needs a declared legal basis.
 */
import { describe, expect, it } from 'vitest';
import { TRIALS } from '#trial/registry.js';
import { CHINA, decideResidency, jurisdictionOf, siteCountries } from '#infra/stack/residency.js';

describe('data residency', () => {
  it('reads the sites\' countries from the trial definitions', () => {
    expect(siteCountries()).toEqual([...new Set(TRIALS.flatMap((trial) => trial.sites.map((site) => site.country)))]);
    expect(siteCountries()).toContain('China');
    expect(jurisdictionOf('China')).toBe(CHINA);
  });

  it('accepts both AWS China regions for a Chinese site, with no flag', () => {
    for (const region of ['cn-north-1', 'cn-northwest-1']) {
      expect(decideResidency(region, undefined, ['China'])).toEqual({ jurisdictions: [CHINA], crossBorderTransfer: undefined });
    }
  });

  it('refuses any other region without a declared basis, naming the law, the regions inside and the flag', () => {
    for (const region of ['us-east-1', 'ap-east-1', 'eu-central-1']) {
      expect(() => decideResidency(region, undefined, ['China'])).toThrow(
        /PIPL[\s\S]*cn-north-1 \(Beijing\) or cn-northwest-1 \(Ningxia\)[\s\S]*-c crossBorderTransfer=/,
      );
    }
  });

  it('accepts a region abroad only on one of the three bases of PIPL art. 38', () => {
    for (const basis of CHINA.transferBases) {
      expect(decideResidency('us-east-1', basis, ['China']).crossBorderTransfer).toBe(basis);
    }
    expect(CHINA.transferBases).toHaveLength(3);
    expect(() => decideResidency('us-east-1', 'true', ['China'])).toThrow(/not a basis/);
    expect(() => decideResidency('us-east-1', 'yes-please', ['China'])).toThrow(/cac-standard-contract/);
  });

  it('fails closed for a country without a rule', () => {
    expect(() => decideResidency('eu-central-1', undefined, ['Germany'])).toThrow(/Germany.*no data-residency rule/);
  });
});
