/** Numbers a profile may carry: clinically plausible, and always storable in DynamoDB. */
import { describe, expect, it } from 'vitest';
import { PatientProfile } from '#profile/schema.js';

const withHemoglobin = (value: number) => ({ labs: { hemoglobin: { value, unit: 'g/L', date: '2026-11-20' } } });
const withCd7 = (percent: number) => ({ cd7: { percent, method: 'flow-cytometry', date: '2026-11-20' } });

describe('profile numbers', () => {
  it.each([0, 1e-9, 0.5, 92, 1e9])('accepts %s', (value) => {
    expect(PatientProfile.safeParse(withHemoglobin(value)).success).toBe(true);
  });
  it.each([3e-323, 5e-324, 1e-10, 1e10, 1e308, -1])('refuses %s, which is a data-entry error or cannot be stored', (value) => {
    expect(PatientProfile.safeParse(withHemoglobin(value)).success).toBe(false);
  });
  it('applies to percentages too', () => {
    expect(PatientProfile.safeParse(withCd7(5e-324)).success).toBe(false);
    expect(PatientProfile.safeParse(withCd7(0)).success).toBe(true);
  });
});
