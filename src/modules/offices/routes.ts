import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppServices, SitePage } from '../../platform/module.js';
import type { HomeBlocks } from './index.js';
import { announceWrites, listenForChanges } from '../../platform/cache.js';
import * as calendar from '../../platform/calendar/store.js';
import { closedOfficeReply } from './closed.js';
import * as offices from './service.js';
import { CountyHome } from './views/CountyHome.js';
import { OfficeHome } from './views/OfficeHome.js';

const officeParams = z.object({ office: z.string().regex(/^[a-z0-9-]{1,40}$/) });

export function officeRoutes(app: FastifyInstance, s: AppServices, officeLinks: (code: string) => SitePage[], homeBlocks: HomeBlocks) {
  const db = s.database.db;
  // the public reads cached per process (platform/cache.ts) go when any process announces a change
  const unlisten = listenForChanges(s.events);
  app.addHook('onClose', async () => unlisten());
  announceWrites(app, s.events, [
    { prefix: '/staff/admin/', topic: 'offices' },
    { prefix: '/staff/config', topic: 'offices' },
    { prefix: '/setup', topic: 'offices' },
    { prefix: '/staff/content', topic: 'content' },
    { prefix: '/staff/guides', topic: 'guides' },
    { prefix: '/staff/config', topic: 'guides' },
  ]);

  app.get('/', async (req, reply) => {
    const all = await offices.listOfficeInfos(db, req.locale);
    const list = all.filter((o) => !o.closed);
    const closed = all.filter((o) => o.closed);
    // A single-office deployment has no county page to choose from.
    if (list.length === 1 && closed.length === 0) return reply.redirect(`/o/${list[0]!.code}`, 302);
    const now = s.clock();
    const withToday = await Promise.all(list.map(async (office) => ({ office, today: await offices.todayStatus(db, office.id, now, { shown: true }) })));
    return reply.render(CountyHome({ ctx: await req.view(), offices: withToday, closed, blocks: await homeBlocks(null, null, req.locale) }));
  });

  app.get('/o/:office', async (req, reply) => {
    const { office: code } = officeParams.parse(req.params);
    const office = await offices.officeByCode(db, code, req.locale);
    const closed = await closedOfficeReply(req, reply, office);
    if (closed) return closed;
    const now = s.clock();
    const [today, hours, facts, upcoming, special] = await Promise.all([
      offices.todayStatus(db, office.id, now, { shown: true }),
      offices.shownWeeklyHours(db, office.id),
      offices.officeFacts(db, office.id, req.locale),
      calendar.upcomingWeekdaysOff(db, office.id, now, 45),
      offices.upcomingExceptions(db, office.id, now, 45, req.locale),
    ]);
    const ctx = await req.view({ office });
    return reply.render(OfficeHome({ ctx, today, hours, facts, links: officeLinks(code), upcoming, special, blocks: await homeBlocks(office.id, office.code, req.locale) }));
  });
}
