// ucum-lhc ships no type declarations; this declares the small part of its API the unit generator uses.
declare module '@lhncbc/ucum-lhc' {
  interface ConversionResult {
    status: 'succeeded' | 'failed' | 'error';
    toVal: number | null;
    msg?: string[];
  }
  interface UcumLhcUtils {
    convertUnitTo(from: string, value: number, to: string, options?: { molecularWeight?: number }): ConversionResult;
    validateUnitString(unit: string): { status: 'valid' | 'invalid' | 'error'; ucumCode: string | null; msg: string[] };
  }
  const ucum: { UcumLhcUtils: { getInstance(): UcumLhcUtils } };
  export default ucum;
}
