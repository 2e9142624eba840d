/**
 * Trial consent, which the site verifies. The inclusion asks for a signature (a guardian's for a minor, who also
 * gives assent where able); the refusal exclusion asks only that nobody declined, so a pending consent is clear of
 * it and its reason never reads as a requirement.
 */
import type { ConsentRule } from '#trial/definition.js';
import { birthday, completedYears, dayNumber } from '../calendar.js';
import type { Reason } from '../reasons.js';
import { asRecord, asString, decided, missingData, pathReader, request, undecided, unknown, type Evaluator } from './evaluation.js';

export function consentEvaluator(rule: ConsentRule, criterionId: string): Evaluator {
  const read = pathReader(rule.field);
  const readBirthDate = pathReader(rule.birthDateField);
  return (profile, asOf) => {
    const consent = asRecord(read(profile));
    const status = consent ? asString(consent['status']) : undefined;
    if (status !== 'signed' && status !== 'declined' && status !== 'pending') {
      return missingData(rule.subject, `${rule.field}.status`, criterionId, rule.need);
    }
    const signedBy = consent ? asString(consent['signedBy']) : undefined;
    const assent = consent ? asString(consent['assent']) : undefined;
    const reason: Reason = {
      code: 'consent',
      status,
      ...(signedBy === undefined ? {} : { signedBy }),
      ...(assent === undefined ? {} : { assent }),
    };
    if (status === 'declined') return decided('not_met', reason);
    if (assent === 'declined') {
      // A child who declines is not volunteering; whether a guardian's consent still stands is the site's call.
      return undecided([reason, { code: 'assent-declined' }], request(`${rule.field}.assent`, criterionId, 'site-review', 'assent-review'));
    }
    if (rule.asks === 'no-refusal') return decided('met', reason);
    if (status === 'pending') return unknown(reason, request(`${rule.field}.status`, criterionId, 'incomplete', rule.need));
    const birthDate = asString(readBirthDate(profile));
    const minor = birthDate !== undefined && dayNumber(birthDate) <= asOf && completedYears(birthDate, asOf) < rule.adultAgeYears;
    if (minor && signedBy === 'patient' && birthDate !== undefined) {
      // On the day of majority the patient's own signature suffices.
      return undecided(
        [reason, { code: 'consent-minor-needs-guardian', adultAge: rule.adultAgeYears }],
        request(`${rule.field}.signedBy`, criterionId, 'incomplete', 'guardian-consent'),
        birthday(birthDate, rule.adultAgeYears),
      );
    }
    return decided('met', reason);
  };
}
