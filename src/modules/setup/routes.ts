import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { clearDemoOffset, setDemoOffset } from '../../platform/http/demo-clock.js';
import { fields, parseForm } from '../../platform/http/forms.js';
import type { FormState } from '../../platform/layout/forms.js';
import type { AppServices } from '../../platform/module.js';
import { officesService } from '../offices/index.js';
import { nextDemoMorning } from './opening.js';
import * as repo from './repo.js';
import * as service from './service.js';
import { SetupPage } from './views/SetupPage.js';

const USERNAME = /^[a-z0-9][a-z0-9.-]{2,39}$/;
const COUNTY_CODE = /^[a-z][a-z0-9-]{1,39}$/;

const adminSchema = z.object({
  token: z.string({ error: 'err.required' }).trim().min(1, 'err.required').max(200, 'err.tooLong'),
  // the staff module's account rule (routes-users.ts), so the first admin's name passes everywhere else
  username: z.string({ error: 'err.required' }).trim().toLowerCase().regex(USERNAME, 'err.username'),
  displayName: fields.text(60),
  password: z.string({ error: 'err.required' }).max(200, 'err.tooLong'),
  confirm: z.string({ error: 'err.required' }).max(200, 'err.tooLong'),
});

const countySchema = z.object({
  countyName: fields.text(40),
  countyNameEn: fields.optionalText(80),
  countyCode: z.string({ error: 'err.required' }).trim().toLowerCase().min(1, 'err.required').regex(COUNTY_CODE, 'setup.err.countyCode'),
});

const demoClockBody = z.object({
  office: z.string().regex(/^[a-z0-9-]{1,40}$/),
  to: z.enum(['morning', 'now']),
  back: z.enum(['kiosk', 'kiosk/priority', 'queue']),
});

export function setupRoutes(app: FastifyInstance, s: AppServices, demo: () => boolean) {
  const db = s.database.db;

  async function page(req: FastifyRequest, state?: FormState) {
    const [county, hasToken] = await Promise.all([repo.firstCounty(db), service.hasToken(db)]);
    return SetupPage({ ctx: await req.view(), state, needCounty: !county, hasToken });
  }

  app.get('/setup', async (req, reply) => {
    if (!(await service.setupOpen(db))) return reply.callNotFound();
    return reply.render(await page(req));
  });

  app.post('/setup', { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (req, reply) => {
    if (!(await service.setupOpen(db))) return reply.callNotFound();
    const needCounty = !(await repo.firstCounty(db));
    const parsed = parseForm(needCounty ? adminSchema.extend(countySchema.shape) : adminSchema, req.body);
    if (!parsed.ok) return reply.render(await page(req, parsed.state), 422);
    const d = parsed.data as z.output<typeof adminSchema> & Partial<z.output<typeof countySchema>>;
    const result = await service.completeSetup(
      s.database,
      {
        token: d.token,
        username: d.username,
        displayName: d.displayName,
        password: d.password,
        confirm: d.confirm,
        county: d.countyCode && d.countyName ? { code: d.countyCode, nameZh: d.countyName, nameEn: d.countyNameEn } : undefined,
      },
      { ip: req.ip, now: s.clock() },
    );
    if (!result.ok) return reply.render(await page(req, { values: parsed.values, errors: result.errors }), result.status);
    reply.flash('success', 'setup.done');
    return reply.redirect('/staff/login', 303);
  });

  // the demo's "try it on a working morning": a per-browser clock offset, refused outright off the demo
  app.post('/demo/clock', async (req, reply) => {
    if (!demo()) return reply.callNotFound();
    const body = demoClockBody.parse(req.body);
    const office = await officesService.officeByCode(db, body.office, req.locale);
    if (body.to === 'now') {
      clearDemoOffset(reply);
    } else {
      const real = s.clock();
      const target = await nextDemoMorning(db, office.id, real);
      if (target) setDemoOffset(reply, target.at.getTime() - real.getTime(), s.config.cookieSecure);
    }
    return reply.redirect(`/o/${office.code}/${body.back}`, 303);
  });
}
