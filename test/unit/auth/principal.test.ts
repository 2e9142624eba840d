import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { groupsFromClaim, principalFromClaims, type Claims } from '#auth/principal.js';

describe('principalFromClaims', () => {
  it('reads the claims as API Gateway passes them: strings, groups flattened to "[a b]"', () => {
    expect(
      principalFromClaims({
        sub: 'coord-wang',
        'cognito:groups': '[coordinator]',
        'custom:site_id': 'hebei-yanda-ludaopei',
        exp: '1795617276',
        token_use: 'id',
      }),
    ).toEqual({ sub: 'coord-wang', roles: ['coordinator'], siteId: 'hebei-yanda-ludaopei' });
    expect(principalFromClaims({ sub: 'u1', 'cognito:groups': '[physician coordinator]' })?.roles).toEqual(['physician', 'coordinator']);
  });

  it('reads the same claims as a real array', () => {
    expect(principalFromClaims({ sub: 'dr-li', 'cognito:groups': ['physician'], exp: 1795617276 })).toEqual({ sub: 'dr-li', roles: ['physician'] });
    expect(principalFromClaims({ sub: 'u1', 'cognito:groups': ['physician', 'coordinator'] })?.roles).toEqual(['physician', 'coordinator']);
  });

  it('ignores groups it does not know and repeated ones', () => {
    expect(principalFromClaims({ sub: 'u1', 'cognito:groups': '[admin physician us-east-1_abc_Google physician]' })?.roles).toEqual(['physician']);
    expect(principalFromClaims({ sub: 'u1', 'cognito:groups': ['Physician', 'admins'] })?.roles).toEqual([]);
  });

  it('gives a principal without roles when the groups are missing or oddly shaped', () => {
    for (const groups of [undefined, '', '[]', '[ ]', 7, true, 'physicians'] as const) {
      const claims: Claims = groups === undefined ? { sub: 'u1' } : { sub: 'u1', 'cognito:groups': groups };
      expect(principalFromClaims(claims)).toEqual({ sub: 'u1', roles: [] });
    }
  });

  it('accepts a single group name, comma lists and JSON array text', () => {
    expect(principalFromClaims({ sub: 'u1', 'cognito:groups': 'physician' })?.roles).toEqual(['physician']);
    expect(principalFromClaims({ sub: 'u1', 'cognito:groups': 'physician,coordinator' })?.roles).toEqual(['physician', 'coordinator']);
    expect(principalFromClaims({ sub: 'u1', 'cognito:groups': '["coordinator","x"]' })?.roles).toEqual(['coordinator']);
  });

  it('rejects claims without a subject', () => {
    expect(principalFromClaims(undefined)).toBeUndefined();
    expect(principalFromClaims({})).toBeUndefined();
    expect(principalFromClaims({ sub: '', 'cognito:groups': '[physician]' })).toBeUndefined();
    expect(principalFromClaims({ sub: '   ', 'cognito:groups': '[physician]' })).toBeUndefined();
    expect(principalFromClaims({ sub: 42, 'cognito:groups': '[physician]' })).toBeUndefined();
    expect(principalFromClaims({ sub: ['a'], 'cognito:groups': '[physician]' })).toBeUndefined();
  });

  it('leaves siteId out when the site claim is absent or empty', () => {
    expect(principalFromClaims({ sub: 'c', 'cognito:groups': '[coordinator]', 'custom:site_id': '' })).toEqual({ sub: 'c', roles: ['coordinator'] });
    expect('siteId' in (principalFromClaims({ sub: 'c', 'cognito:groups': '[coordinator]' }) ?? {})).toBe(false);
  });

  const groupName = fc.stringMatching(/^[A-Za-z0-9_:-]{1,20}$/);
  test.prop([fc.array(groupName, { maxLength: 6 })])('the flattened and the array shape always agree', (groups) => {
    expect(groupsFromClaim(`[${groups.join(' ')}]`)).toEqual(groups);
    expect(principalFromClaims({ sub: 's', 'cognito:groups': `[${groups.join(' ')}]` })).toEqual(
      principalFromClaims({ sub: 's', 'cognito:groups': groups }),
    );
  });
});
