import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Modules depend on each other one way: a module imports another's public
 * face, never one that imports it back (the calendar ↔ offices circle made
 * each load half of the other). Known and accepted: figures collects every
 * module's figure source, and the surveys report reads the roll-up back —
 * breaking it needs the roll-up's read side in platform/ (noted for later).
 */
const KNOWN_CIRCLES = new Set(['figures→surveys→figures']);

const MODULES = path.resolve(import.meta.dirname);

function importsOf(module: string): Set<string> {
  const out = new Set<string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, e.name);
      if (e.isDirectory()) walk(file);
      else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) {
        for (const m of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
          const rel = path.relative(MODULES, path.resolve(dir, m[1]!)).split(path.sep);
          if (rel[0] && rel[0] !== '..' && rel[0] !== module && rel.length > 1) out.add(rel[0]);
        }
      }
    }
  };
  walk(path.join(MODULES, module));
  return out;
}

/** Every shortest circle through the graph, named from its alphabetically first module. */
function circles(graph: Map<string, Set<string>>): string[] {
  const found = new Set<string>();
  for (const start of graph.keys()) {
    const queue: string[][] = [[start]];
    while (queue.length) {
      const trail = queue.shift()!;
      for (const next of graph.get(trail.at(-1)!) ?? []) {
        if (next === start) {
          const i = trail.indexOf([...trail].sort()[0]!);
          const turned = [...trail.slice(i), ...trail.slice(0, i)];
          found.add([...turned, turned[0]].join('→'));
        } else if (!trail.includes(next) && trail.length < 6) queue.push([...trail, next]);
      }
    }
  }
  return [...found].sort();
}

describe('module imports', () => {
  it('finds a circle when there is one', () => {
    const g = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
      ['d', new Set(['a'])],
    ]);
    expect(circles(g)).toEqual(['a→b→c→a']);
  });

  it('has no circle between modules but the known one', () => {
    const modules = readdirSync(MODULES, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    const graph = new Map(modules.map((m) => [m, importsOf(m)]));
    expect(graph.get('booking')?.has('calendar')).toBe(true); // the walk sees imports at all
    expect(circles(graph).filter((c) => !KNOWN_CIRCLES.has(c))).toEqual([]);
  });
});
