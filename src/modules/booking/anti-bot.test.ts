import { createChallenge, solveChallenge, verifySolution } from 'altcha-lib';
import { expect, it } from 'vitest';
import { forEachDatabase } from '../../../test/databases.js';
import { createAntiBot, type StampForm } from './anti-bot.js';
import { createProofOfWork } from './pow.js';

const FORM: StampForm = { office: 'zhubei', service: 'registration', day: '2026-11-26', starts: '09:00' };
const ALICE = 'visitor-alice-0000000000000000';
const BOB = 'visitor-bob-00000000000000000000';
const b64 = (s: string) => Buffer.from(s).toString('base64');

async function solved(hmacKey: string) {
  const c = await createChallenge({ hmacKey, maxNumber: 2000, expires: new Date(Date.now() + 600_000) });
  const s = await solveChallenge(c.challenge, c.salt, c.algorithm, c.maxnumber).promise;
  return { algorithm: c.algorithm, challenge: c.challenge, number: s!.number, salt: c.salt, signature: c.signature };
}

forEachDatabase((get) => {
  it('no-JS stamp: refused before the reading time (and not used up by that), accepted once after it, refused the second time', async () => {
    let clock = Date.parse('2026-11-25T02:00:00Z');
    const bot = createAntiBot(get().db, 'secret', { humanSeconds: 8, now: () => clock });
    const stamp = bot.stamp(ALICE, FORM);
    clock += 3000;
    expect(await bot.passes('', stamp, ALICE, FORM)).toBe(false);
    clock += 6000;
    expect(await bot.passes('', stamp, ALICE, FORM)).toBe(true);
    expect(await bot.passes('', stamp, ALICE, FORM)).toBe(false);
  });

  it('no-JS stamp: refused for another visitor, another office, service, day or start, when forged, and after an hour', async () => {
    let clock = Date.parse('2026-11-25T02:00:00Z');
    const bot = createAntiBot(get().db, 'secret', { humanSeconds: 8, now: () => clock });
    const stamp = bot.stamp(ALICE, FORM);
    clock += 9000;
    expect(await bot.passes('', stamp, BOB, FORM)).toBe(false);
    expect(await bot.passes('', stamp, '', FORM)).toBe(false);
    expect(await bot.passes('', stamp, ALICE, { ...FORM, starts: '09:30' })).toBe(false);
    expect(await bot.passes('', stamp, ALICE, { ...FORM, day: '2026-11-27' })).toBe(false);
    expect(await bot.passes('', stamp, ALICE, { ...FORM, service: 'id-card' })).toBe(false);
    expect(await bot.passes('', stamp, ALICE, { ...FORM, office: 'zhudong' })).toBe(false);
    expect(await bot.passes('', stamp.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A')), ALICE, FORM)).toBe(false);
    const [ms, nonce, mac] = stamp.split('.');
    expect(await bot.passes('', `${Number(ms) - 1}.${nonce}.${mac}`, ALICE, FORM)).toBe(false);
    // none of those used it up: the right visitor and form still pass, once
    expect(await bot.passes('', stamp, ALICE, FORM)).toBe(true);
    const old = bot.stamp(ALICE, FORM);
    clock += 3_600_001;
    expect(await bot.passes('', old, ALICE, FORM)).toBe(false);
  });

  it('no-JS stamp: used in one process, refused in another (the record is in the database)', async () => {
    let clock = Date.parse('2026-11-25T02:00:00Z');
    const one = createAntiBot(get().db, 'secret', { now: () => clock });
    const two = createAntiBot(get().db, 'secret', { now: () => clock });
    const stamp = one.stamp(ALICE, FORM);
    clock += 8000;
    expect(await one.passes('', stamp, ALICE, FORM)).toBe(true);
    expect(await two.passes('', stamp, ALICE, FORM)).toBe(false);
  });

  it('ALTCHA: a solution is accepted once; re-encoded (keys reordered, pretty-printed, extra field) it is refused, here and in another process', async () => {
    const key = 'pow-key';
    const pow = createProofOfWork(key, get().db);
    const other = createProofOfWork(key, get().db);
    const p = await solved(key);
    const reordered = b64(JSON.stringify({ signature: p.signature, salt: p.salt, number: p.number, challenge: p.challenge, algorithm: p.algorithm }));
    const pretty = b64(JSON.stringify(p, null, 2));
    const extra = b64(JSON.stringify({ ...p, took: 812 }));
    // each is a different string that the library itself still accepts: only the identity check stops them
    const variants = [reordered, pretty, extra];
    expect(new Set([b64(JSON.stringify(p)), ...variants]).size).toBe(4);
    for (const v of variants) expect(await verifySolution(v, key)).toBe(true);

    expect(await pow.verify(b64(JSON.stringify(p)))).toBe(true);
    for (const v of variants) expect(await pow.verify(v)).toBe(false);
    expect(await other.verify(b64(JSON.stringify(p)))).toBe(false);
    expect(await other.verify(extra)).toBe(false);

    // a fresh solution is fine in the other process; a wrong number or key never is
    const q = await solved(key);
    expect(await pow.verify(b64(JSON.stringify({ ...q, number: q.number + 1 })))).toBe(false);
    expect(await createProofOfWork('other-key', get().db).verify(b64(JSON.stringify(q)))).toBe(false);
    expect(await other.verify(b64(JSON.stringify(q)))).toBe(true);
  });

  it('ALTCHA: 20 parallel submissions of one solution in different encodings, through two processes: exactly one accepted', async () => {
    const key = 'pow-key-2';
    const procs = [createProofOfWork(key, get().db), createProofOfWork(key, get().db)];
    const p = await solved(key);
    const results = await Promise.all(Array.from({ length: 20 }, (_v, i) => procs[i % 2]!.verify(b64(JSON.stringify({ ...p, n: i }, null, i % 3)))));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
