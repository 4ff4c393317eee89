import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { parseForm } from '../../platform/http/forms.js';
import type { AppServices } from '../../platform/module.js';
import { createPdf } from '../../platform/pdf.js';
import * as guides from './service.js';
import { FeesPage, GuideAdminList, GuideEditPage, GuideList, GuidePage } from './views/pages.js';

const codeParam = z.object({ code: z.string().regex(/^[a-z0-9-]{1,60}$/) });

const editSchema = z.object({
  whoZh: z.string({ error: 'err.required' }).trim().min(1, 'err.required').max(300, 'err.tooLong'),
  whoEn: z.string({ error: 'err.required' }).trim().min(1, 'err.required').max(300, 'err.tooLong'),
  documents: z.string({ error: 'err.required' }).trim().min(1, 'err.required').max(5000, 'err.tooLong'),
  processingDays: z.coerce.number({ error: 'err.invalid' }).int('err.invalid').min(0, 'err.invalid').max(120, 'err.invalid'),
});

export function guideRoutes(app: FastifyInstance, s: AppServices) {
  const db = s.database.db;

  app.get('/guides', async (req, reply) => reply.render(GuideList({ ctx: await req.view(), guides: await guides.listGuides(db, req.locale) })));
  app.get('/fees', async (req, reply) => reply.render(FeesPage({ ctx: await req.view() })));

  app.get('/guides/:code', async (req, reply) => {
    const raw = String((req.params as { code: string }).code);
    if (raw.endsWith('.pdf')) {
      const { code } = codeParam.parse({ code: raw.slice(0, -4) });
      const g = await guides.guide(db, code, req.locale);
      const pdf = createPdf({ title: `${g.name} ${req.t('guides.checklist')}`, lang: req.locale === 'en' ? 'en' : 'zh-TW' });
      pdf.h1(`${g.name}：${req.t('guides.checklist')}`);
      pdf.p(`${req.t('guides.who')}：${g.who}`);
      pdf.p(`${req.t('guides.fee')}：${g.fee}`);
      pdf.p(`${req.t('guides.deadline')}：${g.deadline}`);
      pdf.h2(req.t('guides.documents'));
      pdf.list(g.documents.map((d) => `□ ${d.text}${d.basis ? `（${req.t('guides.basis', { basis: d.basis })}）` : ''}`));
      const bytes = await pdf.done();
      return reply.type('application/pdf').header('content-disposition', `inline; filename="${code}.pdf"`).send(bytes);
    }
    const { code } = codeParam.parse({ code: raw });
    return reply.render(GuidePage({ ctx: await req.view(), guide: await guides.guide(db, code, req.locale) }));
  });

  app.get('/staff/guides', { preHandler: requireStaff('guides.edit') }, async (req, reply) =>
    reply.render(GuideAdminList({ ctx: await req.view(), guides: await guides.listGuides(db, req.locale) })),
  );

  app.get('/staff/guides/:code', { preHandler: requireStaff('guides.edit') }, async (req, reply) => {
    const { code } = codeParam.parse(req.params);
    const row = await guides.guideRow(db, code);
    const state = {
      values: { whoZh: row.who_zh, whoEn: row.who_en, documents: guides.docsToLines(guides.parseDocs(row.documents)), processingDays: String(row.processing_days) },
      errors: [],
    };
    return reply.render(GuideEditPage({ ctx: await req.view(), code, name: req.locale === 'en' ? row.name_en : row.name_zh, state }));
  });

  app.post('/staff/guides/:code', { preHandler: requireStaff('guides.edit') }, async (req, reply) => {
    const { code } = codeParam.parse(req.params);
    const row = await guides.guideRow(db, code);
    const name = req.locale === 'en' ? row.name_en : row.name_zh;
    const parsed = parseForm(editSchema, req.body);
    if (!parsed.ok) return reply.render(GuideEditPage({ ctx: await req.view(), code, name, state: parsed.state }), 422);
    await guides.updateGuide(
      s.database,
      code,
      { whoZh: parsed.data.whoZh, whoEn: parsed.data.whoEn, documents: guides.docsFromLines(parsed.data.documents), processingDays: parsed.data.processingDays },
      { actor: principal(req), ip: req.ip, now: s.clock() },
    );
    reply.flash('success', 'guides.saved', { name });
    return reply.redirect(`/guides/${code}`, 303);
  });
}
