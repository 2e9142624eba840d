/** Turns a trial's rules (data) into evaluators, once per trial definition. */
import type { Rule } from '#trial/definition.js';
import { ageEvaluator } from './rules/age.js';
import { atrialFibrillationEvaluator } from './rules/atrial-fibrillation.js';
import { categoryEvaluator } from './rules/category.js';
import { combine } from './rules/combinators.js';
import { conditionEvaluator } from './rules/condition.js';
import { consentEvaluator } from './rules/consent.js';
import type { Evaluator } from './rules/evaluation.js';
import type { ProfileFields } from './rules/profile-fields.js';
import { heartFailureEvaluator } from './rules/heart-failure.js';
import { measurementEvaluator } from './rules/measurement.js';
import { performanceStatusEvaluator } from './rules/performance-status.js';
import { qtcEvaluator } from './rules/qtc.js';
import { recentEventEvaluator } from './rules/recent-event.js';
import { hepatitisBEvaluator } from './rules/serology/hepatitis-b.js';
import { hepatitisCEvaluator } from './rules/serology/hepatitis-c.js';
import { hivEvaluator } from './rules/serology/hiv.js';
import { viralLoadEvaluator } from './rules/serology/viral-load.js';
import { ulnMultipleEvaluator } from './rules/uln-multiple.js';

/** `fields` collects the profile fields the rules read, so a screening reads each once (see rules/profile-fields.ts). */
export function compileRule(rule: Rule, criterionId: string, fields: ProfileFields): Evaluator {
  switch (rule.type) {
    case 'allOf':
    case 'anyOf':
    case 'corroborated':
    case 'attested':
      return combine(rule.type, rule.rules.map((part) => compileRule(part, criterionId, fields)));
    case 'category':
      return categoryEvaluator(rule, criterionId, fields);
    case 'measurement':
      return measurementEvaluator(rule, criterionId, fields);
    case 'ulnMultiple':
      return ulnMultipleEvaluator(rule, criterionId, fields);
    case 'age':
      return ageEvaluator(rule, criterionId, fields);
    case 'condition':
      return conditionEvaluator(rule, criterionId, fields);
    case 'recentEvent':
      return recentEventEvaluator(rule, criterionId, fields);
    case 'atrialFibrillation':
      return atrialFibrillationEvaluator(rule, criterionId, fields);
    case 'qtc':
      return qtcEvaluator(rule, criterionId, fields);
    case 'performanceStatus':
      return performanceStatusEvaluator(rule, criterionId, fields);
    case 'heartFailure':
      return heartFailureEvaluator(rule, criterionId, fields);
    case 'consent':
      return consentEvaluator(rule, criterionId, fields);
    case 'hepatitisB':
      return hepatitisBEvaluator(rule, criterionId, fields);
    case 'hepatitisC':
      return hepatitisCEvaluator(rule, criterionId, fields);
    case 'hiv':
      return hivEvaluator(rule, criterionId, fields);
    case 'viralLoad':
      return viralLoadEvaluator(rule, criterionId, fields);
  }
}
