import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EventBus } from '../events/index.js';

/**
 * Server-Sent Events for live pages. One bus subscription per channel in
 * this process, however many pages listen; each event is serialised once
 * and written to every open response. Pages reconnect by themselves
 * (EventSource) and get the current state first, so a network blip only
 * delays them.
 */
export class SseHub {
  private readonly channels = new Map<string, { clients: Set<FastifyReply['raw']>; unsubscribe: () => void; seq: number }>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(private readonly bus: EventBus) {
    this.heartbeat = setInterval(() => {
      for (const ch of this.channels.values()) for (const raw of ch.clients) raw.write(': keep-alive\n\n');
    }, 20_000);
    this.heartbeat.unref();
  }

  /** How many pages listen now (for the benchmark and the health page). */
  count(channel?: string): number {
    if (channel) return this.channels.get(channel)?.clients.size ?? 0;
    let n = 0;
    for (const ch of this.channels.values()) n += ch.clients.size;
    return n;
  }

  private channel(name: string) {
    let ch = this.channels.get(name);
    if (!ch) {
      const entry = { clients: new Set<FastifyReply['raw']>(), unsubscribe: () => {}, seq: 0 };
      entry.unsubscribe = this.bus.subscribe(name, (payload) => {
        entry.seq++;
        const frame = `id: ${entry.seq}\nevent: change\ndata: ${JSON.stringify(payload)}\n\n`;
        for (const raw of entry.clients) raw.write(frame);
      });
      this.channels.set(name, entry);
      ch = entry;
    }
    return ch;
  }

  /** Takes over the response: headers, the initial state, then every event until the page goes away. */
  stream(req: FastifyRequest, reply: FastifyReply, channel: string, initial: unknown): void {
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write(`retry: 2000\nevent: state\ndata: ${JSON.stringify(initial)}\n\n`);
    const ch = this.channel(channel);
    ch.clients.add(raw);
    req.raw.on('close', () => {
      ch.clients.delete(raw);
      if (ch.clients.size === 0) {
        ch.unsubscribe();
        this.channels.delete(channel);
      }
    });
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const ch of this.channels.values()) {
      ch.unsubscribe();
      for (const raw of ch.clients) raw.end();
    }
    this.channels.clear();
  }
}
