import { type Locale, translator } from '../../../platform/i18n/index.js';
import { showDate, showInstant } from '../../../platform/layout/dates.js';
import { createPdf } from '../../../platform/pdf.js';
import { TYPED_FIELDS } from './form.js';
import { type ConsentView, fieldsSent } from './status.js';
import { fieldWords } from './views/parts.js';

export interface SlipFacts {
  officeName: string;
  caseNumber: string;
  applicantName: string;
}

/**
 * The consent slip the citizen signs and keeps: what was agreed (or that
 * nothing was), each agency with the details it receives, the legal basis,
 * and lines for the signature and the date. In the citizen's language.
 */
export async function consentSlipPdf(f: SlipFacts, v: ConsentView, locale: Locale): Promise<Buffer> {
  const t = translator(locale);
  const pdf = createPdf({ title: `${t('notify.consent.slip.title')} ${f.caseNumber}`, lang: locale === 'en' ? 'en' : 'zh-TW' });
  pdf.h1(`${f.officeName}　${t('notify.consent.slip.title')}`);
  pdf.p(t('notify.consent.slip.case', { number: f.caseNumber }), { size: 12 });
  pdf.p(t('notify.consent.slip.applicant', { name: f.applicantName }), { size: 12 });
  pdf.p(t('notify.consent.slip.event', { event: t(`notify.consent.event.${v.event}`), date: showDate(v.eventDate, locale) }), { size: 12 });
  pdf.rule();
  if (v.recipients === 0) {
    pdf.p(t('notify.consent.slip.refusedText', { office: f.officeName }), { size: 13, bold: true });
  } else {
    pdf.p(t('notify.consent.slip.agreed', { office: f.officeName }), { size: 12 });
    pdf.table(
      [t('notify.consent.col.recipient'), t('notify.consent.col.fields')],
      v.notices.map((n) => [n.agency, fieldWords(t, fieldsSent(n.fields))]),
      [2, 3],
    );
    for (const field of TYPED_FIELDS) {
      const value = v.details[field];
      if (value) pdf.p(`${t(`notify.consent.detail.${field}`)}${locale === 'en' ? ': ' : '：'}${field === 'birth_date' ? showDate(value, locale) : value}`);
    }
  }
  pdf.p(t('notify.consent.slip.basis'), { size: 10 });
  pdf.rule();
  pdf.p(t('notify.consent.slip.sign'), { size: 12 });
  pdf.p(t('notify.consent.slip.officer', { name: v.recordedBy }));
  pdf.p(t('notify.consent.slip.recordedAt', { at: showInstant(v.recordedAt, locale) }), { size: 9 });
  return pdf.done();
}
