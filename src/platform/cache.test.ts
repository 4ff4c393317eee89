import { describe, expect, it, vi } from 'vitest';
import { cached, dropCached, listenForChanges } from './cache.js';
import { announceChange } from './events/changes.js';
import { createMemoryBus } from './events/index.js';

describe('cached', () => {
  it('loads once per database handle and key, until the TTL runs out', async () => {
    const db = {};
    const other = {};
    const load = vi.fn(async () => 'value');
    await cached(db, ['offices'], 'k', load);
    await cached(db, ['offices'], 'k', load);
    expect(load).toHaveBeenCalledTimes(1);
    await cached(other, ['offices'], 'k', load);
    expect(load).toHaveBeenCalledTimes(2);
    await cached(db, ['offices'], 'short', load, 0);
    await cached(db, ['offices'], 'short', load, 0);
    expect(load).toHaveBeenCalledTimes(4);
  });

  it('shares one load between concurrent callers and keeps no failure', async () => {
    const db = {};
    let calls = 0;
    const load = async () => {
      calls++;
      if (calls === 1) throw new Error('database away');
      return calls;
    };
    await expect(cached(db, ['content'], 'k', load)).rejects.toThrow('database away');
    const [a, b] = await Promise.all([cached(db, ['content'], 'k', load), cached(db, ['content'], 'k', load)]);
    expect([a, b, calls]).toEqual([2, 2, 2]);
  });

  it('drops only the entries of the topic that changed, on every handle', async () => {
    const one = {};
    const two = {};
    let n = 0;
    const load = async () => ++n;
    await cached(one, ['offices'], 'office', load);
    await cached(two, ['offices'], 'office', load);
    await cached(one, ['content'], 'news', load);
    dropCached('offices');
    expect(await cached(one, ['offices'], 'office', load)).toBe(4);
    expect(await cached(two, ['offices'], 'office', load)).toBe(5);
    expect(await cached(one, ['content'], 'news', load)).toBe(3);
  });

  it('drops what any process announces on the events bus', async () => {
    const events = createMemoryBus();
    const stop = listenForChanges(events);
    const db = {};
    let n = 0;
    const load = async () => ++n;
    await cached(db, ['guides'], 'g', load);
    await announceChange(events, 'calendar');
    expect(await cached(db, ['guides'], 'g', load)).toBe(1);
    await announceChange(events, 'guides');
    expect(await cached(db, ['guides'], 'g', load)).toBe(2);
    stop();
    await events.close();
  });
});
