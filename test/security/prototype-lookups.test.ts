/**
 * A caller's string used as a key must never reach Object.prototype: `'toString' in {}` is true, and
 * `obj['__proto__'] = x` changes nothing. Every lookup or store of a caller's string in an object is checked here:
 * units, query parameters, headers and pagination cursors.
 */
import { describe, expect, it } from 'vitest';
import { apiGatewayEvent, queryParameters } from '#local/api-gateway-event.js';
import { decodeCursor, encodeCursor } from '#adapters/dynamodb/cursor.js';
import { PatientProfile } from '#profile/schema.js';

/** Names every plain object answers to through its prototype. */
const PROTOTYPE_NAMES = [
  'constructor',
  '__proto__',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__lookupSetter__',
];

describe('units named after Object.prototype members', () => {
  it.each(PROTOTYPE_NAMES)('refuses "%s" as a hemoglobin unit', (unit) => {
    const result = PatientProfile.safeParse({ labs: { hemoglobin: { value: 92, unit, date: '2026-11-20' } } });
    expect(result.success).toBe(false);
  });

  it.each(PROTOTYPE_NAMES)('refuses "%s" as a life-expectancy unit and as a ULN unit', (unit) => {
    expect(PatientProfile.safeParse({ lifeExpectancy: { value: 6, unit } }).success).toBe(false);
    const bilirubin = { value: 14, unit: 'umol/L', date: '2026-11-20', upperLimitOfNormal: { value: 21, unit } };
    expect(PatientProfile.safeParse({ labs: { totalBilirubin: bilirubin } }).success).toBe(false);
  });

  it('still accepts the real units', () => {
    expect(PatientProfile.safeParse({ labs: { hemoglobin: { value: 9.2, unit: 'g/dL', date: '2026-11-20' } } }).success).toBe(true);
  });
});

describe('query parameters and headers keep every name as an own property', () => {
  it('keeps a __proto__ query parameter, so validation can refuse it', () => {
    const query = queryParameters('__proto__=1&limit=5') ?? {};
    expect(Object.hasOwn(query, '__proto__')).toBe(true);
    expect(Object.keys(query).sort()).toEqual(['__proto__', 'limit']);
    expect(Object.getPrototypeOf(query)).toBe(Object.prototype);
  });

  it('keeps a __proto__ header as a header, not as the object prototype', () => {
    const event = apiGatewayEvent({
      method: 'GET',
      rawPath: '/referrals',
      rawQueryString: '',
      // As node:http hands them over: every name an own property (a literal `__proto__:` would set the prototype).
      headers: JSON.parse('{"__proto__":["x"],"host":["127.0.0.1"]}') as Record<string, string[]>,
      body: Buffer.alloc(0),
      sourceIp: '127.0.0.1',
      localPort: 3000,
      protocol: 'HTTP/1.1',
      routeKey: 'GET /referrals',
      pathParameters: {},
      requestId: 'r',
      receivedAt: new Date(),
    });
    expect(Object.getPrototypeOf(event.headers)).toBe(Object.prototype);
    expect(Object.hasOwn(event.headers, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(event.headers, '__proto__')?.value).toBe('x');
  });
});

describe('pagination cursors', () => {
  const expected = { keyAttributes: ['pk', 'sk', 'toString', 'valueOf'] };

  it('does not take inherited names as the key attributes a cursor must carry', () => {
    const forged = encodeCursor({ key: { pk: 'REFERRAL#x', sk: 'REFERRAL', a: 'x', b: 'y' } });
    expect(() => decodeCursor(forged, expected)).toThrow('invalid pagination cursor');
  });
});
