#!/usr/bin/env node
// Punctuation and spacing of the zh-Hant message catalogs (the platform's and
// every module's ModuleCatalog). Usage: node scripts/check-zh-punct.mjs
// Prints each offence as file:line key [rule] and exits 1 when there is one.
// The project's style: full-width ：，；（）！？ in Chinese text, no space
// beside full-width punctuation or between two Chinese characters, a space
// between Chinese and Latin letters or digits (「第 3 步」), and dates written
// as one token without spaces (民國115年12月12日), as the ROC formatter writes them.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HAN = '\\p{Script=Han}';
const FULL = '，。：；！？、（）「」『』《》〈〉';
const isHan = (c) => c !== undefined && /\p{Script=Han}/u.test(c);
const isHanOrFull = (c) => c !== undefined && (isHan(c) || FULL.includes(c));

/**
 * Placeholders whose zh-Hant value starts and ends with a Chinese character (a 民國
 * date, an office, a person, a title …): a space beside them becomes a space between
 * two Chinese characters once filled in (「今天是 民國115年」). Instants ({at}, {when}:
 * 民國115年11月23日 09:00) start with one and end in digits. {time} and {until} are
 * an instant in some texts and a bare 09:00 in others, so they are checked where used.
 */
const CHINESE_VALUES = new Set(['date', 'on', 'due', 'office', 'county', 'name', 'who', 'title', 'plan', 'item', 'guide', 'subject', 'month', 'quarter', 'period', 'previous', 'lastYear', 'state', 'figure', 'successor']);
const CHINESE_START = new Set([...CHINESE_VALUES, 'at', 'when']);

/**
 * Texts that quote what someone types or what a file holds, where the half-width
 * character or the space is the point. Key → why.
 */
export const ALLOWED = {
  'err.calendar.csvHeader': 'quotes the CSV header row of the government office-calendar file, commas and all',
  'content.staff.synonymsHint': 'shows the synonym syntax; the parser splits on the half-width comma as typed',
  'content.f.bodyHint': '「- 」 is the list marker as typed, space included',
  'surveys.def.line': 'the question syntax: fields separated by spaces',
  'surveys.f.syntaxBody': 'the question syntax, typed as shown',
};

/** One rule: a name and a function returning the indexes of its offences in `s`. */
const RULES = [
  ['half-width punctuation beside Chinese', (s) => matches(s, new RegExp(`(?<=${HAN} *)[:,;!?]|[:,;!?](?=${HAN})`, 'gu'))],
  ['half-width parentheses around Chinese', halfWidthParens],
  ['space beside full-width punctuation', (s) => matches(s, new RegExp(`[ \\t](?=[${FULL}])|(?<=[${FULL}])[ \\t]`, 'gu'))],
  ['space between Chinese characters', (s) => matches(s, new RegExp(`(?<=${HAN}) +(?=${HAN})`, 'gu'))],
  ['space beside a placeholder that is Chinese', spacedChinesePlaceholder],
  ['space inside a date', (s) => matches(s, /民國前? +|\{(?:year|roc)\} +年|(?<=[\d}]) +(?=月)|(?<=月) +(?=[\d{][\w{}]* *日)|(?<=[\d}] *年) +(?=[\d{][\w{}]* *月)|(?<=[\d}]) +(?=年 *[\d{])/gu)],
];

function matches(s, re) {
  return [...s.matchAll(re)].map((m) => m.index);
}

/** (…) is Chinese text's when it holds Chinese, touches it, or stands between Chinese and Chinese (or the end): 「占比 (%)」, not 「(03) 555-0101」. */
function halfWidthParens(s) {
  const out = [];
  for (const m of s.matchAll(/\(([^()]*)\)/g)) {
    const start = m.index;
    const end = start + m[0].length;
    const before = s.slice(0, start).trimEnd().at(-1);
    const after = s.slice(end).trimStart()[0];
    const chinese = new RegExp(HAN, 'u').test(m[1]) || isHan(s[start - 1]) || isHan(s[end]);
    if (chinese || (isHanOrFull(before) && (after === undefined || isHanOrFull(after)))) out.push(start);
  }
  return out;
}

function spacedChinesePlaceholder(s) {
  const out = [];
  for (const m of s.matchAll(/ +\{(\w+)\}|\{(\w+)\} +/g)) {
    const before = s.slice(0, m.index);
    const after = s.slice(m.index + m[0].length);
    if (m[1] !== undefined ? CHINESE_START.has(m[1]) && endsChinese(before) : CHINESE_VALUES.has(m[2]) && startsChinese(after)) out.push(m[1] !== undefined ? m.index : m.index + m[0].trimEnd().length);
  }
  return out;
}

/** Ends with a Chinese character, full-width punctuation or a placeholder whose value does. */
function endsChinese(s) {
  const m = /\{(\w+)\}$/.exec(s);
  return m ? CHINESE_VALUES.has(m[1]) : isHanOrFull(s.at(-1));
}

function startsChinese(s) {
  const m = /^\{(\w+)\}/.exec(s);
  return m ? CHINESE_START.has(m[1]) : isHanOrFull(s[0]);
}

/** Every offence in one zh-Hant text: [{ rule, at, excerpt }]. */
export function offencesIn(text) {
  const found = [];
  for (const [rule, find] of RULES) {
    for (const at of find(text)) found.push({ rule, at, excerpt: excerpt(text, at) });
  }
  return found.sort((a, b) => a.at - b.at);
}

function excerpt(text, at) {
  const from = Math.max(0, at - 8);
  return `${from > 0 ? '…' : ''}${text.slice(from, at)}⟦${text[at]}⟧${text.slice(at + 1, at + 9)}${at + 9 < text.length ? '…' : ''}`.replace(/\n/g, '⏎');
}

/** The files holding zh-Hant catalogs: the platform's, and every module's exported ModuleCatalog. */
export function catalogFiles(root) {
  const out = [join(root, 'src/platform/i18n/zh-Hant.ts')];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && /export const \w+: ModuleCatalog\b/.test(readFileSync(p, 'utf8'))) out.push(p);
    }
  };
  walk(join(root, 'src'));
  return out;
}

/** Each zh-Hant text as { file, line, key, text }; `load` imports a TypeScript file by absolute path (vitest's import, or tsx's tsImport). */
export async function catalogTexts(root, load) {
  const texts = [];
  for (const file of catalogFiles(root)) {
    const source = readFileSync(file, 'utf8');
    const mod = await load(file);
    for (const [name, value] of Object.entries(mod)) {
      const catalog = name === 'zhHant' ? value : value?.['zh-Hant'];
      if (!catalog || typeof catalog !== 'object') continue;
      for (const [key, text] of Object.entries(catalog)) {
        if (typeof text === 'string') texts.push({ file: relative(root, file), line: lineOf(source, key), key, text });
      }
    }
  }
  return texts;
}

function lineOf(source, key) {
  const at = source.search(new RegExp(`['"]${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"]\\s*:`));
  return at < 0 ? 0 : source.slice(0, at).split('\n').length;
}

/** Offences across the catalogs, the allowed texts left out; one text in several catalogs is reported once. */
export async function checkCatalogs(root, load) {
  const seen = new Set();
  const offences = [];
  for (const t of await catalogTexts(root, load)) {
    const id = `${t.file}\u0000${t.key}`;
    if (seen.has(id) || Object.hasOwn(ALLOWED, t.key)) continue;
    seen.add(id);
    for (const o of offencesIn(t.text)) offences.push({ ...t, ...o });
  }
  return offences;
}

async function main() {
  const { tsImport } = await import('tsx/esm/api');
  const root = fileURLToPath(new URL('..', import.meta.url));
  const offences = await checkCatalogs(root, (file) => tsImport(pathToFileURL(file).href, import.meta.url));
  for (const o of offences) console.log(`${o.file}:${o.line} ${o.key} [${o.rule}] ${o.excerpt}`);
  if (offences.length > 0) {
    console.log(`\n${offences.length} offences in the zh-Hant catalogs.`);
    process.exit(1);
  }
  console.log('zh-Hant catalogs: no punctuation or spacing offences.');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
