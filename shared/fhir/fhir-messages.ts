/**
 * The mapping report in words (English and Chinese): why a resource was not used, and how a value was read. Like
 * the engine's reasons, the report itself is codes; these sentences are rendered at the edge.
 */
import type { Locale } from '#i18n/locale.js';
import type { NotUsed, NotUsedReason, Provenance, ProvenanceNote } from './translation.js';

const REASONS: Readonly<Record<Locale, Readonly<Record<NotUsedReason, string>>>> = {
  en: {
    'resource-type': 'a resource type the criteria do not read',
    'code-not-mapped': 'no code the criteria read',
    'other-patient': 'about another patient',
    'subject-not-in-bundle': 'its subject is not in the Bundle',
    status: 'not a final result',
    refuted: 'refuted or entered in error',
    undated: 'undated: an undated result is never current',
    'imprecise-date': 'dated to the month or year only: a result must be dated to the day',
    'no-value': 'no value of the expected type',
    'no-ucum-code': 'no UCUM unit code (valueQuantity.code); the display unit is not read',
    comparator: 'a censored value (< or >), not a measurement',
    'invalid-value': 'the value is not acceptable',
    superseded: 'a more recent result of the same kind is used',
    'lineage-unknown': 'ALL or lymphoblastic lymphoma without the lineage: send the immunophenotype (T or B)',
    'cd7-denominator': 'CD7 as a share of all cells; the criterion asks for the share of leukemic blasts',
    'result-not-recognised': 'the answer says neither positive nor negative',
    parameters: 'search parameters of a matching client',
    'no-resource': 'an entry without a resource',
  },
  'zh-CN': {
    'resource-type': '入选/排除标准不读取此资源类型',
    'code-not-mapped': '没有标准所读取的编码',
    'other-patient': '属于另一位患者',
    'subject-not-in-bundle': '其 subject 不在该 Bundle 中',
    status: '不是最终结果',
    refuted: '已被否定或录入错误',
    undated: '未注明日期：无日期的结果不视为当前结果',
    'imprecise-date': '日期仅精确到月或年：结果须精确到日',
    'no-value': '没有预期类型的数值',
    'no-ucum-code': '缺少 UCUM 单位编码（valueQuantity.code）；不读取显示用单位',
    comparator: '删失值（< 或 >），不是测量值',
    'invalid-value': '数值不可接受',
    superseded: '已使用同类更新的结果',
    'lineage-unknown': 'ALL 或淋巴母细胞淋巴瘤未注明系别：请提供免疫表型（T 或 B）',
    'cd7-denominator': 'CD7 为占全部细胞的比例；标准要求的是占白血病原始细胞的比例',
    'result-not-recognised': '结果未表明阳性或阴性',
    parameters: '匹配客户端的检索参数',
    'no-resource': '条目中没有资源',
  },
};

const NOTES: Readonly<Record<Locale, Readonly<Record<ProvenanceNote, string>>>> = {
  en: {
    'birth-date-partial': 'a birth date to the year or month: read as the range of days it allows',
    'uln-unit-from-value': 'the reference range has no unit: read in the unit of the result',
    'period-start': 'dated by the start of effectivePeriod',
    'icd10cm-remission-status': 'relapse or remission read from the ICD-10-CM code',
  },
  'zh-CN': {
    'birth-date-partial': '出生日期仅精确到年或月：按其可能的日期范围读取',
    'uln-unit-from-value': '参考范围没有单位：按结果的单位读取',
    'period-start': '按 effectivePeriod 的开始日期计',
    'icd10cm-remission-status': '复发或缓解由 ICD-10-CM 编码读取',
  },
};

export interface RenderedNotUsed extends NotUsed {
  readonly text: string;
}

export interface RenderedProvenance extends Provenance {
  readonly text?: string;
}

const resourceName = (n: Pick<NotUsed, 'source'>) => `${n.source.resourceType}${n.source.id === undefined ? '' : `/${n.source.id}`}`;

export function renderNotUsed(notUsed: NotUsed, locale: Locale): RenderedNotUsed {
  const codes = notUsed.codings.length === 0 ? '' : `, ${notUsed.codings.join(', ')}`;
  const reason = REASONS[locale][notUsed.reason] + (notUsed.detail === undefined ? '' : ` (${notUsed.detail})`);
  const text =
    locale === 'zh-CN'
      ? `未使用：${resourceName(notUsed)}（第 ${notUsed.source.entry} 条）${codes}：${reason}`
      : `not used: ${resourceName(notUsed)} (entry ${notUsed.source.entry})${codes}: ${reason}`;
  return { ...notUsed, text };
}

export function renderProvenance(provenance: Provenance, locale: Locale): RenderedProvenance {
  return provenance.note === undefined ? provenance : { ...provenance, text: NOTES[locale][provenance.note] };
}

/** The mapping report a reply carries beside the screening. */
export function renderMappingReport(translation: { provenance: readonly Provenance[]; notUsed: readonly NotUsed[] }, locale: Locale) {
  return {
    provenance: translation.provenance.map((p) => renderProvenance(p, locale)),
    notUsed: translation.notUsed.map((n) => renderNotUsed(n, locale)),
  };
}
