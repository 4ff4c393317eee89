import { z } from 'zod';
import { createMemoryBus, type EventBus } from './index.js';

/**
 * Events between the web processes of one machine (node:cluster) when there
 * is no PostgreSQL to NOTIFY through. A worker sends {c, p} to the primary
 * over the IPC channel; the primary sends it to every worker (the sender
 * included); each worker delivers locally only what comes back. So, as with
 * LISTEN/NOTIFY, every subscriber in every process sees each event exactly
 * once, and a page subscribed in one process sees a change made in another.
 */

/** The IPC message tag, so the relay ignores whatever else travels on the channel. */
export const RELAY_TAG = 'huzheng:event';
/** Same bound as a NOTIFY payload, so code that works on one bus works on the other. */
export const MAX_RELAY_PAYLOAD = 7900;

export const relayMessage = z.object({ t: z.literal(RELAY_TAG), c: z.string().min(1), p: z.unknown() });
export type RelayMessage = z.infer<typeof relayMessage>;

/** The worker's end of an IPC channel: process itself in a cluster worker; a fake in unit tests. */
export interface RelayChannel {
  send(message: RelayMessage): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

function processChannel(): RelayChannel {
  const send = process.send?.bind(process);
  if (!send) throw new Error('the cluster relay bus needs an IPC channel to the primary (run it in a cluster worker)');
  return { send: (m) => void send(m), on: (e, l) => process.on(e, l), off: (e, l) => process.off(e, l) };
}

export function createClusterRelayBus(channel: RelayChannel = processChannel(), opts: { onError?: (err: unknown) => void } = {}): EventBus {
  // delivery is the memory bus's: a throwing subscriber does not stop the others
  const local = createMemoryBus();
  const onMessage = (message: unknown) => {
    const parsed = relayMessage.safeParse(message);
    if (parsed.success) void local.publish(parsed.data.c, parsed.data.p);
  };
  channel.on('message', onMessage);
  return {
    async publish(c, p) {
      const message: RelayMessage = { t: RELAY_TAG, c, p };
      const bytes = Buffer.byteLength(JSON.stringify(message));
      if (bytes > MAX_RELAY_PAYLOAD) throw new Error(`event on ${c} is ${bytes} bytes: publish an id and let subscribers read the rest`);
      try {
        channel.send(message);
      } catch (err) {
        // the primary is gone (the worker is being stopped): the change is saved, only the live update is lost
        opts.onError?.(err);
      }
    },
    subscribe: local.subscribe,
    async close() {
      channel.off('message', onMessage);
      await local.close();
    },
  };
}

/** The primary's half: what one worker publishes goes to every worker. */
export function relayToAll(message: unknown, workers: Iterable<{ send(m: RelayMessage): unknown; isConnected(): boolean }>): boolean {
  const parsed = relayMessage.safeParse(message);
  if (!parsed.success) return false;
  for (const w of workers) if (w.isConnected()) w.send(parsed.data);
  return true;
}
