import cluster from 'node:cluster';
import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { Database } from '../../db/index.js';
import { createClusterRelayBus } from './cluster-bus.js';

/**
 * Publish/subscribe for live pages. One process: an EventEmitter. Several
 * processes on PostgreSQL: every process LISTENs on one channel and delivers
 * only what comes back from NOTIFY — the publisher included — so each
 * subscriber in every process sees each event exactly once.
 */
export interface EventBus {
  publish(channel: string, payload: unknown): Promise<void>;
  subscribe(channel: string, handler: (payload: unknown) => void): () => void;
  close(): Promise<void>;
}

function localEmitter() {
  const emitter = new EventEmitter();
  // live pages can hold thousands of subscribers on one office channel
  emitter.setMaxListeners(0);
  return {
    deliver(channel: string, payload: unknown) {
      for (const handler of emitter.listeners(channel)) {
        try {
          (handler as (p: unknown) => void)(payload);
        } catch {
          // one broken subscriber must not stop the others
        }
      }
    },
    subscribe(channel: string, handler: (payload: unknown) => void) {
      emitter.on(channel, handler);
      return () => {
        emitter.off(channel, handler);
      };
    },
    clear: () => emitter.removeAllListeners(),
  };
}

export function createMemoryBus(): EventBus {
  const local = localEmitter();
  return {
    async publish(channel, payload) {
      local.deliver(channel, payload);
    },
    subscribe: local.subscribe,
    async close() {
      local.clear();
    },
  };
}

const PG_CHANNEL = 'huzheng_events';
const MAX_PAYLOAD = 7900; // NOTIFY payloads must stay under 8000 bytes

export async function createPostgresBus(url: string, opts: { onError?: (err: unknown) => void } = {}): Promise<EventBus> {
  const local = localEmitter();
  // Publishing goes through a small pool so a slow LISTEN connection never delays a publish.
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', (err) => opts.onError?.(err));
  let listener: pg.Client | null = null;
  let closed = false;
  let retryMs = 250;

  const connect = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: url });
    client.on('notification', (msg) => {
      if (msg.channel !== PG_CHANNEL || !msg.payload) return;
      try {
        const { c, p } = JSON.parse(msg.payload) as { c: string; p: unknown };
        local.deliver(c, p);
      } catch (err) {
        opts.onError?.(err);
      }
    });
    client.on('error', (err) => {
      opts.onError?.(err);
      if (listener === client) listener = null;
      client.end().catch(() => {});
      scheduleReconnect();
    });
    await client.connect();
    await client.query(`LISTEN ${PG_CHANNEL}`);
    listener = client;
    retryMs = 250;
  };

  const scheduleReconnect = () => {
    if (closed) return;
    setTimeout(() => {
      connect().catch((err) => {
        opts.onError?.(err);
        retryMs = Math.min(retryMs * 2, 10_000);
        scheduleReconnect();
      });
    }, retryMs).unref();
  };

  await connect();
  return {
    async publish(channel, payload) {
      const text = JSON.stringify({ c: channel, p: payload });
      if (Buffer.byteLength(text) > MAX_PAYLOAD) {
        throw new Error(`event on ${channel} is ${Buffer.byteLength(text)} bytes: publish an id and let subscribers read the rest`);
      }
      await pool.query('SELECT pg_notify($1, $2)', [PG_CHANNEL, text]);
    },
    subscribe: local.subscribe,
    async close() {
      closed = true;
      local.clear();
      await listener?.end().catch(() => {});
      await pool.end();
    },
  };
}

export async function createEventBus(database: Database, opts: { onError?: (err: unknown) => void } = {}): Promise<EventBus> {
  if (database.dialect === 'postgres' && database.url) return createPostgresBus(database.url, opts);
  // several web processes on one SQLite file: the cluster's primary relays events between them
  if (cluster.isWorker) return createClusterRelayBus(undefined, opts);
  return createMemoryBus();
}

export { announceChange, CHANGES_CHANNEL, type Change, type ChangeTopic, onChange } from './changes.js';
export { createClusterRelayBus, relayToAll } from './cluster-bus.js';
