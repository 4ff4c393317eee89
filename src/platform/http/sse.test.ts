import net from 'node:net';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryBus, type EventBus } from '../events/index.js';
import { MAX_UNSENT_BYTES, SseHub } from './sse.js';

/** A raw socket speaking HTTP/1.x, so the test sees the exact bytes on the wire. */
function rawClient(port: number, version: '1.0' | '1.1') {
  const socket = net.connect(port, '127.0.0.1');
  const chunks: Buffer[] = [];
  socket.on('data', (b) => chunks.push(b));
  socket.write(`GET /events HTTP/${version}\r\nHost: 127.0.0.1\r\n\r\n`);
  const bytes = () => Buffer.concat(chunks);
  return {
    socket,
    bytes,
    async until(text: string) {
      while (!bytes().includes(text)) await new Promise((r) => setTimeout(r, 5));
    },
  };
}

/** Reads an SSE body with fetch (undici): its chunked decoder refuses any framing mistake. */
async function fetchClient(port: number) {
  const res = await fetch(`http://127.0.0.1:${port}/events`);
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  let text = '';
  return {
    res,
    text: () => text,
    async until(s: string) {
      while (!text.includes(s)) text += dec.decode((await reader.read()).value, { stream: true });
    },
    cancel: () => reader.cancel(),
  };
}

describe('SseHub', () => {
  let app: FastifyInstance;
  let hub: SseHub;
  let bus: EventBus;
  let listening = 0;

  async function start() {
    const memory = createMemoryBus();
    // counts the hub's bus subscriptions, to see it leave the bus
    bus = {
      ...memory,
      subscribe(channel, handler) {
        listening++;
        const off = memory.subscribe(channel, handler);
        return () => {
          listening--;
          off();
        };
      },
    };
    hub = new SseHub(bus);
    app = Fastify();
    app.get('/events', async (req, reply) => hub.stream(req, reply, 'queue:1', { hello: '櫃台' }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    return (app.server.address() as AddressInfo).port;
  }

  afterEach(async () => {
    hub?.close();
    await app?.close();
  });

  it('sends the state first, then each event once, framed the same for every page', async () => {
    const port = await start();
    const a = await fetchClient(port);
    const b = rawClient(port, '1.1');
    await a.until('event: state');
    await b.until('event: state');
    expect(a.res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(a.text()).toContain('data: {"hello":"櫃台"}');
    expect(hub.count('queue:1')).toBe(2);
    expect(listening).toBe(1);

    await bus.publish('queue:1', { kind: 'called', label: 'A001', counter: '3 號櫃台' });
    await bus.publish('queue:1', { kind: 'finished', label: 'A001' });
    const first = 'id: 1\nevent: change\ndata: {"kind":"called","label":"A001","counter":"3 號櫃台"}\n\n';
    const second = 'id: 2\nevent: change\ndata: {"kind":"finished","label":"A001"}\n\n';
    await a.until('id: 2');
    expect(a.text()).toContain(first + second);
    // on the wire: one HTTP/1.1 chunk per event, its size in bytes (not characters)
    await b.until('id: 2');
    expect(b.bytes().toString('utf8')).toContain(`${Buffer.byteLength(first).toString(16)}\r\n${first}\r\n`);
    await a.cancel();
    b.socket.destroy();
  });

  it('writes events unframed to an HTTP/1.0 page', async () => {
    const port = await start();
    const c = rawClient(port, '1.0');
    await c.until('event: state');
    await bus.publish('queue:1', { kind: 'issued' });
    await c.until('id: 1');
    const text = c.bytes().toString('utf8');
    expect(text).not.toMatch(/transfer-encoding: chunked/i);
    expect(text.endsWith('\n\nid: 1\nevent: change\ndata: {"kind":"issued"}\n\n')).toBe(true);
    c.socket.destroy();
  });

  it('leaves the bus when the last page goes away, and cuts off a page that stopped reading', async () => {
    const port = await start();
    const reader = await fetchClient(port);
    const stuck = rawClient(port, '1.1');
    await reader.until('event: state');
    await stuck.until('event: state');
    stuck.socket.pause();
    const big = { filler: 'x'.repeat(256 * 1024) };
    // well past what the kernel's buffers take on loopback, then past the hub's limit
    for (let i = 0; i < 200 && hub.count('queue:1') === 2; i++) {
      await bus.publish('queue:1', big);
      await reader.until(`id: ${i + 1}\n`);
    }
    expect(hub.count('queue:1')).toBe(1);
    expect(MAX_UNSENT_BYTES).toBeLessThan(200 * 256 * 1024);
    await reader.cancel();
    while (hub.count() > 0) await new Promise((r) => setTimeout(r, 5));
    expect(listening).toBe(0);
    stuck.socket.destroy();
  });
});
