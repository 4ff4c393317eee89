import { describe, expect, it } from 'vitest';
import { parseForm } from '../../platform/http/forms.js';
import { FORMS } from './defs.js';
import { draftSchema, printSchema, withoutIdNumbers } from './schema.js';
import { pdfContent } from './service.js';
import { IDS, SAMPLES } from './test-samples.js';
import './index.js';

const today = () => new Date('2026-11-25T02:00:00Z');

describe('form schemas', () => {
  it('reads ROC dates, checks ID numbers by checksum, and takes an empty optional ID as none', () => {
    const r = parseForm(printSchema(FORMS.marriage, today), SAMPLES.marriage);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data).toMatchObject({ applicantBirth: '1990-01-02', marriageDate: '2026-11-22', spouse2Id: IDS.female, witness1Id: undefined, witness2Id: IDS.other });
    const bad = parseForm(printSchema(FORMS.marriage, today), { ...SAMPLES.marriage, witness1Id: 'A123456788', marriageDate: '115/2/30', spouse2Birth: '116/1/1' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.state.errors).toEqual([
      { field: 'spouse2Birth', key: 'err.birthFuture', params: {} },
      { field: 'marriageDate', key: 'forms.err.date', params: {} },
      { field: 'witness1Id', key: 'err.idNumber.checksum', params: {} },
    ]);
  });

  it('takes 1 to 20 copies and Taiwan phone numbers', () => {
    const errs = (over: Record<string, string>) => {
      const r = parseForm(printSchema(FORMS.transcript, today), { ...SAMPLES.transcript, ...over });
      return r.ok ? [] : r.state.errors.map((e) => `${e.field}:${e.key}`);
    };
    expect(errs({ copies: '20', applicantPhone: '(03) 555-1234#12' })).toEqual([]);
    expect(errs({ copies: '0', applicantPhone: '123' })).toEqual(['applicantPhone:forms.err.phone', 'copies:forms.err.copies']);
    expect(errs({ copies: '21', transcriptType: 'all' })).toEqual(['transcriptType:err.choice', 'copies:forms.err.copies']);
  });

  it('a draft keeps no ID number, not even one typed in another box, nor the applicant’s birth date', () => {
    expect(withoutIdNumbers(`王小明 ${IDS.applicant}`)).toBe('王小明');
    expect(withoutIdNumbers('Ａ１２３４５６７８９')).toBe('');
    expect(withoutIdNumbers('王小明')).toBe('王小明');
    const r = parseForm(draftSchema(FORMS.birth), { ...SAMPLES.birth, childName: `王小寶${IDS.other.toLowerCase()}` });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data).not.toHaveProperty('applicantId');
    expect(r.data).not.toHaveProperty('motherId');
    expect(r.data).not.toHaveProperty('applicantBirth');
    expect(r.data.childName).toBe('王小寶');
    expect(r.data.childBirthDate).toBe('115/11/20');
  });

  it('lays the PDF out in Chinese with English sub-labels and ROC dates', () => {
    const p = pdfContent('transcript', { applicantName: '王小明', applicantBirth: '1990-01-02', transcriptType: 'removed', copies: 2 }, today());
    expect(p.title).toBe('戶籍謄本申請書');
    expect(p.subTitle).toBe('Household transcript application');
    const rows = p.sections.flatMap((s) => s.rows);
    expect(rows.find((r) => r.label === '謄本種類')).toEqual({ label: '謄本種類', sub: 'Transcript type', value: '除戶' });
    expect(rows.find((r) => r.label === '出生日期')?.value).toBe('民國79年1月2日');
    expect(rows.find((r) => r.label === '份數')?.value).toBe('2');
    expect(p.dated.value).toBe('民國115年11月25日');
  });
});
