/**
 * How a validation problem is worded, in each language the service speaks. `describe-issues.ts` decides what is
 * wrong (from zod's structured issue); this module only says it. English is what the API's 422 replies carry; the
 * Chinese wording serves the web app and the CLI (`--lang zh-CN`), so a physician in Langfang reads why a file was
 * refused in the language of the rest of the page.
 *
 * Some schemas word their own message (a unit list, "must be a FHIR date"): those are English sentences written in
 * the schema, so their Chinese is listed here, matched by the sentence's form; a schema message with no entry stays
 * English (a test walks every schema message the service writes and fails on one without a translation).
 */
import type { Locale } from '#i18n/locale.js';

export type Bound = 'min' | 'max';
export type BoundOrigin = 'string' | 'array' | 'file' | 'date' | 'number';

export interface IssueWords {
  readonly unknownField: string;
  readonly invalidKey: (inner: string) => string;
  readonly notAllowed: string;
  readonly leaveOut: string;
  readonly required: string;
  readonly requiredType: (noun: string) => string;
  readonly expected: (noun: string) => string;
  readonly expectedReceived: (noun: string, received: string) => string;
  /** Expected types, by zod's name (`string`, `int`, …). */
  readonly nouns: Readonly<Record<string, string>>;
  /** JSON types of a received value, never the value itself. */
  readonly received: {
    readonly null: string;
    readonly array: string;
    readonly nan: string;
    readonly infinite: string;
    readonly integer: string;
    readonly fraction: string;
    readonly string: string;
    readonly boolean: string;
    readonly object: string;
  };
  readonly bound: (side: Bound, origin: BoundOrigin, bound: number | bigint, inclusive: boolean, exact: boolean) => string;
  readonly noValueAllowed: string;
  readonly mustBe: (value: string) => string;
  readonly oneOf: (values: readonly string[]) => string;
  readonly formats: Readonly<Record<string, string>>;
  readonly validFormat: (format: string) => string;
  readonly pattern: (pattern: string) => string;
  readonly startsWith: (prefix: string) => string;
  readonly endsWith: (suffix: string) => string;
  readonly includes: (part: string) => string;
  readonly multipleOf: (divisor: number | bigint) => string;
  readonly invalid: string;
  readonly unionAmbiguous: string;
  readonly unionNoValue: string;
  readonly unionNone: string;
  readonly unionAlternatives: (alternatives: readonly string[]) => string;
  /** A schema's own English message in this language; undefined keeps the English. */
  readonly stated: (message: string) => string | undefined;
}

const plural = (count: number | bigint, noun: string) => `${count} ${noun}${count === 1 || count === 1n ? '' : 's'}`;
const dayOf = (bound: number | bigint) => new Date(Number(bound)).toISOString();

const EN: IssueWords = {
  unknownField: 'is not a known field; remove it or check its spelling',
  invalidKey: (inner) => `has an invalid key: ${inner}`,
  notAllowed: 'is not allowed here',
  leaveOut: 'must be left out',
  required: 'is required',
  requiredType: (noun) => `is required (${noun})`,
  expected: (noun) => `expected ${noun}`,
  expectedReceived: (noun, received) => `expected ${noun}, received ${received}`,
  nouns: {
    string: 'a string',
    number: 'a number',
    int: 'an integer',
    boolean: 'true or false',
    bigint: 'an integer',
    object: 'an object',
    array: 'an array',
    tuple: 'an array',
    record: 'an object',
    null: 'null',
    date: 'a date',
    nan: 'NaN',
  },
  received: {
    null: 'null',
    array: 'an array',
    nan: 'NaN',
    infinite: 'an infinite number',
    integer: 'an integer',
    fraction: 'a number with a fraction',
    string: 'a string',
    boolean: 'a boolean',
    object: 'an object',
  },
  bound: (side, origin, bound, inclusive, exact) => {
    switch (origin) {
      case 'string':
        if (exact) return `must be exactly ${plural(bound, 'character')} long`;
        if (side === 'min') return Number(bound) === 1 && inclusive ? 'must not be empty' : `must have at least ${plural(bound, 'character')}`;
        return `must have at most ${plural(bound, 'character')}`;
      case 'array':
        if (exact) return `must have exactly ${plural(bound, 'item')}`;
        if (side === 'min') return Number(bound) === 1 && inclusive ? 'must not be empty' : `must have at least ${plural(bound, 'item')}`;
        return `must have at most ${plural(bound, 'item')}`;
      case 'file':
        return side === 'min' ? `must be at least ${plural(bound, 'byte')}` : `must be at most ${plural(bound, 'byte')}`;
      case 'date':
        if (side === 'min') return inclusive ? `must be on or after ${dayOf(bound)}` : `must be after ${dayOf(bound)}`;
        return inclusive ? `must be on or before ${dayOf(bound)}` : `must be before ${dayOf(bound)}`;
      case 'number':
        if (exact) return `must be exactly ${bound}`;
        if (side === 'min') return inclusive ? `must be at least ${bound}` : `must be greater than ${bound}`;
        return inclusive ? `must be at most ${bound}` : `must be less than ${bound}`;
    }
  },
  noValueAllowed: 'no value is allowed here',
  mustBe: (value) => `must be ${value}`,
  oneOf: (values) => `must be one of: ${values.join(', ')}`,
  formats: {
    date: 'must be a calendar date written YYYY-MM-DD (e.g. 2026-11-20)',
    datetime: 'must be an ISO 8601 date-time (e.g. 2026-11-20T08:30:00Z)',
    time: 'must be a time written HH:MM[:SS]',
    duration: 'must be an ISO 8601 duration (e.g. P28D)',
    email: 'must be an email address',
    url: 'must be a URL',
    uuid: 'must be a UUID',
    guid: 'must be a UUID',
    ulid: 'must be a ULID',
    ipv4: 'must be an IPv4 address',
    ipv6: 'must be an IPv6 address',
    base64: 'must be base64-encoded',
    base64url: 'must be base64url-encoded',
    jwt: 'must be a JSON Web Token',
    lowercase: 'must be lower case',
    uppercase: 'must be upper case',
  },
  validFormat: (format) => `must be a valid ${format}`,
  pattern: (pattern) => `must match the pattern ${pattern}`.trimEnd(),
  startsWith: (prefix) => `must start with "${prefix}"`,
  endsWith: (suffix) => `must end with "${suffix}"`,
  includes: (part) => `must include "${part}"`,
  multipleOf: (divisor) => `must be a multiple of ${divisor}`,
  invalid: 'is invalid',
  unionAmbiguous: 'matches more than one of the allowed forms; it must match exactly one',
  unionNoValue: 'has no allowed value',
  unionNone: 'matches none of the allowed forms',
  unionAlternatives: (alternatives) => `matches none of the allowed forms: ${alternatives.join('; or ')}`,
  stated: (message) => message,
};

const ZH_NOUNS: Readonly<Record<string, string>> = {
  string: '字符串',
  number: '数字',
  int: '整数',
  boolean: 'true 或 false',
  bigint: '整数',
  object: '对象',
  array: '数组',
  tuple: '数组',
  record: '对象',
  null: 'null',
  date: '日期',
  nan: 'NaN',
};

/**
 * The Chinese of each message a schema of this service words in English, by the sentence's form. Field names,
 * codes and units inside a message (`valueQuantity.code`, `g/L`, `YYYY-MM-DD`) are kept as written: they are what
 * the physician or the hospital's interface engineer looks for in the file.
 */
/** `YYYY, YYYY-MM or YYYY-MM-DD` → `YYYY、YYYY-MM 或 YYYY-MM-DD`. */
const orInChinese = (list: string): string => list.replace(/, /g, '、').replace(/ or /g, ' 或 ');

const ZH_STATED: readonly (readonly [RegExp, (match: RegExpExecArray) => string])[] = [
  [/^unit must be one of: (.+) \(UCUM codes\)$/, (m) => `单位须为以下之一：${m[1]}（UCUM 编码）`],
  [/^must be a finite number$/, () => '须为有限数值'],
  [/^must be 0 or at least (\S+)$/, (m) => `须为 0 或不小于 ${m[1]}`],
  [/^earliest must not be after latest$/, () => 'earliest 不得晚于 latest'],
  [/^is not a calendar date$/, () => '不是有效的日历日期'],
  [/^must be a FHIR date: (.+)$/, (m) => `须为 FHIR date 格式：${orInChinese(m[1] ?? '')}`],
  [/^must be a FHIR dateTime: (.+)$/, (m) => `须为 FHIR dateTime 格式：${orInChinese(m[1] ?? '')}`],
  [/^must be a FHIR resource type$/, () => '须为 FHIR 资源类型'],
  [/^must be "(\w+)"$/, (m) => `须为 "${m[1]}"`],
  [/^the body must be a JSON object with resourceType "(\w+)"$/, (m) => `请求体须为 resourceType 为 "${m[1]}" 的 JSON 对象`],
  [/^nests deeper than (\d+) levels$/, (m) => `嵌套超过 ${m[1]} 层`],
  [/^a second Patient; a Bundle must be about one patient$/, () => '第二个 Patient：一个 Bundle 只能涉及一位患者'],
  [/^(\d+) elements? (?:is|are) malformed( \(first (\d+) listed\))?$/, (m) => `${m[1]} 个元素格式有误${m[2] ? `（列出前 ${m[3]} 个）` : ''}`],
  [/^the Bundle is malformed$/, () => 'Bundle 格式有误'],
  [/^the body is not a FHIR Bundle$/, () => '请求体不是 FHIR Bundle'],
  [/^limit must be between (\d+) and (\d+)$/, (m) => `limit 须在 ${m[1]} 与 ${m[2]} 之间`],
];

const ZH: IssueWords = {
  unknownField: '不是已知字段；请删除或检查拼写',
  invalidKey: (inner) => `含无效的键：${inner}`,
  notAllowed: '此处不允许填写',
  leaveOut: '须留空',
  required: '为必填项',
  requiredType: (noun) => `为必填项（${noun}）`,
  expected: (noun) => `应为${noun}`,
  expectedReceived: (noun, received) => `应为${noun}，收到的是${received}`,
  nouns: ZH_NOUNS,
  received: {
    null: 'null',
    array: '数组',
    nan: 'NaN',
    infinite: '无穷大的数',
    integer: '整数',
    fraction: '带小数的数',
    string: '字符串',
    boolean: '布尔值',
    object: '对象',
  },
  bound: (side, origin, bound, inclusive, exact) => {
    switch (origin) {
      case 'string':
        if (exact) return `长度须恰为 ${bound} 个字符`;
        if (side === 'min') return Number(bound) === 1 && inclusive ? '不能为空' : `至少须有 ${bound} 个字符`;
        return `最多 ${bound} 个字符`;
      case 'array':
        if (exact) return `须恰有 ${bound} 项`;
        if (side === 'min') return Number(bound) === 1 && inclusive ? '不能为空' : `至少须有 ${bound} 项`;
        return `最多 ${bound} 项`;
      case 'file':
        return side === 'min' ? `至少须为 ${bound} 字节` : `最多 ${bound} 字节`;
      case 'date':
        if (side === 'min') return inclusive ? `须不早于 ${dayOf(bound)}` : `须晚于 ${dayOf(bound)}`;
        return inclusive ? `须不晚于 ${dayOf(bound)}` : `须早于 ${dayOf(bound)}`;
      case 'number':
        if (exact) return `须恰为 ${bound}`;
        if (side === 'min') return inclusive ? `须不小于 ${bound}` : `须大于 ${bound}`;
        return inclusive ? `须不大于 ${bound}` : `须小于 ${bound}`;
    }
  },
  noValueAllowed: '此处不允许任何值',
  mustBe: (value) => `须为 ${value}`,
  oneOf: (values) => `须为以下之一：${values.join('、')}`,
  formats: {
    date: '须为按 YYYY-MM-DD 书写的日历日期（如 2026-11-20）',
    datetime: '须为 ISO 8601 日期时间（如 2026-11-20T08:30:00Z）',
    time: '须为 HH:MM[:SS] 格式的时间',
    duration: '须为 ISO 8601 时长（如 P28D）',
    email: '须为电子邮件地址',
    url: '须为 URL',
    uuid: '须为 UUID',
    guid: '须为 UUID',
    ulid: '须为 ULID',
    ipv4: '须为 IPv4 地址',
    ipv6: '须为 IPv6 地址',
    base64: '须为 base64 编码',
    base64url: '须为 base64url 编码',
    jwt: '须为 JSON Web Token',
    lowercase: '须为小写',
    uppercase: '须为大写',
  },
  validFormat: (format) => `须为有效的 ${format}`,
  pattern: (pattern) => (pattern === '' ? '格式不符' : `须符合格式 ${pattern}`),
  startsWith: (prefix) => `须以 "${prefix}" 开头`,
  endsWith: (suffix) => `须以 "${suffix}" 结尾`,
  includes: (part) => `须包含 "${part}"`,
  multipleOf: (divisor) => `须为 ${divisor} 的倍数`,
  invalid: '无效',
  unionAmbiguous: '同时符合多种允许的形式；只能符合其中一种',
  unionNoValue: '没有允许的值',
  unionNone: '不符合任何允许的形式',
  unionAlternatives: (alternatives) => `不符合任何允许的形式：${alternatives.join('；或 ')}`,
  stated: (message) => {
    for (const [form, word] of ZH_STATED) {
      const match = form.exec(message);
      if (match) return word(match);
    }
    return undefined;
  },
};

export const ISSUE_WORDS: Readonly<Record<Locale, IssueWords>> = { en: EN, 'zh-CN': ZH };

/** A message a schema or a reader worded in English, in `locale`; unchanged when it has no translation. */
export function statedIn(message: string, locale: Locale): string {
  return ISSUE_WORDS[locale].stated(message) ?? message;
}
