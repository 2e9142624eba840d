/** Turns a trial's rules (data) into evaluators, once per trial definition. */
import type { Rule } from '#trial/definition.js';
import { ageEvaluator } from './rules/age.js';
import { atrialFibrillationEvaluator } from './rules/atrial-fibrillation.js';
import { categoryEvaluator } from './rules/category.js';
import { combine } from './rules/combinators.js';
import { conditionEvaluator } from './rules/condition.js';
import { consentEvaluator } from './rules/consent.js';
import type { Evaluator } from './rules/evaluation.js';
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

export function compileRule(rule: Rule, criterionId: string): Evaluator {
  switch (rule.type) {
    case 'allOf':
    case 'anyOf':
    case 'corroborated':
    case 'attested':
      return combine(rule.type, rule.rules.map((part) => compileRule(part, criterionId)));
    case 'category':
      return categoryEvaluator(rule, criterionId);
    case 'measurement':
      return measurementEvaluator(rule, criterionId);
    case 'ulnMultiple':
      return ulnMultipleEvaluator(rule, criterionId);
    case 'age':
      return ageEvaluator(rule, criterionId);
    case 'condition':
      return conditionEvaluator(rule, criterionId);
    case 'recentEvent':
      return recentEventEvaluator(rule, criterionId);
    case 'atrialFibrillation':
      return atrialFibrillationEvaluator(rule, criterionId);
    case 'qtc':
      return qtcEvaluator(rule, criterionId);
    case 'performanceStatus':
      return performanceStatusEvaluator(rule, criterionId);
    case 'heartFailure':
      return heartFailureEvaluator(rule, criterionId);
    case 'consent':
      return consentEvaluator(rule, criterionId);
    case 'hepatitisB':
      return hepatitisBEvaluator(rule, criterionId);
    case 'hepatitisC':
      return hepatitisCEvaluator(rule, criterionId);
    case 'hiv':
      return hivEvaluator(rule, criterionId);
    case 'viralLoad':
      return viralLoadEvaluator(rule, criterionId);
  }
}
