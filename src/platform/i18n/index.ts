import { en } from './en.js';
import { zhHant } from './zh-Hant.js';

/** zh-Hant first; English second. Other languages plug in as another catalog. */
export const LOCALES = ['zh-Hant', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export type MessageKey = keyof typeof zhHant;
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey | string, params?: Params) => string;

const CATALOGS: Record<Locale, Record<MessageKey, string>> = { 'zh-Hant': zhHant, en };

/** Value for `<html lang>`: zh-Hant pages are `zh-Hant-TW` so screen readers pick Taiwanese Mandarin. */
export const HTML_LANG: Record<Locale, string> = { 'zh-Hant': 'zh-Hant-TW', en: 'en' };

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

/** Accepts the forms people and links use: zh, zh-TW, zh-Hant, en, en-GB … */
export function toLocale(v: string | undefined | null): Locale | undefined {
  if (!v) return undefined;
  const s = v.toLowerCase();
  if (s.startsWith('en')) return 'en';
  if (s.startsWith('zh')) return 'zh-Hant';
  return undefined;
}

export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(zhHant, key);
}

/** A module's own strings: the en half must have every key of the zh-Hant half (the type checks it). */
export interface ModuleCatalog<K extends string = string> {
  'zh-Hant': Record<K, string>;
  en: Record<K, string>;
}

const extra: Record<Locale, Record<string, string>> = { 'zh-Hant': {}, en: {} };

export function registerCatalog(c: ModuleCatalog): void {
  Object.assign(extra['zh-Hant'], c['zh-Hant']);
  Object.assign(extra.en, c.en);
}

/** Is there a string for this key, in the platform catalog or a module's? (For words looked up from data: audit actions.) */
export function knowsMessage(key: string): boolean {
  return hasMessage(key) || Object.hasOwn(extra['zh-Hant'], key);
}

export function translator(locale: Locale): Translate {
  const catalog = CATALOGS[locale];
  const more = extra[locale];
  return (key, params) => {
    const template = hasMessage(key) ? catalog[key] : (more[key] ?? key);
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  };
}
