import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EventBus } from '../events/index.js';

/** A page that listens: the response, and whether its body is sent in HTTP/1.1 chunks. */
interface Client {
  raw: ServerResponse;
  chunked: boolean;
}

interface Channel {
  clients: Set<Client>;
  unsubscribe: () => void;
  seq: number;
}

/** One event as bytes, built once for every listener: bare (HTTP/1.0) and as one HTTP/1.1 chunk. */
export interface Frame {
  plain: Buffer;
  chunk: Buffer;
}

export function frameOf(text: string): Frame {
  const plain = Buffer.from(text, 'utf8');
  // the exact bytes Node's chunked encoding would put on the wire for one write
  const chunk = Buffer.concat([Buffer.from(`${plain.length.toString(16)}\r\n`, 'latin1'), plain, Buffer.from('\r\n', 'latin1')]);
  return { plain, chunk };
}

const KEEP_ALIVE = frameOf(': keep-alive\n\n');
/**
 * A page that has not read this much is gone or hopelessly behind: it is
 * cut off rather than held in memory, and its EventSource reconnects to
 * the current state.
 */
export const MAX_UNSENT_BYTES = 1024 * 1024;

/**
 * Server-Sent Events for live pages. One bus subscription per channel in
 * this process, however many pages listen. Each event is serialised and
 * framed once into one Buffer, written to every page's socket as is: at
 * thousands of boards on one office, encoding the text and going through
 * the response's own chunking per page was most of the cost of a call.
 * Pages reconnect by themselves (EventSource) and get the current state
 * first, so a network blip only delays them.
 */
export class SseHub {
  private readonly channels = new Map<string, Channel>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(private readonly bus: EventBus) {
    this.heartbeat = setInterval(() => {
      for (const ch of this.channels.values()) send(ch.clients, KEEP_ALIVE);
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

  private channel(name: string): Channel {
    let ch = this.channels.get(name);
    if (!ch) {
      const entry: Channel = { clients: new Set(), unsubscribe: () => {}, seq: 0 };
      entry.unsubscribe = this.bus.subscribe(name, (payload) => {
        entry.seq++;
        send(entry.clients, frameOf(`id: ${entry.seq}\nevent: change\ndata: ${JSON.stringify(payload)}\n\n`));
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
    // the response's own write sends the headers with the first frame and settles whether the body is chunked
    raw.write(`retry: 2000\nevent: state\ndata: ${JSON.stringify(initial)}\n\n`);
    const client: Client = { raw, chunked: (raw as ServerResponse & { chunkedEncoding: boolean }).chunkedEncoding };
    const ch = this.channel(channel);
    ch.clients.add(client);
    req.raw.on('close', () => {
      ch.clients.delete(client);
      if (ch.clients.size === 0 && this.channels.get(channel) === ch) {
        ch.unsubscribe();
        this.channels.delete(channel);
      }
    });
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const ch of this.channels.values()) {
      ch.unsubscribe();
      for (const c of ch.clients) c.raw.end();
    }
    this.channels.clear();
  }
}

/** The same Buffer to every socket; after the response's first write nothing else writes to it, so order holds. */
function send(clients: Set<Client>, frame: Frame): void {
  for (const c of clients) {
    const socket = c.raw.socket;
    if (!socket || socket.destroyed) continue;
    if (socket.writableLength > MAX_UNSENT_BYTES) {
      socket.destroy();
      continue;
    }
    socket.write(c.chunked ? frame.chunk : frame.plain);
  }
}
