import type { Db } from '../../db/index.js';
import { AppError } from '../../platform/errors.js';
import type { Locale, Translate } from '../../platform/i18n/index.js';
import { showDate, showInstant } from '../../platform/layout/dates.js';
import { createPdf } from '../../platform/pdf.js';
import { guidesService } from '../guides/index.js';
import { officesService } from '../offices/index.js';
import * as repo from './repo.js';
import type { SlipView } from './views/public.js';

export async function slipView(db: Db, code: string, locale: Locale): Promise<SlipView> {
  const s = await repo.slipByCode(db, code);
  if (!s) throw new AppError('not_found', 'error.notFound.title');
  const [guide, office, c] = await Promise.all([
    guidesService.guide(db, s.guide_code, locale),
    officesService.officeById(db, s.office_id, locale),
    s.case_id ? repo.caseById(db, s.case_id) : Promise.resolve(undefined),
  ]);
  const missing = guidesService.parseDocs(s.missing).map((d) => ({ text: locale === 'en' ? d.en : d.zh, basis: d.basis ?? null }));
  return {
    code: s.code,
    guideName: guide.name,
    applicantName: s.applicant_name,
    missing,
    note: s.note,
    bringBy: s.bring_by,
    officerName: s.officer_name,
    createdAt: s.created_at,
    caseReference: c?.reference ?? null,
    officeName: office.name,
    officePhone: office.phone,
  };
}

/** The printed slip: real text, tagged, zh-TW, CJK subset embedded. */
export async function slipPdf(slip: SlipView, t: Translate, locale: Locale): Promise<Buffer> {
  const pdf = createPdf({ title: `${t('cases.slip.title')} ${slip.guideName}`, lang: locale === 'en' ? 'en' : 'zh-TW' });
  pdf.h1(`${slip.officeName}　${t('cases.slip.title')}`);
  pdf.p(t('cases.slip.lead', { name: slip.applicantName, guide: slip.guideName }), { size: 12 });
  pdf.list(slip.missing.map((m) => `${m.text}${m.basis ? `（${t('guides.basis', { basis: m.basis })}）` : ''}`));
  if (slip.note) pdf.p(slip.note, { size: 12 });
  pdf.rule();
  pdf.p(t('cases.slip.bringBy', { date: showDate(slip.bringBy, locale, true) }), { size: 14, bold: true });
  if (slip.caseReference) pdf.p(t('cases.slip.case', { reference: slip.caseReference }));
  pdf.p(t('cases.slip.officer', { name: slip.officerName }));
  pdf.p(t('cases.slip.contact', { office: slip.officeName, phone: slip.officePhone }));
  pdf.p(t('cases.slip.issued', { date: showInstant(slip.createdAt, locale) }), { size: 9 });
  return pdf.done();
}
