// Types for scripts/check-zh-punct.mjs, which the i18n punctuation test imports.
export interface Offence {
  rule: string;
  at: number;
  excerpt: string;
}
export interface CatalogText {
  file: string;
  line: number;
  key: string;
  text: string;
}
export type Load = (file: string) => Promise<Record<string, unknown>>;
export const ALLOWED: Record<string, string>;
export function offencesIn(text: string): Offence[];
export function catalogFiles(root: string): string[];
export function catalogTexts(root: string, load: Load): Promise<CatalogText[]>;
export function checkCatalogs(root: string, load: Load): Promise<(CatalogText & Offence)[]>;
