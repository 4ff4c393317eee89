/**
 * bench/search: index 10,000 Chinese documents (built from the service
 * guides' vocabulary), then time queries: p50/p99 with the product's index
 * (BM25 in bm25.ts) and the same ranking on MiniSearch, both fed by our
 * tokenizer, beside a bare linear scan (fold + substring test over every
 * document) in the same run. Traditional queries
 * and Simplified ones (converted with OpenCC before searching) are timed
 * apart. Also the index build time, the memory it takes, and the one-off
 * cost of building the Simplified→Traditional converter.
 *
 *   npx tsx bench/search.ts [docs=10000] [queries=600]
 *
 * Everything stays in memory: the bench writes no files, so there is nothing to clean up.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { STARTING_VOCABULARY } from '../src/db/migrations/0030_search_vocabulary.js';
import { CITIZEN_QUERIES } from '../src/modules/content/citizen-queries.js';
import { parseThesaurus } from '../src/modules/content/search.js';
import { GUIDES } from '../src/modules/guides/seed-data.js';
import { fold, type RankerFactory, type SearchDoc, SearchIndex, toTraditional } from '../src/platform/search/index.js';
import { miniSearchRanker } from './lib/minisearch-ranker.js';

const N = Number(process.argv[2] ?? 10_000);
const Q = Number(process.argv[3] ?? 600);
let x = 42;
const rand = () => {
  x = (x * 48271) % 2147483647;
  return x / 2147483647;
};
const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)] as T;

const phrases = GUIDES.flatMap((g) => [g.name[0], g.who[0], g.fee[0], g.deadline[0], ...g.documents.map((d) => d.zh)]);
const extra = ['本所提醒民眾', '請於上班時間前往辦理', '逾期將處以罰鍰', '可以線上預約', '颱風停止上班', '夜間延長服務', '新住民歸化說明會', '原住民傳統名字'];
const docs: SearchDoc[] = Array.from({ length: N }, (_v, i) => ({
  key: `doc:${i}`,
  kind: pick(['news', 'faq', 'guide', 'opengov']),
  category: 'x',
  locale: 'zh-Hant',
  title: `${pick(phrases)}${pick(['', '說明', '公告', '常見問題'])}`,
  body: Array.from({ length: 6 + Math.floor(rand() * 10) }, () => pick([...phrases, ...extra])).join('。'),
  url: `/d/${i}`,
  date: null,
}));
const TRADITIONAL = ['謄本', '身分證', '身份證', '出生登記', '結婚', '門牌', '印鑑證明', '歸化', '夜間服務', '罰鍰', '戶口名簿', '英文謄本', '委託書', '遷出國外', '量子電腦'];
const SIMPLIFIED = ['身份证', '户籍誊本', '结婚登记', '出生登记', '门牌', '印鉴证明', '户口名簿', '英文誊本', '委托书', '迁出国外', '夜间服务', '罚款'];
const queries = Array.from({ length: Q }, () => pick(TRADITIONAL));
const simplified = Array.from({ length: Math.ceil(Q / 3) }, () => pick(SIMPLIFIED));
// the packages' exports hide package.json from import and require: read it as a file
const version = (name: string) => (JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8')) as { version: string }).version;
// the demo's synonym groups and the starting vocabulary of everyday words (migration 0030), as a new county has them
const THESAURUS = parseThesaurus(['身分證, 身份證, 國民身分證', '戶籍謄本, 戶口謄本, 謄本', '出生登記, 報戶口, 新生兒', '結婚登記, 登記結婚', '外籍配偶, 新住民, 外配', ...STARTING_VOCABULARY]);
// citizens' questions, everyday words, typos and English (issue 21's set): understood before the index sees them
const citizen = Array.from({ length: Q }, () => pick(CITIZEN_QUERIES)[1]);
function build(ranker?: RankerFactory) {
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  const t = performance.now();
  const index = new SearchIndex(docs, THESAURUS, ranker);
  const ms = performance.now() - t;
  global.gc?.();
  return { index, ms, heapMb: (process.memoryUsage().heapUsed - before) / 1024 / 1024 };
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] ?? 0;
/** Every query ranked afresh (rank(): nothing remembered), then asked through search() (remembered after its first sight). */
function time(index: SearchIndex, qs: string[]): { uncached: number[]; repeated: number[]; found: number } {
  const uncached: number[] = [];
  const repeated: number[] = [];
  let found = 0;
  for (const q of qs) {
    const t = performance.now();
    found += index.rank(q).slice(0, 10).length ? 1 : 0;
    uncached.push(performance.now() - t);
  }
  const seen = new Set<string>();
  for (const q of qs) {
    const t = performance.now();
    index.search(q).slice(0, 10);
    if (seen.has(q)) repeated.push(performance.now() - t);
    seen.add(q);
  }
  return { uncached, repeated, found };
}
let t0 = performance.now();
toTraditional('身份证');
const converterMs = performance.now() - t0;
const ours = build();
const mini = build(miniSearchRanker);
const oursT = time(ours.index, queries);
const oursS = time(ours.index, simplified);
const oursC = time(ours.index, citizen);
// understanding alone (folding, question words, everyday words, synonyms): what issue 21 added in front of the index
const planned: number[] = [];
for (const q of citizen) {
  t0 = performance.now();
  ours.index.plan(q);
  planned.push(performance.now() - t0);
}
const miniT = time(mini.index, queries);
// the ceiling a naive site would have: fold every document and test for the query text
const folded = docs.map((d) => fold(`${d.title} ${d.body}`));
const linear: number[] = [];
let linearFound = 0;
for (const q of queries) {
  t0 = performance.now();
  const f = fold(q);
  let n = 0;
  for (const d of folded) if (d.includes(f)) n++;
  linear.push(performance.now() - t0);
  linearFound += n ? 1 : 0;
}
const ms = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(2)} ms, p99 ${pct(xs, 99).toFixed(2)} ms`;
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(1)}×` : 'n/a');
console.log(`search: ${N.toLocaleString()} documents, ${Q.toLocaleString()} queries, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, load ${os.loadavg()[0]?.toFixed(1)}`);
console.log(`  Simplified→Traditional converter (opencc-js ${version('opencc-js')}, cn→twp) built once in ${converterMs.toFixed(0)} ms`);
console.log(`  build: ours (bm25.ts) ${ours.ms.toFixed(0)} ms, ${ours.heapMb.toFixed(0)} MB; MiniSearch ${version('minisearch')} ${mini.ms.toFixed(0)} ms, ${mini.heapMb.toFixed(0)} MB (heap exact with --expose-gc)`);
console.log(`  ours, every query ranked afresh:      ${ms(oursT.uncached)}; ${oursT.found} found something`);
console.log(`  MiniSearch, same queries, same run:   ${ms(miniT.uncached)}; ${miniT.found} found something`);
console.log(`  ours, repeated queries (remembered):  ${ms(oursT.repeated)}`);
console.log(`  ours, Simplified queries afresh:      ${ms(oursS.uncached)}; ${oursS.found} of ${simplified.length} found something`);
console.log(`  ours, citizen-phrased queries afresh:  ${ms(oursC.uncached)}; ${oursC.found} of ${citizen.length} found something; repeated ${ms(oursC.repeated)}`);
console.log(`  understanding the query alone:       ${ms(planned)} (${THESAURUS.oneWay.length} everyday lines, ${THESAURUS.groups.length} synonym groups)`);
console.log(`  linear substring scan, same run:      ${ms(linear)}; ${linearFound} found something (no ranking, no synonyms, Traditional only)`);
console.log(`  ratios p99: ours/MiniSearch ${ratio(pct(oursT.uncached, 99), pct(miniT.uncached, 99))}, ours/linear ${ratio(pct(oursT.uncached, 99), pct(linear, 99))}; target p99 ≤ 1 ms: ${pct(oursT.uncached, 99) <= 1 ? 'met' : 'missed'} afresh, ${pct(oursT.repeated, 99) <= 1 ? 'met' : 'missed'} repeated`);
