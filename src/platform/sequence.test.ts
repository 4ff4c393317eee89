import { describe, expect, it } from 'vitest';
import { forEachDatabase } from '../../test/databases.js';
import type { QueueRaceInput, QueueRaceResult } from '../../test/queue-race-worker.js';
import { type RaceTarget, race, tempSqliteFile } from '../../test/sqlite-processes.js';
import { writeTransaction } from '../db/index.js';
import { nextInSequence } from './sequence.js';

const numbers = (n: number) => Array.from({ length: n }, (_v, i) => i + 1);
const sorted = (r: QueueRaceResult[]) => r.flatMap((x) => x.labels.map(Number)).sort((a, b) => a - b);

describe('per-day sequences', () => {
  forEachDatabase((get, kind) => {
    it('counts per office, day and name', async () => {
      const { db } = get();
      expect(await nextInSequence(db, 1, '2026-11-24', 'A')).toBe(1);
      expect(await nextInSequence(db, 1, '2026-11-24', 'A')).toBe(2);
      expect(await nextInSequence(db, 1, '2026-11-24', 'B')).toBe(1);
      expect(await nextInSequence(db, 1, '2026-11-25', 'A')).toBe(1);
      expect(await nextInSequence(db, 2, '2026-11-24', 'A')).toBe(1);
    });

    // separate connections: a pool of 20 on PostgreSQL; on SQLite threads with their own connection to one file
    for (const how of ['thread', 'process'] as const) {
      it(`gives 1–40 exactly once to 40 takers at once from separate ${how === 'thread' ? 'connections' : 'processes'}`, async () => {
        const file = kind === 'sqlite' ? await tempSqliteFile() : null;
        const database = file ?? get();
        const name = `race-${how}`;
        try {
          if (kind === 'postgres' && how === 'thread') {
            const got = await Promise.all(numbers(40).map(() => writeTransaction(database, (trx) => nextInSequence(trx, 1, '2026-11-24', name))));
            expect(got.sort((a, b) => a - b)).toEqual(numbers(40));
            return;
          }
          const target: RaceTarget = file ? file.target : { kind: 'postgres', url: database.url! };
          const input: QueueRaceInput = { mode: 'sequence', target, nowIso: '2026-11-24T02:00:00Z', officeId: 1, day: '2026-11-24', name, n: 10 };
          expect(sorted(await race<QueueRaceResult>('test/queue-race-worker.ts', [input, input, input, input], how))).toEqual(numbers(40));
        } finally {
          await file?.dispose();
        }
      }, 90_000);
    }
  });
});
