/** The terminal's language from the POSIX locale variables: `zh_CN.UTF-8` → zh-CN; anything else → English. */
import type { Locale } from '#i18n/locale.js';

export function terminalLanguage(env: Readonly<Record<string, string | undefined>>): Locale {
  const setting = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
  return setting.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
