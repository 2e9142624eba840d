/** The languages the service speaks, and how a caller's `Accept-Language` chooses one (RFC 9110 §12.5.4). */

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** The best supported language for an Accept-Language header: quality first, then order; `en` when none fits. */
export function negotiateLocale(acceptLanguage: string | undefined): Locale {
  if (acceptLanguage === undefined || acceptLanguage.length > 1000) return DEFAULT_LOCALE;
  let best: Locale | undefined;
  let bestQuality = 0;
  for (const part of acceptLanguage.split(',')) {
    const [rawTag = '', ...params] = part.trim().split(';');
    const tag = rawTag.trim().toLowerCase();
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const quality = q === undefined ? 1 : Number(q.slice(2));
    if (!Number.isFinite(quality) || quality <= bestQuality) continue;
    const locale = tag === 'zh' || tag.startsWith('zh-') ? 'zh-CN' : tag === 'en' || tag.startsWith('en-') ? 'en' : undefined;
    if (locale) {
      best = locale;
      bestQuality = quality;
    }
  }
  return best ?? DEFAULT_LOCALE;
}

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}
