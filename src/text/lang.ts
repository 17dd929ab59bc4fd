/** Languages of everything slaguard shows people (pages, notifications, reports); zh-CN is the default. */
export type Lang = 'zh-CN' | 'en';

export const LANGS: readonly Lang[] = ['zh-CN', 'en'];

/** A text in both languages, as config, rule packs and message tables give it. */
export type Localized<T = string> = { readonly 'zh-CN': T; readonly en: T };

/** `?lang=` wins, then the first supported language in Accept-Language, then zh-CN. */
export function pickLang(query: string | undefined, acceptLanguage: string | undefined): Lang {
  if (query === 'en' || query === 'zh-CN' || query === 'zh') return query === 'en' ? 'en' : 'zh-CN';
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase();
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}
