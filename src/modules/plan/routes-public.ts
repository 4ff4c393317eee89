import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Executor } from '../../db/index.js';
import { taipeiToday, toTaipeiIsoDate } from '../../platform/calendar/index.js';
import type { IndicatorOffice } from '../../platform/indicators/index.js';
import type { AppServices } from '../../platform/module.js';
import { rolledUpBefore } from '../figures/index.js';
import { officesService, openOfficeOnly } from '../offices/index.js';
import { findPlan, readPlan } from './model.js';
import { planProgress } from './plan-progress.js';
import { PublicPlanPage, type PublicPlan } from './views/public-plan.js';

const officeParam = z.object({ office: z.string().max(40) });

/** A plan the public may see: published or closed, with its live progress (figures only: no notes, files or names). */
async function shown(db: Executor, office: IndicatorOffice, year: number, today: string): Promise<PublicPlan | null> {
  const row = await findPlan(db, office.id, office.countyId, year);
  if (!row || (row.state !== 'published' && row.state !== 'closed')) return null;
  const tree = await readPlan(db, row.id);
  if (!tree) return null;
  const { window, values } = await planProgress(db, tree, office, today);
  return { tree, window, progress: values };
}

/** The office's published plan and its live progress (/o/:office/plan). */
export function publicPlanRoutes(app: FastifyInstance, s: AppServices): void {
  const db = s.database.db;

  app.get('/o/:office/plan', { preHandler: openOfficeOnly(db) }, async (req, reply) => {
    const office = await officesService.officeByCode(db, officeParam.parse(req.params).office, req.locale);
    const today = taipeiToday(s.clock());
    const year = Number(today.slice(0, 4));
    const ref: IndicatorOffice = { id: office.id, code: office.code, countyId: office.countyId };
    const current = await shown(db, ref, year, today);
    const previous = current ? null : await shown(db, ref, year - 1, today);
    // the figures are read from the roll-up as the page is drawn: its last run is the data's date
    const rolled = await rolledUpBefore(db);
    const updatedOn = rolled ? toTaipeiIsoDate(new Date(rolled)) : null;
    const lastUpdated = (current ?? previous)?.tree.plan.updatedAt ?? null;
    return reply.render(PublicPlanPage({ ctx: await req.view({ office, lastUpdated }), officeName: office.name, year, current, previous, updatedOn }));
  });
}
