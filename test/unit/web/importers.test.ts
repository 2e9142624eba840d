/** Loading a file into the referral form: FHIR Bundles through the service's own translator, JSON profiles as they are. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { translateBundle } from '#fhir/translate-bundle.js';
import { importProfileText, MAX_BUNDLE_FILE_BYTES, MAX_PROFILE_FILE_BYTES } from '#web/src/import/importers.js';

const example = (name: string) => readFileSync(new URL(`../../../examples/${name}`, import.meta.url), 'utf8');

describe('importProfileText', () => {
  it('translates a FHIR Bundle exactly as the API and the CLI do, and keeps what it did not use', () => {
    for (const name of ['fhir/t-all-adult-relapse.transaction.json', 'fhir/t-lbl-child.collection.json', 'fhir/all-without-lineage.searchset.json']) {
      const text = example(name);
      const outcome = importProfileText(text);
      const translation = translateBundle(JSON.parse(text));
      expect(outcome, name).toEqual({ kind: 'loaded', importer: 'fhir-bundle', result: { profile: translation.profile, notUsed: translation.notUsed } });
    }
  });

  it('names each malformed element of a Bundle the API would refuse', () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ resource: { resourceType: 'Observation', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '718-7' }] }, valueQuantity: { value: 'ninety', unit: 'g/L' } } }],
    };
    const outcome = importProfileText(JSON.stringify(bundle));
    expect(outcome.kind).toBe('rejected');
    if (outcome.kind !== 'rejected') return;
    expect(outcome.errors.map((error) => error.field)).toContain('entry[0].resource.valueQuantity.value');
  });

  it('words a refused Bundle in the page language, element paths kept as FHIR writes them', () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { resource: { resourceType: 'Patient', id: 'p', birthDate: '2019-02-30' } },
        { resource: { resourceType: 'Observation', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '718-7' }] }, effectiveDateTime: '20/11/2026', valueQuantity: { value: 'ninety', unit: 'g/L' } } },
        { resource: { resourceType: 'lab result' } },
      ],
    };
    const outcome = importProfileText(JSON.stringify(bundle));
    if (outcome.kind !== 'rejected') throw new Error(`expected a refusal, got ${outcome.kind}`);
    expect(outcome.errorsIn('en')).toEqual(outcome.errors);
    expect(outcome.errorsIn('zh-CN')).toEqual([
      { field: 'entry[0].resource.birthDate', message: '不是有效的日历日期' },
      { field: 'entry[1].resource.effectiveDateTime', message: '须为 FHIR dateTime 格式：YYYY、YYYY-MM、YYYY-MM-DD 或 YYYY-MM-DDThh:mm:ss+zz:zz' },
      { field: 'entry[1].resource.valueQuantity.value', message: '应为数字，收到的是字符串' },
      { field: 'entry[2].resource.resourceType', message: '须为 FHIR 资源类型' },
    ]);
    const twoPatients = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Patient', id: 'a' } }, { resource: { resourceType: 'Patient', id: 'b' } }] };
    const second = importProfileText(JSON.stringify(twoPatients));
    if (second.kind !== 'rejected') throw new Error(`expected a refusal, got ${second.kind}`);
    expect(second.errorsIn('zh-CN')).toEqual([{ field: 'entry[1].resource', message: '第二个 Patient：一个 Bundle 只能涉及一位患者' }]);
  });

  it('reads a profile alone or as the body of POST /referrals', () => {
    const profile = JSON.parse(example('eligible-t-all-adult.json')) as Record<string, unknown>;
    expect(importProfileText(JSON.stringify(profile))).toEqual({ kind: 'loaded', importer: 'json-profile', result: { profile, notUsed: [] } });
    const body = JSON.stringify({ trialId: 'NCT05212584', profile });
    expect(importProfileText(body)).toEqual({ kind: 'loaded', importer: 'json-profile', result: { profile, notUsed: [] } });
  });

  it('refuses what the API would not take, saying why', () => {
    expect(importProfileText('{"resourceType":"Patient","id":"p"}')).toEqual({ kind: 'unsupported', resourceType: 'Patient' });
    expect(importProfileText('[1, 2]')).toEqual({ kind: 'unsupported' });
    expect(importProfileText('{"demographics": ')).toEqual({ kind: 'not-json' });
    // Each kind has the API's limit: a profile of 64 KB, a Bundle of 10 MB.
    const bigProfile = JSON.stringify({ demographics: { sex: 'male' }, padding: 'x'.repeat(MAX_PROFILE_FILE_BYTES) });
    expect(importProfileText(bigProfile)).toEqual({ kind: 'too-large', maxBytes: MAX_PROFILE_FILE_BYTES });
    const bundle = JSON.parse(example('fhir/t-all-adult-relapse.transaction.json')) as { entry: unknown[]; meta?: unknown };
    const bigBundle = JSON.stringify({ ...bundle, id: 'x'.repeat(MAX_PROFILE_FILE_BYTES) });
    expect(importProfileText(bigBundle).kind).not.toBe('too-large');
    expect(importProfileText(' '.repeat(MAX_BUNDLE_FILE_BYTES + 1))).toEqual({ kind: 'too-large', maxBytes: MAX_BUNDLE_FILE_BYTES });
  });
});
