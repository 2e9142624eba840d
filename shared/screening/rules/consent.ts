/**
 * Trial consent, which the site verifies. The inclusion asks for a signature (a guardian's for a minor, who also
 * gives assent where able); the refusal exclusion asks only that nobody declined, so a pending consent is clear of
 * it and its reason never reads as a requirement.
 */
import type { ConsentRule } from '#trial/definition.js';
import { birthday, completedYears, dayNumber } from '../calendar.js';
import type { Reason } from '../reasons.js';
import { asRecord, asString, constant, constantRequest, decided, missingData, request, undecided, unknown, type Evaluator } from './evaluation.js';
import type { ProfileFields } from './profile-fields.js';

type ConsentReason = Extract<Reason, { code: 'consent' }>;

export function consentEvaluator(rule: ConsentRule, criterionId: string, fields: ProfileFields): Evaluator {
  const read = fields.reader(rule.field);
  const readBirthDate = fields.reader(rule.birthDateField);
  // What depends on the rule alone is built once.
  const none = constant(missingData(rule.subject, `${rule.field}.status`, criterionId, rule.need));
  const assentReview = constantRequest(request(`${rule.field}.assent`, criterionId, 'site-review', 'assent-review'));
  const statusNeeded = constantRequest(request(`${rule.field}.status`, criterionId, 'incomplete', rule.need));
  const guardianNeeded = constantRequest(request(`${rule.field}.signedBy`, criterionId, 'incomplete', 'guardian-consent'));
  return (values, asOf) => {
    const consent = asRecord(read(values));
    const status = consent ? asString(consent['status']) : undefined;
    if (status !== 'signed' && status !== 'declined' && status !== 'pending') return none;
    const signedBy = consent ? asString(consent['signedBy']) : undefined;
    const assent = consent ? asString(consent['assent']) : undefined;
    const reason: { -readonly [K in keyof ConsentReason]: ConsentReason[K] } = { code: 'consent', status };
    if (signedBy !== undefined) reason.signedBy = signedBy;
    if (assent !== undefined) reason.assent = assent;
    if (status === 'declined') return decided('not_met', reason);
    if (assent === 'declined') {
      // A child who declines is not volunteering; whether a guardian's consent still stands is the site's call.
      return undecided([reason, { code: 'assent-declined' }], assentReview);
    }
    if (rule.asks === 'no-refusal') return decided('met', reason);
    if (status === 'pending') return unknown(reason, statusNeeded);
    const birthDate = asString(readBirthDate(values));
    const minor = birthDate !== undefined && dayNumber(birthDate) <= asOf && completedYears(birthDate, asOf) < rule.adultAgeYears;
    if (minor && signedBy === 'patient' && birthDate !== undefined) {
      // On the day of majority the patient's own signature suffices.
      return undecided(
        [reason, { code: 'consent-minor-needs-guardian', adultAge: rule.adultAgeYears }],
        guardianNeeded,
        birthday(birthDate, rule.adultAgeYears),
      );
    }
    return decided('met', reason);
  };
}
