import type { EventBus } from './index.js';

/**
 * "Something the public pages show has changed": one channel every process
 * hears (the events bus: LISTEN/NOTIFY on PostgreSQL, the cluster relay on
 * SQLite), so caches and the search index kept per process are dropped
 * everywhere within moments of a write, not when a timer runs out.
 *
 * The writer announces after its transaction has committed; a reader that
 * missed an announcement (a process starting) simply has nothing cached yet.
 */
export const CHANGES_CHANNEL = 'site.changed';

/** What changed, in the office's terms; a cache listens for the topics it holds. */
export type ChangeTopic =
  | 'content' // news, FAQ, pages, open government items, downloads
  | 'synonyms' // the search synonyms editors keep
  | 'guides' // service guides
  | 'offices' // offices, hours, closures, counters, the county itself
  | 'calendar' // the office calendar (days off, make-up days)
  | 'settings' // site settings (menus, notices, feature switches)
  | 'knowledge'; // the staff work manual and rulings library

export interface Change {
  topic: ChangeTopic;
  /** the office it concerns; null: county-wide or unknown */
  officeId: number | null;
}

export async function announceChange(events: EventBus, topic: ChangeTopic, officeId: number | null = null): Promise<void> {
  await events.publish(CHANGES_CHANNEL, { topic, officeId } satisfies Change);
}

/** Calls `handler` for every change announced by any process (this one included). */
export function onChange(events: EventBus, handler: (change: Change) => void): () => void {
  return events.subscribe(CHANGES_CHANNEL, (payload) => {
    const c = payload as Partial<Change> | null;
    if (c && typeof c.topic === 'string') handler({ topic: c.topic as ChangeTopic, officeId: typeof c.officeId === 'number' ? c.officeId : null });
  });
}
