/**
 * What the physician has typed (a draft: text as typed, nested like the profile) and the profile it stands for.
 * Empty inputs are left out, never sent as empty strings or zeros: absent means unknown. A unit's default applies
 * only to a value the physician typed, so an untouched hemoglobin stays absent.
 */
import type { FormField, GroupField, ListField } from './model.js';

export type DraftValue = string | readonly string[] | Draft | readonly Draft[];
export interface Draft {
  readonly [key: string]: DraftValue | undefined;
}

/** The draft value of a list that says "none" (an empty list in the profile). */
export const NONE = 'none';

/** A text the physician typed that cannot be a value (a number field holding "7,5x"). */
export interface DraftProblem {
  readonly path: string;
  readonly code: 'not-a-number' | 'not-a-date';
}

type Json = string | number | boolean | Json[] | { [key: string]: Json };

const isDraft = (value: DraftValue | undefined): value is Draft =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Full-width digits and punctuation (a Chinese input method's) read as their ASCII twins. */
const halfWidth = (text: string): string => text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3002/g, '.');

/** A decimal as physicians in China and elsewhere type it: full-width digits, a comma for the decimal point. */
export function parseDecimal(text: string): number | undefined {
  const normalised = halfWidth(text).trim().replace(',', '.');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(normalised)) return undefined;
  const value = Number(normalised);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * A calendar day as typed: `2026-11-20`, `2026/11/20`, `2026.11.20`, `20261120` or `2026年11月20日`, with full-width
 * digits too. Dates are entered year first in both languages, never as a browser's `mm/dd/yyyy` (11/05 and 05/11
 * must not be confused). Whether the day exists is the schema's check.
 */
export function parseDay(text: string): string | undefined {
  const normalised = halfWidth(text).trim().replace(/日$/, '').replace(/[年月/.]/g, '-');
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(normalised) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(normalised);
  if (!match) return undefined;
  const [, year, month = '', day = ''] = match;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

function leafValue(field: FormField, raw: string, path: string, problems: DraftProblem[]): Json | undefined {
  const text = raw.trim();
  if (text === '') return undefined;
  switch (field.kind) {
    case 'number': {
      const value = parseDecimal(text);
      if (value === undefined) {
        problems.push({ path, code: 'not-a-number' });
        return undefined;
      }
      return value;
    }
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : undefined;
    case 'date': {
      const day = parseDay(text);
      if (day === undefined) {
        problems.push({ path, code: 'not-a-date' });
        return undefined;
      }
      return day;
    }
    default:
      return text;
  }
}

function listValue(field: ListField, raw: DraftValue | undefined, path: string, problems: DraftProblem[]): Json[] | undefined {
  if (raw === NONE && field.emptyMeansNone) return [];
  if (!Array.isArray(raw)) return undefined;
  const items = (raw as readonly DraftValue[])
    .map((item, index) => (isDraft(item) ? groupValue(field.item, item, `${path}.${index}`, problems) : undefined))
    .filter((item): item is { [key: string]: Json } => item !== undefined);
  return items.length > 0 ? items : undefined;
}

function groupValue(group: GroupField, draft: Draft | undefined, path: string, problems: DraftProblem[]): { [key: string]: Json } | undefined {
  if (!draft) return undefined;
  const out: { [key: string]: Json } = {};
  let filled = false;
  for (const child of group.children) {
    const raw = draft[child.key];
    const childPath = path === '' ? child.key : `${path}.${child.key}`;
    let value: Json | undefined;
    switch (child.kind) {
      case 'group':
        value = groupValue(child, isDraft(raw) ? raw : undefined, childPath, problems);
        break;
      case 'list':
        value = listValue(child, raw, childPath, problems);
        break;
      case 'multi':
        value = Array.isArray(raw) && raw.length > 0 ? (raw as string[]).filter((v) => typeof v === 'string') : undefined;
        break;
      default:
        value = typeof raw === 'string' ? leafValue(child, raw, childPath, problems) : undefined;
    }
    if (value !== undefined) {
      out[child.key] = value;
      filled = true;
    }
  }
  if (!filled) return undefined;
  // A unit qualifies its value: it is defaulted when a value was typed, never sent for a value that is not there.
  if (out['value'] !== undefined) {
    for (const child of group.children) {
      if (child.kind === 'choice' && child.defaultOption !== undefined && out[child.key] === undefined) out[child.key] = child.defaultOption;
    }
  }
  return out;
}

/** The profile a draft stands for (not yet validated), and the texts that could not be read. */
export function profileFromDraft(root: GroupField, draft: Draft): { readonly profile: Record<string, unknown>; readonly problems: readonly DraftProblem[] } {
  const problems: DraftProblem[] = [];
  return { profile: groupValue(root, draft, '', problems) ?? {}, problems };
}

function draftOfValue(field: FormField, value: unknown): DraftValue | undefined {
  if (value === undefined || value === null) return undefined;
  switch (field.kind) {
    case 'group':
      return typeof value === 'object' && !Array.isArray(value) ? draftFromProfile(field, value as Record<string, unknown>) : undefined;
    case 'list': {
      const items = Array.isArray(value) ? value : typeof value === 'object' ? [value] : [];
      if (items.length === 0) return field.emptyMeansNone ? NONE : undefined;
      return items.map((item) => draftFromProfile(field.item, item as Record<string, unknown>));
    }
    case 'multi':
      return Array.isArray(value) ? value.map(String) : undefined;
    default:
      return String(value);
  }
}

/** The draft that shows a profile in the form (editing a referral, a dropped file). */
export function draftFromProfile(group: GroupField, profile: Record<string, unknown>): Draft {
  const draft: Record<string, DraftValue> = {};
  for (const child of group.children) {
    const value = draftOfValue(child, Object.hasOwn(profile, child.key) ? profile[child.key] : undefined);
    if (value !== undefined) draft[child.key] = value;
  }
  return draft;
}

/** The draft with one value replaced: `path` is an instance path (`blasts.1.percent`). */
export function setDraftValue(draft: Draft, path: string, value: DraftValue | undefined): Draft {
  const [head, ...rest] = path.split('.');
  if (head === undefined) return draft;
  if (rest.length === 0) {
    const { [head]: _previous, ...others } = draft;
    return value === undefined ? others : { ...others, [head]: value };
  }
  const child = draft[head];
  const [index, ...afterIndex] = rest;
  if (index !== undefined && /^\d+$/.test(index)) {
    const list = Array.isArray(child) ? [...(child as readonly Draft[])] : [];
    const position = Number(index);
    const item = isDraft(list[position]) ? (list[position] as Draft) : {};
    list[position] = afterIndex.length === 0 ? ((value as Draft | undefined) ?? {}) : setDraftValue(item, afterIndex.join('.'), value);
    return { ...draft, [head]: list };
  }
  return { ...draft, [head]: setDraftValue(isDraft(child) ? child : {}, rest.join('.'), value) };
}

/** The value at an instance path. */
export function draftValue(draft: Draft, path: string): DraftValue | undefined {
  let current: DraftValue | undefined = draft;
  for (const segment of path.split('.')) {
    if (current === undefined || typeof current === 'string') return undefined;
    current = Array.isArray(current) ? (current as readonly DraftValue[])[Number(segment)] : (current as Draft)[segment];
  }
  return current;
}

/** The list at `path` without its item at `index`. */
export function removeListItem(draft: Draft, path: string, index: number): Draft {
  const list = draftValue(draft, path);
  const items = Array.isArray(list) ? (list as readonly Draft[]).filter((_, i) => i !== index) : [];
  return setDraftValue(draft, path, items.length > 0 ? items : undefined);
}
