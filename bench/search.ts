/**
 * bench/search: index 10,000 Chinese documents (built from the service
 * guides' vocabulary), then time queries: p50/p99 with the ranked index,
 * beside a bare linear scan (fold + substring test over every document)
 * in the same run. Also the index build time and the memory it takes.
 *
 *   npx tsx bench/search.ts [docs=10000] [queries=2000]
 *
 * Everything stays in memory: the bench writes no files, so there is nothing to clean up.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { GUIDES } from '../src/modules/guides/seed-data.js';
import { fold, type SearchDoc, SearchIndex } from '../src/platform/search/index.js';

const N = Number(process.argv[2] ?? 10_000);
const Q = Number(process.argv[3] ?? 2000);
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
const queries = Array.from({ length: Q }, () => pick(['謄本', '身分證', '身份證', '出生登記', '結婚', '門牌', '印鑑證明', '歸化', '夜間服務', '罰鍰', '戶口名簿', '英文謄本', '委託書', '遷出國外', '量子電腦']));

global.gc?.();
const before = process.memoryUsage().heapUsed;
let t0 = performance.now();
const index = new SearchIndex(docs, [['身分證', '身份證'], ['戶籍謄本', '戶口謄本', '謄本']]);
const buildMs = performance.now() - t0;
global.gc?.();
const heapMb = (process.memoryUsage().heapUsed - before) / 1024 / 1024;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] ?? 0;
const ranked: number[] = [];
let found = 0;
for (const q of queries) {
  t0 = performance.now();
  const hits = index.search(q).slice(0, 10);
  ranked.push(performance.now() - t0);
  found += hits.length ? 1 : 0;
}
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
console.log(`search: ${N.toLocaleString()} documents, ${Q.toLocaleString()} queries, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}`);
console.log(`  index build ${buildMs.toFixed(0)} ms, about ${heapMb.toFixed(0)} MB of heap (run with --expose-gc for an exact figure)`);
console.log(`  ranked index (BM25, bigrams, synonyms): p50 ${pct(ranked, 50).toFixed(2)} ms, p99 ${pct(ranked, 99).toFixed(2)} ms; ${found} queries found something`);
console.log(`  linear substring scan, same run:         p50 ${pct(linear, 50).toFixed(2)} ms, p99 ${pct(linear, 99).toFixed(2)} ms; ${linearFound} found something (no ranking, no synonyms)`);
