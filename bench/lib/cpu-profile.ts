/**
 * Summarises V8 CPU profiles (node --cpu-prof): self time by function and
 * by file, the top rows of each.
 *
 *   npx tsx bench/lib/cpu-profile.ts DIR_OR_FILE [rows=25]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const target = process.argv[2] ?? '.';
const rows = Number(process.argv[3] ?? 25);
const files = statSync(target).isDirectory() ? readdirSync(target).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(target, f)) : [target];
const byFn = new Map<string, number>();
const byFile = new Map<string, number>();
let total = 0;
const short = (url: string) => url.replace(/^file:\/\//, '').replace(/.*\/node_modules\//, 'nm:').replace(/.*\/work\/main\//, '');
for (const file of files) {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const nodes = new Map(p.nodes.map((n) => [n.id, n]));
  p.samples.forEach((id, i) => {
    const n = nodes.get(id);
    const dt = (p.timeDeltas[i] ?? 0) / 1000;
    if (!n) return;
    total += dt;
    const f = short(n.callFrame.url) || `(${n.callFrame.functionName || 'native'})`;
    const fn = `${n.callFrame.functionName || '(anon)'} ${f}:${n.callFrame.lineNumber + 1}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + dt);
    // a package counts as one file: which library, not which of its files
    const pkg = f.startsWith('nm:') ? f.split('/').slice(0, f.startsWith('nm:@') ? 2 : 1).join('/') : f;
    byFile.set(pkg, (byFile.get(pkg) ?? 0) + dt);
  });
}
const top = (m: Map<string, number>) =>
  [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, rows)
    .map(([k, ms]) => ({ ms: Math.round(ms), '%': Number(((ms / total) * 100).toFixed(1)), where: k }));
console.log(`${files.length} profile(s), ${Math.round(total)} ms sampled`);
console.table(top(byFile));
console.table(top(byFn));
