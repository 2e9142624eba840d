/** 简体中文：每条理由、资料请求与结论的措辞。 */
import type { Catalogue } from './catalogue.js';

const onDate = (date: string | undefined) => (date === undefined ? '' : `（${date}）`);
const assessed = (date: string | undefined) => (date === undefined ? '' : `（评估日期 ${date}）`);

export const ZH_CN: Catalogue = {
  subjects: {
    consent: '试验知情同意',
    diagnosis: '诊断',
    diseaseStatus: '疾病状态',
    blastsPeripheralBlood: '外周血原始细胞',
    blastsBoneMarrow: '骨髓原始细胞',
    extramedullaryDisease: '可测量的髓外病变',
    cd7: 'CD7表达',
    lifeExpectancy: '预计生存期',
    performanceStatus: '体能状态',
    ecog: 'ECOG评分',
    karnofsky: 'Karnofsky评分',
    lansky: 'Lansky评分',
    birthDate: '出生日期',
    hemoglobin: '血红蛋白',
    totalBilirubin: '总胆红素',
    ast: '谷草转氨酶（AST）',
    alt: '谷丙转氨酶（ALT）',
    solidOrganTransplant: '既往实体器官移植',
    atrialFibrillation: '心房颤动',
    myocardialInfarction: '心肌梗死',
    qtProlongation: 'QT间期延长（长QT综合征或继发性）',
    qtc: 'QTc',
    pericardialEffusion: '有临床意义的心包积液',
    heartFailure: '心功能不全（心力衰竭）',
    nyhaClass: 'NYHA心功能分级',
    severePulmonaryDysfunction: '严重肺功能障碍',
    uncontrolledInfection: '严重或无法控制的感染',
    severeAutoimmuneDisease: '严重自身免疫性疾病',
    congenitalImmunodeficiency: '先天性免疫缺陷',
    activeHepatitis: '活动性肝炎',
    hepatitisBSerology: '乙肝血清学',
    hepatitisCSerology: '丙肝血清学',
    hbsAg: '乙肝表面抗原（HBsAg）',
    hivInfection: 'HIV感染',
    hivAgAb: 'HIV抗原/抗体检测',
    significantViralInfection: '有临床意义的病毒感染或无法控制的病毒再激活',
    cmvDna: 'CMV DNA',
    ebvDna: 'EBV DNA',
  },
  values: {
    'T-ALL': 'T淋巴母细胞白血病（T-ALL）',
    'T-LBL': 'T淋巴母细胞淋巴瘤（T-LBL）',
    other: '其他',
    'primary-refractory': '原发难治',
    relapsed: '复发',
    'in-remission': '缓解期',
    'newly-diagnosed': '初诊',
    present: '有',
    absent: '无',
    signed: '已签署',
    declined: '拒绝',
    pending: '待签署',
    given: '同意',
    'not-applicable': '不适用',
    patient: '患者本人',
    guardian: '监护人',
    'patient-and-guardian': '患者及监护人',
    I: 'I级',
    II: 'II级',
    III: 'III级',
    IV: 'IV级',
    'flow-cytometry': '流式细胞术',
    immunohistochemistry: '免疫组化',
    morphology: '形态学',
    paroxysmal: '阵发性',
    persistent: '持续性',
    permanent: '永久性',
  },
  units: { d: '天', wk: '周', mo: '个月', 'umol/L': 'µmol/L', '{copies}/mL': '拷贝/mL', '[IU]/mL': 'IU/mL', '[lb_av]': '磅' },
  needs: {
    consent: '试验知情同意状态（签署的知情同意由研究中心确认）',
    diagnosis: '诊断：T-ALL、T-LBL或其他（注明分类标准）',
    diseaseStatus: '疾病状态：原发难治、复发、缓解期或初诊',
    blastsPeripheralBlood: '外周血原始细胞百分比及标本日期',
    blastsBoneMarrow: '骨髓原始细胞百分比及标本日期',
    extramedullaryDisease: '是否有可测量的髓外病变（影像学）及评估日期',
    'extramedullaryDisease-review': '由研究中心评估可测量的髓外病变（如有影像部位和大小请一并提供）',
    cd7: 'CD7表达（占白血病原始细胞的百分比），流式细胞术或免疫组化，及检测日期',
    lifeExpectancy: '预计生存期及单位（天、周或月）',
    performanceStatus: '体能状态及评估日期：ECOG、Karnofsky，或Lansky（16岁以下）',
    'birth-date': '出生日期',
    sex: '患者性别（女或男）',
    hemoglobin: '血红蛋白（单位 g/L、g/dL 或 mmol/L）及检测日期',
    'hemoglobin-after-transfusion': '输血后血红蛋白≥70 g/L（请标明为输血后结果）',
    totalBilirubin: '总胆红素（含单位、日期及本实验室正常值上限）',
    ast: 'AST（含单位、日期及本实验室正常值上限）',
    alt: 'ALT（含单位、日期及本实验室正常值上限）',
    'totalBilirubin-uln': '检测实验室的总胆红素正常值上限（数值及单位）',
    'ast-uln': '检测实验室的AST正常值上限（数值及单位）',
    'alt-uln': '检测实验室的ALT正常值上限（数值及单位）',
    solidOrganTransplant: '是否曾行实体器官移植（有或无；造血干细胞移植不属于此类）',
    atrialFibrillation: '是否有心房颤动（注明类型）',
    'atrialFibrillation-last-episode': '最近一次阵发性心房颤动发作的日期',
    myocardialInfarction: '是否曾发生心肌梗死，及最近一次的日期',
    'myocardialInfarction-date': '最近一次心肌梗死的日期',
    qtProlongation: '是否有长QT综合征或继发性QT间期延长，或近期QTc',
    qtc: 'QTc（毫秒）及心电图日期',
    pericardialEffusion: '是否有有临床意义的心包积液',
    heartFailure: '是否有心功能不全（心力衰竭），如有请注明NYHA分级',
    nyhaClass: '所报告心力衰竭的NYHA分级（I–IV级）',
    severePulmonaryDysfunction: '是否有或曾有严重肺功能障碍',
    uncontrolledInfection: '是否有严重或无法控制的感染，及评估日期',
    severeAutoimmuneDisease: '是否有或曾有严重自身免疫性疾病',
    congenitalImmunodeficiency: '是否有先天性免疫缺陷',
    activeHepatitis: '是否有活动性肝炎，及评估日期',
    hivInfection: '是否有HIV感染，或HIV抗原/抗体检测结果',
    significantViralInfection: '是否有有临床意义的病毒感染或无法控制的病毒再激活（EBV、CMV），及评估日期',
    'hbv-serology': 'HBsAg、抗-HBc及HBV DNA结果及日期',
    hbsag: 'HBsAg结果及日期',
    'hbv-dna': 'HBV DNA（检出或未检出）及日期',
    'hbv-chronic-review': '由研究中心评估无复制的慢性乙肝感染（需抗病毒预防）',
    'hcv-serology': '抗-HCV及HCV RNA结果及日期',
    'hcv-rna': 'HCV RNA（检出或未检出）及日期',
    'hiv-test': 'HIV抗原/抗体检测结果及日期',
    'hiv-confirmation': '对HIV初筛阳性的补充确证试验结果',
    cmvDna: 'CMV DNA载量及日期',
    ebvDna: 'EBV DNA载量及日期',
    'viral-load-review': '由研究中心判断可检出的病毒载量是否有临床意义或无法控制',
    'guardian-consent': '监护人签署的知情同意书（患者为未成年人）',
    'assent-review': '由研究中心评估儿童拒绝赞同（assent）的情况',
  },
  outcomes: { met: '符合', not_met: '不符合', unknown: '待定', clear: '未触及', excluded: '排除' },
  verdicts: {
    eligible: '预筛符合——最终入组资格由研究中心确认',
    potential: '潜在候选——无排除情况，仍需补充资料或待研究中心评估',
    ineligible: '预筛不符合',
  },
  problems: { missing: '缺失', stale: '已过期', incomplete: '不完整', 'follow-up': '需后续检查', 'site-review': '研究中心评估' },
  comparators: {
    '>': ['高于', '不高于'],
    '>=': ['不低于', '低于'],
    '<': ['低于', '不低于'],
    '<=': ['不高于', '高于'],
  },
  requestParts: {
    within: (days) => `（${days}天内）`,
    since: (date) => `：需${date}或之后的结果`,
    check: (date) => `；请核对日期${date}`,
  },
  converted: (shown, inLimitUnit) => `${shown}（${inLimitUnit}）`,
  intakeNotice: (fields) => {
    const names = fields.map((field) => ({ 'diagnosis.type': '诊断', 'demographics.birthDate': '出生日期' })[field] ?? field);
    return `在提供${names.join('和')}之前，研究中心不会收到此转诊的通知：请通过修改（PATCH）补充。`;
  },
  separator: '；',
  reasons: {
    'not-reported': (r, w) => `${w.subject(r.subject)}：未提供`,
    stale: (r, w) => `${w.subject(r.subject)}（${r.date}）已超过${r.windowDays}天（已过期）`,
    'future-dated': (r, w) => `${w.subject(r.subject)}的日期${r.date}晚于筛选日期${r.asOf}`,
    'unit-unsupported': (r, w) => `${w.subject(r.subject)}的单位${r.unit}不受支持`,
    measured: (r, w) =>
      `${w.subject(r.subject)}${r.method === undefined ? '' : `（${w.value(r.method)}）`}${r.corrected ? '（输血后）' : ''}` +
      `${onDate(r.date)}为${w.quantity(r.measured.value, r.measured.unit, r.measured.converted, r.limitUnit)}，` +
      `${ZH_CN.comparators[r.comparator][r.passes ? 0 : 1]}${w.quantity(r.limit, r.limitUnit)}`,
    'below-correctable': (r, w) =>
      `${w.subject(r.subject)}（${r.date}）为${w.quantity(r.measured.value, r.measured.unit, r.measured.converted, r.limitUnit)}，` +
      `低于${w.quantity(r.limit, r.limitUnit)}，可通过输血纠正：以输血后结果为准`,
    'uln-multiple': (r, w) =>
      `${w.subject(r.subject)}（${r.date}）为${w.quantity(r.measured.value, r.measured.unit)}，是正常值上限` +
      `（${w.quantity(r.uln, r.ulnUnit)}）的${w.number(r.ratio)}倍：${r.passes ? '未超过' : '超过'}${r.maxMultiple}倍`,
    'uln-assumed': (r, w) =>
      `${w.subject(r.subject)}（${r.date}）为${w.quantity(r.measured.value, r.measured.unit)}，即使按最低正常值上限` +
      `（${w.quantity(r.lowestUln, r.ulnUnit)}）也未超过${r.maxMultiple}倍（未提供本实验室上限，按此假定）`,
    'uln-missing': (r, w) =>
      `${w.subject(r.subject)}（${r.date}）为${w.quantity(r.measured.value, r.measured.unit)}：需本实验室正常值上限才能判断`,
    category: (r, w) => `${w.subject(r.subject)}：${w.value(r.value)}`,
    condition: (r, w) => `${w.subject(r.subject)}：${w.value(r.status)}${assessed(r.assessedOn)}`,
    'condition-undated': (r, w) => `${w.subject(r.subject)}报告为${w.value(r.status)}，但未注明评估日期`,
    'site-review': (r, w) => `${w.subject(r.subject)}：有${assessed(r.assessedOn)}，由研究中心评估`,
    age: (r) =>
      `年龄${r.years}岁，${r.position === 'below' ? '低于' : r.position === 'above' ? '高于' : '在'}${r.min}–${r.max}岁${r.position === 'within' ? '范围内' : '范围'}`,
    'age-range': (r) =>
      r.position === 'boundary'
        ? `出生日期仅精确到年或月：患者为${r.youngest}或${r.oldest}岁，处于${r.min}–${r.max}岁的边界，需完整出生日期判定`
        : `出生日期仅精确到年或月：无论具体日期，年龄${r.youngest === r.oldest ? r.youngest : `${r.youngest}–${r.oldest}`}岁均${r.position === 'below' ? '低于' : r.position === 'above' ? '高于' : '在'}${r.min}–${r.max}岁${r.position === 'within' ? '范围内' : '范围'}`,
    'birth-date-after-screening': (r) => `出生日期晚于筛选日期${r.asOf}`,
    'event-within': (r, w) => `${w.subject(r.subject)}（${r.date}）在过去${r.months}个月内（至${r.until}）`,
    'event-before': (r, w) => `${w.subject(r.subject)}（${r.date}）早于筛选日期${r.months}个月以上`,
    'event-undated': (r, w) => `${w.subject(r.subject)}已报告但未注明日期`,
    'af-remote-paroxysmal': (r) => `阵发性心房颤动，最近一次发作于${r.lastEpisodeOn}（超过${r.months}个月）：为既往房颤史，并非当前房颤`,
    'af-current': (r) =>
      r.pattern === 'unspecified'
        ? '报告有心房颤动但未注明类型：按当前房颤处理'
        : r.pattern === 'paroxysmal'
          ? `阵发性心房颤动，${r.lastEpisodeOn ?? '日期不详'}有发作，在时间窗内：按当前房颤处理`
          : `当前心房颤动（${r.pattern === 'persistent' ? '持续性' : '永久性'}）`,
    qtc: (r) =>
      `QTc（${r.date}）${r.value}毫秒，${r.passes ? '未超过' : '超过'}` +
      `${r.basis === 'child' ? '儿童' : r.basis === 'female' ? '女性' : '男性'}上限${r.limit}毫秒`,
    'qtc-between-limits': (r) => `QTc（${r.date}）${r.value}毫秒，介于可能适用的上限之间（${r.low}–${r.high}毫秒）：需根据患者年龄和性别判断`,
    'qtc-outside-every-limit': (r) =>
      `QTc（${r.date}）${r.value}毫秒，${r.passes ? '未超过' : '超过'}所有可能适用的上限（${r.limit}毫秒）`,
    performance: (r) => {
      if (r.scale === 'ecog') return `ECOG评分（${r.date}）${r.score}，${r.passes ? '不高于' : '高于'}${r.limit}`;
      const scale = r.scale === 'karnofsky' ? 'Karnofsky' : 'Lansky';
      return `${scale}评分（${r.date}）${r.score}，${r.passes ? '不低于' : '低于'}${r.limit}，按试验等效换算视为ECOG${r.passes ? '≤2' : '>2'}`;
    },
    'lansky-not-applicable': (r) =>
      `Lansky评分（${r.date}）${r.score}仅适用于${r.underYears}岁以下患者；${r.ageKnown ? '患者当时已超过该年龄' : '出生日期不详'}`,
    'no-heart-failure': (r) => `无心功能不全${assessed(r.assessedOn)}：无需NYHA分级`,
    'heart-failure-without-class': () => '报告有心功能不全，但未注明NYHA分级',
    'hsct-is-not-solid-organ': (r) => `既往异基因造血干细胞移植${r.date === undefined ? '' : `（${r.date}）`}不属于实体器官移植`,
    consent: (r, w) =>
      `试验知情同意：${w.value(r.status)}${r.signedBy === undefined ? '' : `，签署人：${w.value(r.signedBy)}`}` +
      `${r.assent === undefined ? '' : `；儿童赞同：${w.value(r.assent)}`}`,
    'consent-minor-needs-guardian': (r) => `患者未满${r.adultAge}岁：需监护人签署知情同意`,
    'assent-declined': () => '儿童拒绝赞同（assent），由研究中心决定是否继续',
    'hepatitis-b': (r) => {
      switch (r.finding) {
        case 'replicating':
          return `HBV DNA检出（${r.date}）：活动性乙型肝炎`;
        case 'chronic-without-replication':
          return `HBsAg阳性（${r.date}），HBV DNA未检出：无复制的慢性乙肝感染，血清学上非活动性；由研究中心评估，需抗病毒预防`;
        case 'resolved':
          return `乙肝既往感染已恢复（HBsAg阴性、抗-HBc阳性、HBV DNA未检出，${r.date}）：非活动性肝炎；研究中心可能要求抗病毒预防或HBV DNA监测`;
        case 'never-infected':
          return `HBsAg及抗-HBc均阴性（${r.date}）：无乙肝感染`;
        case 'hbsag-negative':
          return `HBsAg阴性（${r.date}）：无活动性乙型肝炎`;
        case 'dna-needed':
          return `HBsAg或抗-HBc阳性（${r.date}）：需HBV DNA判断是否为活动性感染`;
        case 'hbsag-needed':
          return `抗-HBc阳性（${r.date}）：需HBsAg及HBV DNA判断`;
      }
    },
    'hepatitis-c': (r) => {
      switch (r.finding) {
        case 'viremic':
          return `HCV RNA检出（${r.date}）：活动性丙型肝炎`;
        case 'cleared':
          return `抗-HCV阳性，HCV RNA未检出（${r.date}）：既往感染，非活动性`;
        case 'rna-negative':
          return `HCV RNA未检出（${r.date}）：无活动性丙型肝炎`;
        case 'never-infected':
          return `抗-HCV阴性（${r.date}）：无丙肝感染`;
        case 'rna-needed':
          return `抗-HCV阳性（${r.date}）：需HCV RNA判断是否为活动性感染`;
      }
    },
    hiv: (r) => {
      switch (r.finding) {
        case 'confirmed':
          return `HIV感染已确证（初筛阳性${r.date}，已确证）`;
        case 'reactive-unconfirmed':
          return `HIV初筛阳性（${r.date}），尚未确证：以补充试验结果为准`;
        case 'non-reactive':
          return `HIV抗原/抗体检测阴性（${r.date}）`;
      }
    },
    'viral-load': (r, w) =>
      r.detected
        ? `${w.subject(r.subject)}检出（${r.date}）${r.value === undefined ? '' : `，${w.quantity(r.value, r.unit ?? '')}`}：由研究中心判断是否有临床意义或无法控制`
        : `${w.subject(r.subject)}未检出（${r.date}）`,
  },
  criterionTexts: {
    'inc-consent': '签署书面知情同意书；患者自愿参加本临床试验',
    'inc-diagnosis': '诊断主要依据世界卫生组织（WHO）2008标准',
    'inc-relapsed-refractory': '诱导治疗后未能达到完全缓解；或完全缓解后复发',
    'inc-blast-burden': '外周血或骨髓中白血病原始细胞比例大于5%',
    'inc-cd7-expression': '白血病原始细胞表达CD7（流式细胞术或免疫组化检测CD7阳性≥70%）',
    'inc-life-expectancy': '预计生存期大于12周',
    'inc-ecog': 'ECOG评分≤2',
    'inc-age': '年龄2–60岁',
    'inc-hemoglobin': '血红蛋白≥70 g/L（可输血）',
    'inc-liver-function': '总胆红素不超过正常值上限的3倍，AST和ALT不超过正常值上限的5倍',
    'exc-declined-consent': '拒绝同意接受治疗的患者',
    'exc-solid-organ-transplant': '既往实体器官移植',
    'exc-cardiac':
      '存在以下任一心脏问题：心房颤动；过去12个月内心肌梗死；长QT综合征或继发性QT间期延长；有临床意义的心包积液；心功能不全NYHA III或IV级',
    'exc-pulmonary': '严重肺功能障碍病史',
    'exc-uncontrolled-infection': '严重感染或持续感染无法有效控制',
    'exc-autoimmune-immunodeficiency': '严重自身免疫性疾病或先天性免疫缺陷',
    'exc-active-hepatitis': '活动性肝炎',
    'exc-hiv': '人类免疫缺陷病毒（HIV）感染',
    'exc-viral-infection': '有临床意义的病毒感染，或无法控制的病毒再激活，包括EBV（EB病毒）',
  },
};
