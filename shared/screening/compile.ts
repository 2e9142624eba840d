/** Turns a trial's rules (data) into evaluators, once per trial definition. */
import type { Rule } from '../trial/definition.js';
import { ageEvaluator } from './rules/age.js';
import { categoryEvaluator } from './rules/category.js';
import { combine } from './rules/combinators.js';
import { conditionEvaluator } from './rules/condition.js';
import type { Evaluator } from './rules/evaluation.js';
import { measurementEvaluator } from './rules/measurement.js';
import { recentEventEvaluator } from './rules/recent-event.js';
import { sexSpecificLimitEvaluator } from './rules/sex-specific-limit.js';
import { ulnMultipleEvaluator } from './rules/uln-multiple.js';

export function compileRule(rule: Rule, criterionId: string): Evaluator {
  switch (rule.type) {
    case 'allOf':
    case 'anyOf':
    case 'corroborated':
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
    case 'sexSpecificLimit':
      return sexSpecificLimitEvaluator(rule, criterionId);
  }
}
