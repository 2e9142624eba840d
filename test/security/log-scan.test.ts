/**
 * Health data never reaches the logs. A realistic run of the service with logging on — referrals, corrections,
 * invalid input, withdrawal, the queue and the schedule — while everything written to stdout and stderr is
 * captured; then the capture is searched for the patients' birth dates, free text and tokens.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PatientProfile } from '#profile/schema.js';
import { eligibleProfile } from '#test/support/profiles.js';
import { send, startProofStack, TRIAL, type ProofStack } from './harness.js';

const BIRTH_DATES = ['1971-07-19', '1959-12-03', '1983-04-27'];
const FREE_TEXT = ['Zhang Wei', 'Jianguo Road 12', 'lives with her daughter', 'bed 7'];

let proof: ProofStack;
const captured: string[] = [];
const originalStdout = process.stdout.write.bind(process.stdout);
const originalStderr = process.stderr.write.bind(process.stderr);

beforeAll(async () => {
  const capture = (chunk: unknown, ...rest: unknown[]): boolean => {
    captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    const callback = rest.find((arg): arg is () => void => typeof arg === 'function');
    callback?.();
    return true;
  };
  process.stdout.write = capture as typeof process.stdout.write;
  process.stderr.write = capture as typeof process.stderr.write;
  proof = await startProofStack({ quiet: false });
}, 60_000);

afterAll(async () => {
  await proof?.stop();
  process.stdout.write = originalStdout;
  process.stderr.write = originalStderr;
});

const today = () => new Date().toISOString().slice(0, 10);

function patient(birthDate: string, note: string): PatientProfile {
  const profile = eligibleProfile(today());
  return {
    ...profile,
    demographics: { ...profile.demographics, birthDate },
    diagnosis: {
      type: 'T-ALL',
      coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'C91.5', display: `${note} — ${FREE_TEXT[0]}, ${FREE_TEXT[1]}` }],
    },
  };
}

it('logs ids, routes and counts, never birth dates, free text, profiles or tokens', async () => {
  const { stack, tokens } = proof;
  const api = stack.apiUrl;
  const asPhysician = { authorization: `Bearer ${tokens.owner}`, 'content-type': 'application/json' };
  const ids: string[] = [];
  for (const [i, birthDate] of BIRTH_DATES.entries()) {
    const reply = await send(api, {
      method: 'POST',
      path: '/referrals',
      headers: { ...asPhysician, 'idempotency-key': `log-scan-${i}-${Date.now()}` },
      body: JSON.stringify({ trialId: TRIAL, prescreeningConsent: { attested: true }, profile: patient(birthDate, FREE_TEXT[2] ?? '') }),
    });
    expect(reply.status).toBe(201);
    ids.push((JSON.parse(reply.text) as { id: string }).id);
  }
  // Invalid input: the problem names fields, and neither the reply nor the logs repeat the values.
  const invalid = await send(api, {
    method: 'POST',
    path: '/referrals',
    headers: asPhysician,
    body: JSON.stringify({ trialId: TRIAL, prescreeningConsent: { attested: true }, profile: { demographics: { birthDate: `${BIRTH_DATES[0]}x` }, notes: FREE_TEXT[3] } }),
  });
  expect(invalid.status).toBe(422);
  expect(invalid.text).not.toContain(BIRTH_DATES[0]);
  expect(invalid.text).not.toContain(FREE_TEXT[3]);
  await send(api, {
    method: 'PATCH',
    path: `/referrals/${ids[0]}`,
    headers: { ...asPhysician, 'content-type': 'application/merge-patch+json', 'if-match': '"1"' },
    body: JSON.stringify({ demographics: { birthDate: BIRTH_DATES[1] } }),
  });
  await send(api, { method: 'GET', path: `/referrals/${ids[1]}`, headers: asPhysician });
  await send(api, { method: 'DELETE', path: `/referrals/${ids[2]}`, headers: asPhysician });
  await stack.drainQueue();
  await stack.runRescreen();
  await send(api, { method: 'GET', path: '/sites/hebei-yanda-ludaopei/candidates', headers: { authorization: `Bearer ${tokens.coordinator}` } });

  const log = captured.join('');
  expect(log, 'the scan saw the service’s logs').toContain('referral submitted');
  expect(log).toContain(ids[0]);
  for (const date of BIRTH_DATES) expect(log, `birth date ${date} leaked`).not.toContain(date);
  for (const text of FREE_TEXT) expect(log, `free text "${text}" leaked`).not.toContain(text);
  for (const token of Object.values(tokens)) expect(log, 'a token leaked').not.toContain(token.slice(-40));
  expect(log).not.toContain('"profile"');
  expect(log).not.toContain('"demographics"');
});
