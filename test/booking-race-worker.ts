/**
 * One of several processes racing for the same seats on PostgreSQL, as
 * separate app servers would. Prints {"outcomes": {...}} on stdout.
 *   node --import tsx test/booking-race-worker.ts <pg-url> <key> <serviceId> <day> <starts> <n> <offset> <nowIso>
 */
import { openPostgres } from '../src/db/index.js';
import { placeBooking } from '../src/modules/booking/index.js';
import { createMemoryBus } from '../src/platform/events/index.js';
import { createVault, generateIdNumber, parseMasterKey } from '../src/platform/identity/index.js';

const [url, key, serviceId, day, starts, n, offset, nowIso] = process.argv.slice(2) as [string, string, string, string, string, string, string, string];
const database = openPostgres(url, 10);
const vault = createVault(parseMasterKey(key));
const now = new Date(nowIso);
let x = Number(offset) + 1;
const rand = () => {
  x = (x * 48271) % 2147483647;
  return x / 2147483647;
};
const outcomes: Record<string, number> = {};
await Promise.all(
  Array.from({ length: Number(n) }, async (_v, i) => {
    const applicant = { name: `競${offset}-${i}`, idNumber: generateIdNumber(rand), birthDate: '1990-01-01', phone: '0912000000' };
    const key = await placeBooking(
      { database, vault, clock: () => now, events: createMemoryBus(), baseUrl: 'http://race.test' },
      { serviceId: Number(serviceId), day, starts, applicant, details: {}, locale: 'zh-Hant', channel: 'online' },
    ).then(
      () => 'booked',
      (err: { messageKey?: string }) => err.messageKey ?? String(err),
    );
    outcomes[key] = (outcomes[key] ?? 0) + 1;
  }),
);
await database.close();
process.stdout.write(JSON.stringify({ outcomes }));
