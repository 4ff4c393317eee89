import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from '../../../../test/databases.js';
import { FETCH_JOB, type FetchDeps, fetchJobHandler, fetchPopulationFiles, schedulePopulationFetch } from './fetch.js';
import { agesJson, csvText, EVENT_HEADER_ZH, eventRows, householdRows, householdsCsv, setUpCounty, utf8 } from './fixtures.js';

/** 20 November 2026 in Taipei: the previous month is 115年10月 (11510), the one before 11509. */
const NOW = new Date('2026-11-20T02:00:00.000Z');

/** What the open-data server offers, by path; anything else is a 404. '/hang' never answers. */
const served = new Map<string, { type: string; body: Uint8Array }>();
const requests: string[] = [];
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(`${url.pathname}${url.search}`);
    if (url.pathname.startsWith('/hang')) return; // never answers: the fetch's timeout ends it
    const f = served.get(url.pathname);
    if (!f) {
      res.writeHead(404).end('not here');
      return;
    }
    res.writeHead(200, { 'content-type': f.type }).end(Buffer.from(f.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

forEachDatabase((get) => {
  const logs: { level: string; obj: Record<string, unknown> }[] = [];
  const log = {
    info: (obj: Record<string, unknown>) => logs.push({ level: 'info', obj }),
    warn: (obj: Record<string, unknown>) => logs.push({ level: 'warn', obj }),
  } as unknown as FetchDeps['log'];
  const deps = (urls: string[], timeoutMs = 2000): FetchDeps => ({ database: get(), config: { populationFetchUrls: urls }, log, timeoutMs });
  beforeAll(async () => {
    await setUpCounty(get());
    served.clear();
  });

  it('takes the month before when the previous one is not out yet, then the previous one once it is', async () => {
    const urls = [`${base}/hh/{yyymm}.csv?key=secret`];
    served.set('/hh/11509.csv', { type: 'text/csv', body: householdsCsv(householdRows('11509')) });
    const first = await fetchPopulationFiles(deps(urls), NOW);
    expect(first).toEqual([{ url: `${base}/hh/{yyymm}.csv`, month: '2026-09', outcome: 'imported', detail: 'households: 3 villages' }]);
    expect(requests.slice(-2)).toEqual(['/hh/11510.csv?key=secret', '/hh/11509.csv?key=secret']);

    served.set('/hh/11510.csv', { type: 'text/csv', body: householdsCsv(householdRows('11510')) });
    expect((await fetchPopulationFiles(deps(urls), NOW))[0]).toMatchObject({ month: '2026-10', outcome: 'imported' });
    expect((await fetchPopulationFiles(deps(urls), NOW))[0]).toMatchObject({ month: '2026-10', outcome: 'already' });

    const files = await get().db.selectFrom('stat_file').select(['month', 'source', 'filename', 'imported_by']).orderBy('id').execute();
    expect(files).toEqual([
      { month: '2026-09', source: 'fetch', filename: 'hh-11509.csv', imported_by: null },
      { month: '2026-10', source: 'fetch', filename: 'hh-11510.csv', imported_by: null },
    ]);
    // the log has the outcome and the URL without its query; never a key, never the body
    const text = JSON.stringify(logs);
    expect(text).toContain('"outcome":"imported"');
    expect(text).not.toContain('secret');
    expect(text).not.toContain('竹北里');
  });

  it('fetches each template; a missing file, a refused one and a timeout are logged, not thrown', async () => {
    served.set('/api/ages/11510', { type: 'application/json', body: agesJson('11510') });
    // households of 11510 are in already (the test before): a bad events file is what gets refused
    const bad = eventRows('11510');
    (bad[1] as string[])[4] = '-1';
    served.set('/bad/11510.csv', { type: 'text/csv', body: utf8(csvText(EVENT_HEADER_ZH, bad)) });
    const started = performance.now();
    const out = await fetchPopulationFiles(deps([`${base}/api/ages/{yyymm}`, `${base}/none/{yyymm}.csv`, `${base}/bad/{yyymm}.csv`, `${base}/hang/{yyymm}`], 300), NOW);
    expect(out.map((o) => [o.outcome, o.month])).toEqual([
      ['imported', '2026-10'],
      ['missing', null],
      ['refused', '2026-10'],
      ['failed', '2026-10'],
    ]);
    expect(out[3]?.detail).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(5000);
    const file = await get().db.selectFrom('stat_file').select(['filename', 'format']).where('kind', '=', 'ages').executeTakeFirstOrThrow();
    expect(file).toEqual({ filename: 'ages-11510.json', format: 'json' });
    expect(logs.filter((l) => l.level === 'warn').map((l) => l.obj.outcome)).toEqual(['refused', 'failed']);
  });

  it('schedules itself: nothing when no URL is set, else today now and each run the next day', async () => {
    const jobs = () => get().db.selectFrom('job').select(['kind', 'run_at', 'dedupe_key']).where('kind', '=', FETCH_JOB).orderBy('id').execute();
    await schedulePopulationFetch({ database: get(), config: { populationFetchUrls: [] }, clock: () => NOW });
    expect(await jobs()).toEqual([]);
    await schedulePopulationFetch({ database: get(), config: { populationFetchUrls: [`${base}/x/{yyymm}`] }, clock: () => NOW });
    await schedulePopulationFetch({ database: get(), config: { populationFetchUrls: [`${base}/x/{yyymm}`] }, clock: () => NOW });
    expect(await jobs()).toEqual([{ kind: FETCH_JOB, run_at: NOW.toISOString(), dedupe_key: 'population.fetch:2026-11-20' }]);
    await fetchJobHandler(deps([`${base}/x/{yyymm}`]))(null, { jobId: 1, attempt: 1, now: NOW });
    expect((await jobs())[1]).toEqual({ kind: FETCH_JOB, run_at: '2026-11-20T22:00:00.000Z', dedupe_key: 'population.fetch:2026-11-21' });
  });
});
