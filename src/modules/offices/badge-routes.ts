import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { coversOffice } from '../../platform/auth/roles.js';
import { AppError, type FieldError } from '../../platform/errors.js';
import { formValues, parseForm } from '../../platform/http/forms.js';
import { readMultipart } from '../../platform/http/multipart.js';
import type { FormState } from '../../platform/layout/forms.js';
import type { AppServices } from '../../platform/module.js';
import type { Change } from './admin.js';
import { BADGE_IMAGE_MAX_BYTES, BADGE_IMAGE_TYPES, type BadgeOwner, badgeFormSchema, imageDataUrl, readBadge, saveBadge, showBadge } from './badge.js';
import * as repo from './repo.js';
import { BadgePage, type BadgePageTarget } from './views/badge.js';

type Target = BadgeOwner & { page: BadgePageTarget };

const codeParam = z.object({ code: z.string().regex(/^[a-z0-9-]{1,40}$/) });

/**
 * 無障礙標章: a director sets their office's (setup.office, own office only),
 * a county admin any office's and the county site's (setup.county). The
 * form is multipart for the image; removing is a form of its own.
 */
export function badgeRoutes(app: FastifyInstance, s: AppServices): void {
  const db = s.database.db;
  const countyGuard = { preHandler: requireStaff('setup.county') };
  const officeGuard = { preHandler: requireStaff('setup.office') };
  // a multipart body: the handler checks the CSRF token once the form is read
  const manual = { config: { csrf: 'manual' as const } };
  const change = (req: FastifyRequest): Change => {
    const p = principal(req);
    return { actor: { id: p.id, username: p.username }, ip: req.ip, now: s.clock() };
  };
  const pick = (req: FastifyRequest, zh: string, en: string) => (req.locale === 'en' ? en : zh);

  async function officeTarget(req: FastifyRequest): Promise<Target> {
    const { code } = codeParam.parse(req.params);
    const o = await repo.findOfficeByCode(db, code);
    if (!o) throw new AppError('not_found', 'error.notFound.title');
    if (!coversOffice(principal(req), { id: o.id, countyId: o.county_id })) throw new AppError('forbidden', 'error.forbidden.title');
    const name = pick(req, o.name_zh, o.name_en);
    return { officeId: o.id, countyId: o.county_id, page: { name, action: `/staff/admin/offices/${o.code}/badge`, office: { code: o.code, name, closed: o.active !== 1 } } };
  }

  async function countyTarget(req: FastifyRequest): Promise<Target> {
    const staff = principal(req);
    const c = staff.countyId !== null ? await repo.findCountyById(db, staff.countyId) : await repo.findCounty(db);
    if (!c) throw new AppError('not_found', 'error.notFound.title');
    return { officeId: null, countyId: c.id, page: { name: pick(req, c.name_zh, c.name_en), action: '/staff/admin/county/badge', office: null } };
  }

  async function page(req: FastifyRequest, target: Target, state?: FormState) {
    const current = await readBadge(db, target.officeId);
    const values = current ? { href: current.href, altZh: current.altZh, altEn: current.altEn } : {};
    return BadgePage({ ctx: await req.view(), target: target.page, current: current ? showBadge(current, req.locale) : null, state: state ?? { values, errors: [] } });
  }

  /** Saves the form; a new image replaces the old, none keeps it; a refused file is a message beside the file field. */
  async function save(req: FastifyRequest, reply: FastifyReply, target: Target) {
    const form = await readMultipart(req, { maxFiles: 1, maxBytes: BADGE_IMAGE_MAX_BYTES, allowed: BADGE_IMAGE_TYPES });
    req.assertCsrf(form.fields._csrf);
    const parsed = parseForm(badgeFormSchema, form.fields);
    const current = await readBadge(db, target.officeId);
    const file = form.files[0];
    const errors: FieldError[] = parsed.ok ? [] : [...parsed.state.errors];
    const kb = BADGE_IMAGE_MAX_BYTES / 1024;
    if (form.fileError) errors.push({ field: 'image', key: `offices.badge.err.${form.fileError}`, params: { kb } });
    else if (!file && !current) errors.push({ field: 'image', key: 'offices.badge.err.image' });
    if (!parsed.ok || errors.length > 0) return reply.render(await page(req, target, { values: formValues(form.fields), errors }), 422);
    const image = file ? imageDataUrl(file.mime, file.bytes) : (current?.image ?? '');
    await saveBadge(s.database, target, { image, ...parsed.data }, change(req));
    reply.flash('success', 'offices.badge.saved');
    return reply.redirect(target.page.action, 303);
  }

  async function remove(req: FastifyRequest, reply: FastifyReply, target: Target) {
    if (await readBadge(db, target.officeId)) await saveBadge(s.database, target, null, change(req));
    reply.flash('success', 'offices.badge.removed');
    return reply.redirect(target.page.action, 303);
  }

  app.get('/staff/admin/county/badge', countyGuard, async (req, reply) => reply.render(await page(req, await countyTarget(req))));
  app.post('/staff/admin/county/badge', { ...countyGuard, ...manual }, async (req, reply) => save(req, reply, await countyTarget(req)));
  app.post('/staff/admin/county/badge/remove', countyGuard, async (req, reply) => remove(req, reply, await countyTarget(req)));
  app.get('/staff/admin/offices/:code/badge', officeGuard, async (req, reply) => reply.render(await page(req, await officeTarget(req))));
  app.post('/staff/admin/offices/:code/badge', { ...officeGuard, ...manual }, async (req, reply) => save(req, reply, await officeTarget(req)));
  app.post('/staff/admin/offices/:code/badge/remove', officeGuard, async (req, reply) => remove(req, reply, await officeTarget(req)));
}
