import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createThrowawayPostgres, describeOn, freshDatabase, type ThrowawayPostgres } from '../../../test/databases.js';
import { ROOT } from '../../app.js';
import { type Database, openPostgres, openSqlite } from '../../db/index.js';
import { migrateToLatest } from '../../db/migrate.js';
import { seedDemo } from '../../demo/seed.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { announceChange, createMemoryBus, createPostgresBus, type EventBus } from '../../platform/events/index.js';
import { toTraditional } from '../../platform/search/index.js';
import { forgetIndex, indexFor, watchSearchChanges } from './search.js';
import { saveItem } from './service.js';

const EDITOR: StaffPrincipal = { id: 1, username: 'editor', displayName: 'Editor', role: 'county_admin', countyId: null, officeId: null, mustChangePassword: false };
const NOW = new Date('2026-11-25T02:00:00Z');

/** A published news item, optionally with a publishing window; the item's title is what the tests search for. */
function news(database: Database, title: string, window: { from?: string; until?: string } = {}) {
  return saveItem(
    database,
    { id: null, kind: 'news', officeId: null, category: 'notice', audience: 'public', status: 'published', publishFrom: window.from ?? null, publishUntil: window.until ?? null, marquee: false, guideCode: null, opengov: null, owner: null, reviewOn: null, file: null, texts: [{ locale: 'zh-Hant', title, body: `${title}，請留意。` }] },
    EDITOR,
    null,
    NOW,
  );
}

async function finds(database: Database, query: string, now = NOW): Promise<boolean> {
  return (await indexFor(database.db, 'zh-Hant', now)).search(query).length > 0;
}

/** Polls until `check` holds or the deadline passes; resolves to whether it held. */
async function within(ms: number, check: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}

describe('Simplified queries find the Traditional pages', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  beforeAll(async () => {
    database = await freshDatabase('sqlite');
    await seedDemo(database, ROOT, NOW, { history: false });
  });
  afterAll(async () => database?.dispose());

  it.each([
    ['身份证', 'guide:id-card'],
    ['户籍誊本', 'guide:transcript'],
    ['结婚登记', 'guide:marriage'],
  ])('%s finds %s in the first five', async (query, key) => {
    const index = await indexFor(database.db, 'zh-Hant', NOW);
    expect(index.search(query).slice(0, 5).map((h) => h.doc.key)).toContain(key);
  });

  it('leaves a Traditional query as it was, and searches a character both scripts share as typed', () => {
    for (const q of ['身分證', '戶籍謄本', '結婚登記', 'transcript']) expect(toTraditional(q)).toBe(q);
    expect(toTraditional('户籍誊本')).toBe('戶籍謄本');
    // 里 is a Traditional character too (里長): the converted form is searched beside it, never instead
    expect(toTraditional('里長')).not.toBe('里長');
  });

  it('searches the typed query beside its converted form', async () => {
    const index = await indexFor(database.db, 'zh-Hant', NOW);
    expect(index.expand('里長')).toContain('里長');
    expect(index.expand('身分證')).not.toContain('身分证');
  });
});

describe('one process (memory bus)', () => {
  let database: Database;
  let events: EventBus;
  beforeAll(async () => {
    database = openSqlite(':memory:');
    await migrateToLatest(database);
    events = createMemoryBus();
    watchSearchChanges({ database, events });
  });
  afterAll(async () => {
    await events.close();
    await database.close();
  });

  it('keeps its index until a change is announced, then finds the new item', async () => {
    expect(await finds(database, '颱風停班')).toBe(false);
    await news(database, '颱風停班公告');
    // cached: nothing announced yet
    expect(await finds(database, '颱風停班')).toBe(false);
    await announceChange(events, 'content');
    expect(await finds(database, '颱風停班')).toBe(true);
  });

  it('ignores topics the index does not hold', async () => {
    await finds(database, '門牌');
    await news(database, '門牌整編公告');
    await announceChange(events, 'calendar');
    expect(await finds(database, '門牌整編')).toBe(false);
    await announceChange(events, 'synonyms');
    expect(await finds(database, '門牌整編')).toBe(true);
  });

  it('shows scheduled news when its window opens and drops it when it closes, with no announcement', async () => {
    await news(database, '夜間延長服務說明', { from: '2026-11-25T04:00:00.000Z', until: '2026-11-25T06:00:00.000Z' });
    forgetIndex(database.db);
    expect(await finds(database, '夜間延長服務', NOW)).toBe(false);
    expect(await finds(database, '夜間延長服務', new Date('2026-11-25T04:00:01Z'))).toBe(true);
    expect(await finds(database, '夜間延長服務', new Date('2026-11-25T06:00:01Z'))).toBe(false);
  });
});

describeOn('postgres')('two processes (PostgreSQL LISTEN/NOTIFY)', () => {
  let throwaway: ThrowawayPostgres;
  // each "process" has its own database handle (so its own cached index) and its own bus connection
  let a: { database: Database; events: EventBus };
  let b: { database: Database; events: EventBus };
  beforeAll(async () => {
    throwaway = await createThrowawayPostgres();
    const open = async () => ({ database: openPostgres(throwaway.url, 2), events: await createPostgresBus(throwaway.url) });
    a = await open();
    b = await open();
    await migrateToLatest(a.database);
    watchSearchChanges(a);
    watchSearchChanges(b);
  });
  afterAll(async () => {
    for (const p of [a, b]) {
      await p?.events.close();
      await p?.database.close();
    }
    await throwaway?.drop();
  });

  it('an item saved and announced in one process is found in the other within 2 s', async () => {
    expect(await finds(b.database, '歸化說明會')).toBe(false);
    await news(a.database, '新住民歸化說明會');
    // the other process's index is cached and stale until it hears of the change
    expect(await finds(b.database, '歸化說明會')).toBe(false);
    await announceChange(a.events, 'content');
    expect(await within(2000, () => finds(b.database, '歸化說明會'))).toBe(true);
  });
});
