import type { FastifyInstance } from 'fastify';
import { announceChange, type ChangeTopic, onChange } from './events/changes.js';
import type { EventBus } from './events/index.js';

/**
 * What public pages read on every request but staff change a few times a
 * year (the county and office records, opening hours, news lists), kept per
 * process and per database handle. An entry goes when:
 * - a writer in this process calls dropCached(topic) (at once, before and
 *   after its commit), or any process announces a change of its topic on
 *   the events bus (announceChange, heard through listenForChanges);
 * - its TTL runs out: the safety net for a write nobody announced (a row
 *   changed by hand in the database), so such a change shows within
 *   seconds, never later.
 * Transactions are their own handles: a read inside one is never cached
 * against the database's entries.
 */
export const CACHE_TTL_MS = 10_000;

interface Entry {
  value: Promise<unknown>;
  until: number;
  topics: readonly ChangeTopic[];
}

const stores = new WeakMap<object, Map<string, Entry>>();
/** every store that holds anything, so a topic can be dropped from all of them */
const live = new Set<WeakRef<Map<string, Entry>>>();

/**
 * `load()` once per `key` and database handle until one of `topics` changes
 * or the TTL passes. Concurrent callers share one load; a failed load is
 * not kept.
 */
export function cached<T>(db: object, topics: readonly ChangeTopic[], key: string, load: () => Promise<T>, ttlMs = CACHE_TTL_MS): Promise<T> {
  let store = stores.get(db);
  if (!store) {
    store = new Map();
    stores.set(db, store);
    live.add(new WeakRef(store));
  }
  const now = Date.now();
  const hit = store.get(key);
  if (hit && hit.until > now) return hit.value as Promise<T>;
  const value = load();
  const entry: Entry = { value, until: now + ttlMs, topics };
  store.set(key, entry);
  const owner = store;
  value.catch(() => {
    if (owner.get(key) === entry) owner.delete(key);
  });
  return value;
}

/** Drops every entry, for every database handle, that depends on `topic` (all entries when none is given). */
export function dropCached(topic?: ChangeTopic): void {
  for (const ref of live) {
    const store = ref.deref();
    if (!store) {
      live.delete(ref);
      continue;
    }
    for (const [key, entry] of store) if (!topic || entry.topics.includes(topic)) store.delete(key);
  }
}

const forgetters = new WeakMap<EventBus, WeakMap<object, Set<string>>>();

/**
 * Calls `forget` whenever any process announces a change to one of
 * `topics`, for a cache of its own that a module keeps per database handle
 * (a search index). Subscribes once per bus, database and `name`, however
 * often a module's routes are registered.
 */
export function forgetOnChange(events: EventBus, db: object, name: string, topics: readonly ChangeTopic[], forget: () => void): void {
  const perBus = forgetters.get(events) ?? new WeakMap<object, Set<string>>();
  forgetters.set(events, perBus);
  const names = perBus.get(db) ?? new Set<string>();
  perBus.set(db, names);
  if (names.has(name)) return;
  names.add(name);
  onChange(events, (change) => {
    if (topics.includes(change.topic)) forget();
  });
}

/** Drops cached entries whenever any process announces a change; returns the unsubscribe. */
export function listenForChanges(events: EventBus): () => void {
  return onChange(events, (change) => dropCached(change.topic));
}

/**
 * After a staff form that writes what public pages show has answered
 * (committed: the response goes after the handler's transaction), tell
 * every process: `rules` maps a route prefix to the topic it changes. A
 * refused or failed write (status 400 and up) announces nothing.
 */
export function announceWrites(app: FastifyInstance, events: EventBus, rules: readonly { prefix: string; topic: ChangeTopic }[]): void {
  app.addHook('onResponse', async (req, reply) => {
    if (req.method !== 'POST' || reply.statusCode >= 400) return;
    const route = req.routeOptions.url ?? '';
    for (const rule of rules) if (route.startsWith(rule.prefix)) await announceChange(events, rule.topic).catch(() => dropCached(rule.topic));
  });
}
