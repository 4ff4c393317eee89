import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createThrowawayPostgres, postgresReachable, type ThrowawayPostgres } from '../../../test/databases.js';
import { createMemoryBus, createPostgresBus, type EventBus } from './index.js';

async function waitFor(cond: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('memory event bus', () => {
  it('delivers to every subscriber of the channel, survives a throwing one, and unsubscribes', async () => {
    const bus = createMemoryBus();
    const got: unknown[] = [];
    bus.subscribe('office:1', () => {
      throw new Error('broken page');
    });
    const off = bus.subscribe('office:1', (p) => got.push(p));
    bus.subscribe('office:2', (p) => got.push(['other', p]));
    await bus.publish('office:1', { ticket: 'A001' });
    off();
    await bus.publish('office:1', { ticket: 'A002' });
    expect(got).toEqual([{ ticket: 'A001' }]);
    await bus.close();
  });
});

const hasPg = await postgresReachable();
describe.skipIf(!hasPg)('PostgreSQL LISTEN/NOTIFY bus across processes', () => {
  let db: ThrowawayPostgres;
  let a: EventBus;
  let b: EventBus;
  beforeAll(async () => {
    db = await createThrowawayPostgres();
    a = await createPostgresBus(db.url);
    b = await createPostgresBus(db.url);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.drop();
  });

  it('delivers each event once to subscribers in every process, the publisher included', async () => {
    const onA: unknown[] = [];
    const onB: unknown[] = [];
    a.subscribe('office:7', (p) => onA.push(p));
    const offB = b.subscribe('office:7', (p) => onB.push(p));
    await a.publish('office:7', { n: 1 });
    await b.publish('office:7', { n: 2 });
    await waitFor(() => onA.length === 2 && onB.length === 2);
    expect(onA).toEqual([{ n: 1 }, { n: 2 }]);
    expect(onB).toEqual([{ n: 1 }, { n: 2 }]);
    offB();
    // a second subscriber in process b shows when b has dispatched event 3: by then
    // the unsubscribed one would have had it too (no sleep standing in for "never")
    const witness: unknown[] = [];
    b.subscribe('office:7', (p) => witness.push(p));
    await a.publish('office:7', { n: 3 });
    await waitFor(() => onA.length === 3 && witness.length === 1);
    expect(witness).toEqual([{ n: 3 }]);
    expect(onB).toHaveLength(2);
  });

  it('refuses payloads too big for NOTIFY', async () => {
    await expect(a.publish('x', { blob: 'x'.repeat(9000) })).rejects.toThrow(/publish an id/);
  });
});
