import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createClusterRelayBus, MAX_RELAY_PAYLOAD, type RelayChannel, type RelayMessage, relayToAll } from './cluster-bus.js';

/**
 * Two workers and a primary wired with in-memory channels shaped like
 * node:cluster's IPC: a worker's send() reaches the primary, the primary's
 * worker.send() reaches that worker (asynchronously, as over a pipe).
 */
function fakeCluster(n: number) {
  const toWorker = Array.from({ length: n }, () => new EventEmitter());
  const workers = toWorker.map((inbox) => ({ isConnected: () => true, send: (m: RelayMessage) => setImmediate(() => inbox.emit('message', m)) }));
  const sentToPrimary: unknown[] = [];
  const channels: RelayChannel[] = toWorker.map((inbox) => ({
    send: (m) => {
      sentToPrimary.push(m);
      setImmediate(() => relayToAll(m, workers));
    },
    on: (e, l) => inbox.on(e, l),
    off: (e, l) => inbox.off(e, l),
  }));
  return { channels, sentToPrimary, inbox: toWorker };
}

async function waitFor(cond: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('cluster relay bus', () => {
  it('delivers each event once to subscribers in every worker, the publisher included, and only what the primary relays', async () => {
    const { channels } = fakeCluster(2);
    const a = createClusterRelayBus(channels[0]);
    const b = createClusterRelayBus(channels[1]);
    const onA: unknown[] = [];
    const onB: unknown[] = [];
    a.subscribe('office:1', (p) => onA.push(p));
    b.subscribe('office:1', (p) => onB.push(p));
    b.subscribe('office:2', (p) => onB.push(['other', p]));
    await a.publish('office:1', { n: 1 });
    // nothing is delivered on the publisher's side before the relay brings it back
    expect(onA).toEqual([]);
    await b.publish('office:1', { n: 2 });
    await waitFor(() => onA.length === 2 && onB.length === 2);
    expect(onA).toEqual([{ n: 1 }, { n: 2 }]);
    expect(onB).toEqual([{ n: 1 }, { n: 2 }]);
    await a.close();
    await b.publish('office:1', { n: 3 });
    // the relay sends to both workers at once: when b has event 3, a would have had it too
    await waitFor(() => onB.length === 3);
    expect(onA).toHaveLength(2);
    await b.close();
  });

  it('ignores other messages on the IPC channel, and the primary relays only well-formed events', async () => {
    const { channels, inbox } = fakeCluster(1);
    const bus = createClusterRelayBus(channels[0]);
    const got: unknown[] = [];
    bus.subscribe('office:1', (p) => got.push(p));
    inbox[0]!.emit('message', { cmd: 'NODE_CLUSTER', c: 'office:1', p: 1 });
    inbox[0]!.emit('message', 'hello');
    expect(got).toEqual([]);
    const sent: unknown[] = [];
    expect(relayToAll({ t: 'other', c: 'office:1' }, [{ isConnected: () => true, send: (m) => sent.push(m) }])).toBe(false);
    expect(sent).toEqual([]);
    await bus.close();
  });

  it('refuses a payload past the NOTIFY bound, as the PostgreSQL bus does', async () => {
    const { channels, sentToPrimary } = fakeCluster(1);
    const bus = createClusterRelayBus(channels[0]);
    await expect(bus.publish('office:1', { blob: 'x'.repeat(MAX_RELAY_PAYLOAD) })).rejects.toThrow(/publish an id/);
    expect(sentToPrimary).toEqual([]);
    await bus.close();
  });
});
