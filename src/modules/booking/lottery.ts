import { createHash, randomBytes } from 'node:crypto';
import { writeTransaction } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { AppError } from '../../platform/errors.js';
import { slotsForDay } from './availability.js';
import { slotInstant } from './rules.js';
import { scheduleJobs } from './book.js';
import type { BookingDeps } from './deps.js';
import { endBooking } from './manage.js';
import { queueBookingMail } from './messages.js';
import * as repo from './repo.js';
import { readBookingSettings } from './settings.js';

/**
 * A hot date opened as a lottery (抽籤): applications during a window,
 * then one draw. The order is sha256(seed + code) for each application,
 * the seed is drawn at random at the moment of the draw and published with
 * the result, so anyone holding the list of codes can recompute who won:
 * hex of sha256 over the seed immediately followed by the code (no
 * separator), smallest first — exactly as the README states it.
 */
export function drawOrder(seed: string, codes: string[]): string[] {
  const keyed = codes.map((code) => ({ code, key: createHash('sha256').update(seed + code).digest('hex') }));
  return keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((k) => k.code);
}

export async function openLottery(deps: BookingDeps, input: { serviceId: number; day: string; applyUntil: Date }, staff: StaffPrincipal, ip: string | null): Promise<void> {
  const service = await repo.serviceById(deps.database.db, input.serviceId);
  if (!service) throw new AppError('not_found', 'booking.err.noService');
  if (input.applyUntil >= slotInstant(input.day, '00:00') || input.applyUntil <= deps.clock()) {
    throw new AppError('validation', 'booking.err.lotteryWindow', { fields: [{ field: 'applyUntil', key: 'booking.err.lotteryWindow' }] });
  }
  await repo.openLottery(deps.database.db, service.id, input.day, input.applyUntil.toISOString());
  await recordAudit(deps.database.db, { actor: staff, action: 'booking.lottery_open', officeId: service.office_id, detail: { service: service.code, day: input.day }, ip }, deps.clock());
}

export interface DrawResult {
  seed: string;
  order: string[];
  won: string[];
  lost: string[];
  resultHash: string;
}

/** The draw: winners take seats in the slot they asked for, or the nearest later one with room that day. */
export async function drawLottery(deps: BookingDeps, input: { serviceId: number; day: string }, staff: StaffPrincipal, ip: string | null): Promise<DrawResult> {
  const db = deps.database.db;
  const now = deps.clock();
  const lot = await repo.lotteryOf(db, input.serviceId, input.day);
  const service = await repo.serviceById(db, input.serviceId);
  if (!lot || !service) throw new AppError('not_found', 'booking.err.noLottery');
  if (lot.drawn_at) throw new AppError('conflict', 'booking.err.drawn');
  if (now.toISOString() < lot.apply_until) throw new AppError('conflict', 'booking.err.stillApplying');
  const settings = await readBookingSettings(db, service.office_id);
  const seed = randomBytes(32).toString('hex');
  const slots = await slotsForDay(db, service, input.day);
  const won: string[] = [];
  const lost: string[] = [];
  let order: string[] = [];
  await writeTransaction(deps.database, async (trx) => {
    // first claim the draw, then read the applications: two staff pressing "draw" at once get one draw
    if (!(await repo.claimDraw(trx, lot.id, { seed, drawn_at: now.toISOString(), drawn_by: staff.id }))) {
      throw new AppError('conflict', 'booking.err.drawn');
    }
    const applied = (await repo.dayBookings(trx, service.office_id, input.day)).filter((b) => b.status === 'applied' && b.booking_service_id === service.id);
    order = drawOrder(seed, applied.map((b) => b.code));
    for (const code of order) {
      const b = applied.find((x) => x.code === code);
      if (!b) continue;
      let seated: { starts: string; ends: string } | null = null;
      // their slot, else the nearest later one with room; never an earlier one (they may not be free before the time they asked for)
      for (const s of slots.filter((x) => b.starts !== null && x.starts >= b.starts)) {
        const slotId = await repo.ensureSlot(trx, { serviceId: service.id, day: input.day, starts: s.starts, ends: s.ends, capacity: s.capacity });
        if (await repo.takeSeat(trx, slotId)) {
          await repo.holdSeats(trx, b.id, [slotId]);
          seated = s;
          break;
        }
      }
      if (!seated) {
        await endBooking(deps, b, 'not_drawn', null, trx);
        lost.push(code);
        continue;
      }
      const set = { status: 'booked', starts: seated.starts, ends: seated.ends, updated_at: now.toISOString() };
      // the list was read inside this transaction, which holds the draw: the move cannot miss, but stay safe
      if (!(await repo.moveBooking(trx, b.id, ['applied'], set))) {
        await repo.releaseSeats(trx, b.id);
        continue;
      }
      await queueBookingMail(trx, { booking: { ...b, ...set }, service, kind: 'won', baseUrl: deps.baseUrl, now });
      await scheduleJobs(trx, { id: b.id, day: input.day, starts: seated.starts }, settings, now);
      won.push(code);
    }
    const resultHash = createHash('sha256').update(JSON.stringify({ seed, order, won })).digest('hex');
    await repo.recordDrawResult(trx, lot.id, resultHash);
    await recordAudit(trx, { actor: staff, action: 'booking.lottery_draw', officeId: service.office_id, detail: { day: input.day, seed, applications: order.length, won: won.length, resultHash }, ip }, now);
  });
  return { seed, order, won, lost, resultHash: createHash('sha256').update(JSON.stringify({ seed, order, won })).digest('hex') };
}
