/** The app's words in the chosen language, and how a profile field's label, help and choices are found. */
import type { Locale } from '#i18n/locale.js';
import type { FormField } from '../form/model.js';
import { EN, type Messages } from './en.js';
import { ZH_CN } from './zh-cn.js';

export const MESSAGES: Readonly<Record<Locale, Messages>> = { en: EN, 'zh-CN': ZH_CN };

const lastKey = (path: string): string => path.slice(path.lastIndexOf('.') + 1);
const own = <T>(table: Readonly<Record<string, T>>, key: string): T | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);

/** The label of a field: its own, or the common label of fields with its name (`value`, `date`). */
export function fieldLabel(messages: Messages, path: string): string | undefined {
  return own(messages.fields, path)?.label ?? own(messages.leaves, lastKey(path));
}

export function fieldHelp(messages: Messages, path: string): string | undefined {
  const entry = own(messages.fields, path) as { readonly help?: string } | undefined;
  return entry?.help;
}

/** A choice's words: units as labs print them, ECOG with what each score means, every other code by name. */
export function optionLabel(messages: Messages, field: FormField, option: string): string | undefined {
  if (field.kind === 'choice' && field.unit) return own(messages.units, option);
  if (field.path === 'ecog.score') return own(messages.ecogScores, option);
  return own(messages.options, option);
}

export function booleanLabel(messages: Messages, path: string, value: boolean): string {
  const words = own(messages.booleans, lastKey(path)) ?? messages.booleans.default;
  return value ? words.true : words.false;
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** The site's clock: every time is shown in China Standard Time, whatever the browser's time zone. */
export const SITE_TIME_ZONE = 'Asia/Shanghai';

function dateTimeFormat(withTime: boolean): Intl.DateTimeFormat {
  const key = String(withTime);
  let format = dateTimeFormats.get(key);
  if (!format) {
    // en-CA gives YYYY-MM-DD; with hourCycle h23 a 24-hour clock, as hospitals in China write times.
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: SITE_TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
    });
    dateTimeFormats.set(key, format);
  }
  return format;
}

/** `2026-11-25 14:03` in Asia/Shanghai, from an ISO instant. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = Object.fromEntries(dateTimeFormat(true).formatToParts(date).map((part) => [part.type, part.value]));
  return `${parts['year']}-${parts['month']}-${parts['day']} ${parts['hour']}:${parts['minute']}`;
}

/** `2026-11-25` in Asia/Shanghai, from an ISO instant. */
export function formatDay(iso: string): string {
  return formatDateTime(iso).slice(0, 10);
}
