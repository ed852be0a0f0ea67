/** Diagram labels come in both languages; a page passes `lang`, or the URL decides. */
export type Lang = 'zh' | 'en';
export function pickLang(explicit: Lang | undefined, url: URL): Lang {
  if (explicit) return explicit;
  return /(^|\/)en(\/|$)/.test(url.pathname) ? 'en' : 'zh';
}
export const L = (lang: Lang) => (zh: string, en: string) => (lang === 'zh' ? zh : en);
