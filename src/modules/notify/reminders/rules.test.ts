import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OfficeCalendar } from '../../../platform/calendar/index.js';
import { parseForm } from '../../../platform/http/forms.js';
import { generateIdNumber, isValidIdNumber } from '../../../platform/identity/index.js';
import { csvRecords, parseReminderCsv } from './csv.js';
import { entrySchema } from './form.js';
import { dueOn, fineFor, fitOnePart, normalizePhone, smsParts, twoYearsComplete } from './rules.js';
import { smsText } from './texts.js';

// Monday–Friday, plus one closure to show a deadline moving off a day the office is shut
const weekdays = new OfficeCalendar({ days: [] });
const withClosure = new OfficeCalendar({ days: [{ date: '2026-03-31', off: true, note: 'test closure' }] });
const TODAY = '2026-11-25';

describe('due dates per kind (戶籍法, DOMAIN.md)', () => {
  it('counts from the day after the event: birth 60 days, death 30, a court judgment 30 after it became final', () => {
    expect(dueOn('hospital_birth', '2026-03-01', weekdays)).toBe('2026-04-30');
    expect(dueOn('hospital_death', '2026-03-01', weekdays)).toBe('2026-03-31');
    expect(dueOn('court_judgment', '2026-10-03', weekdays)).toBe('2026-11-02');
  });

  it('moves a last day the office is closed on to its next working day', () => {
    // 2026-03-07 is a Saturday
    expect(dueOn('court_judgment', '2026-02-05', weekdays)).toBe('2026-03-09');
    expect(dueOn('hospital_death', '2026-03-01', withClosure)).toBe('2026-04-01');
  });

  it('two years abroad: complete the day before the same date two years on, then the 30-day notice period', () => {
    expect(twoYearsComplete('2024-11-20')).toBe('2026-11-20');
    expect(twoYearsComplete('2024-02-29')).toBe('2026-02-28');
    expect(twoYearsComplete('2024-02-28')).toBe('2026-02-28');
    // 2026-12-20 is a Sunday
    expect(dueOn('abroad_two_years', '2024-11-20', weekdays)).toBe('2026-12-21');
  });

  it('the §79 fine by days late, NT$900 after a letter past the deadline, none for two years abroad', () => {
    const due = '2026-11-01';
    expect(fineFor('hospital_birth', due, '2026-11-01', false)).toBeNull();
    expect(fineFor('hospital_birth', due, '2026-11-02', false)).toBe(300);
    expect(fineFor('hospital_birth', due, '2026-11-16', false)).toBe(300);
    expect(fineFor('hospital_birth', due, '2026-11-17', false)).toBe(500);
    expect(fineFor('hospital_death', due, '2026-12-02', false)).toBe(700);
    expect(fineFor('court_judgment', due, '2027-05-01', false)).toBe(900);
    expect(fineFor('court_judgment', due, '2026-11-02', true)).toBe(900);
    expect(fineFor('abroad_two_years', due, '2027-05-01', true)).toBeNull();
  });
});

describe('text messages', () => {
  const office = { name: '新竹縣竹北市戶政事務所', address: '新竹縣竹北市光明六路10號', phone: '03-5551234', hoursSummary: '週一至週五 08:00–17:00' };
  const facts = (name: string, kind: 'hospital_birth' | 'abroad_two_years' = 'hospital_birth') => ({ kind, name, address: 'x', sourceRef: 'r', eventDate: '2026-11-01', dueOn: '2026-12-31', office, today: TODAY, lettersAfterDue: false });

  it('counts UCS-2 parts: 70 in one, 67 each when longer', () => {
    expect(smsParts('字'.repeat(70))).toBe(1);
    expect(smsParts('字'.repeat(71))).toBe(2);
    expect(smsParts('字'.repeat(134))).toBe(2);
    expect(smsParts('字'.repeat(135))).toBe(3);
    expect(fitOnePart(['字'.repeat(80), '字'.repeat(70), '短'])).toBe('字'.repeat(70));
    expect(fitOnePart(['字'.repeat(80), '字'.repeat(75)])).toBe('字'.repeat(75));
  });

  it('keeps a reminder in one part, dropping the phone, then the name, when they do not fit', () => {
    const plain = smsText(facts('陳怡君'));
    expect(plain).toContain('民國115年12月31日');
    expect(plain).toContain('03-5551234');
    expect(smsParts(plain)).toBe(1);
    const long = smsText(facts('王淑芬（王大明君家屬代表人）'));
    expect(long.length).toBeLessThanOrEqual(70);
    expect(smsText(facts('張家豪', 'abroad_two_years')).length).toBeLessThanOrEqual(70);
  });

  it('reads Taiwanese phone numbers as typed', () => {
    expect(normalizePhone('0912-345-678')).toBe('0912345678');
    expect(normalizePhone('+886 912 345 678')).toBe('0912345678');
    expect(normalizePhone('(03) 555-1234')).toBe('035551234');
    expect(normalizePhone('03-5551234 分機 12')).toBe('035551234#12');
    expect(normalizePhone('０９１２３４５６７８')).toBe('0912345678');
    expect(normalizePhone('0912-345')).toBeNull();
    expect(normalizePhone('09123456789')).toBeNull();
    expect(normalizePhone('hello')).toBeNull();
  });
});

describe('the CSV list', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  const HEADER = '類別,姓名,身分證統一編號,地址,電話,電子郵件,來源字號,事件日期';

  it('splits RFC 4180 records: quotes, doubled quotes, commas and line breaks inside, CRLF', () => {
    expect(csvRecords('a,"b,c","d ""e"""\r\n"f\ng",h\n\n')).toEqual([
      { line: 1, cells: ['a', 'b,c', 'd "e"'] },
      { line: 2, cells: ['f\ng', 'h'] },
    ]);
  });

  it('takes UTF-8 with or without a BOM, Chinese or English headers in any order, kind words or codes', () => {
    const body = `${HEADER}\r\n出生通報,陳怡君,,新竹縣竹北市光明六路10號,0912-345-678,,出生通報第1150001號,115/10/02\r\n`;
    for (const bytes of [enc(body), enc(`\uFEFF${body}`)]) {
      const r = parseReminderCsv(bytes, TODAY);
      expect(r.ok && r.rows.map((x) => [x.line, x.entry.kind, x.entry.phone, x.entry.eventDate])).toEqual([[2, 'hospital_birth', '0912345678', '2026-10-02']]);
    }
    const english = parseReminderCsv(enc('event_date,name,kind,address,source_ref\n2026-10-15,林志明,court_judgment,竹北市中正西路5號,婚字第12號\n'), TODAY);
    expect(english.ok && english.rows[0]?.entry).toMatchObject({ kind: 'court_judgment', name: '林志明', eventDate: '2026-10-15' });
  });

  it('names every problem by row and column and keeps nothing back as good when one row is bad', () => {
    const body = [HEADER, '出生通報,陳怡君,A123456788,竹北市光明六路10號,,,出生通報第1,115/10/02', '外星通報,,,竹北市,12,not-mail,x,2026-13-01', '死亡通報,王大明家屬,,竹北市文興路1號,,,死亡通報第2,1201231'].join('\n');
    const r = parseReminderCsv(enc(body), TODAY);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.line, p.field, p.key])).toEqual([
      [2, 'idNumber', 'err.idNumber.checksum'],
      [3, 'kind', 'err.choice'],
      [3, 'name', 'err.required'],
      [3, 'phone', 'notify.reminders.err.phone'],
      [3, 'email', 'err.email'],
      [3, 'eventDate', 'err.date'],
      [4, 'eventDate', 'notify.reminders.err.future'],
    ]);
  });

  it('refuses a file that is not UTF-8, has no rows, or lacks a required column', () => {
    const big5 = new Uint8Array([...enc('類別,姓名\n').slice(0, 0), 0xa5, 0x58, 0xa5, 0xcd, 0x0a]);
    expect(parseReminderCsv(big5, TODAY)).toMatchObject({ ok: false, problems: [{ key: 'notify.reminders.csv.notUtf8' }] });
    expect(parseReminderCsv(enc(`${HEADER}\n`), TODAY)).toMatchObject({ ok: false, problems: [{ key: 'notify.reminders.csv.empty' }] });
    const missing = parseReminderCsv(enc('姓名,地址,備註\n陳怡君,竹北市,x\n'), TODAY);
    expect(missing.ok ? [] : missing.problems.map((p) => [p.line, p.field, p.key])).toEqual([
      [1, '', 'notify.reminders.csv.unknownColumn'],
      [1, 'kind', 'notify.reminders.csv.missingColumn'],
      [1, 'sourceRef', 'notify.reminders.csv.missingColumn'],
      [1, 'eventDate', 'notify.reminders.csv.missingColumn'],
    ]);
  });
});

describe('the add form, over arbitrary input (fast-check)', () => {
  const schema = entrySchema(TODAY);
  const anyText = fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 80 }), fc.constantFrom('', ' ', '　', '0912-345-678', '115/3/1', 'A123456789'));

  it('never throws; what it accepts is clean: a known kind, a valid ID, a plain phone, a past date', () => {
    fc.assert(
      fc.property(fc.record({ kind: fc.oneof(anyText, fc.constantFrom('court_judgment', 'hospital_birth', 'hospital_death', 'abroad_two_years')), name: anyText, idNumber: anyText, address: anyText, phone: anyText, email: anyText, sourceRef: anyText, eventDate: anyText }), (body) => {
        const r = parseForm(schema, body);
        if (!r.ok) {
          expect(r.state.errors.length).toBeGreaterThan(0);
          return;
        }
        expect(['court_judgment', 'hospital_birth', 'hospital_death', 'abroad_two_years']).toContain(r.data.kind);
        expect(r.data.name.trim()).toBe(r.data.name);
        expect(r.data.name.length).toBeGreaterThan(0);
        if (r.data.idNumber) expect(isValidIdNumber(r.data.idNumber)).toBe(true);
        if (r.data.phone) expect(r.data.phone).toMatch(/^0\d{8,9}(#\d+)?$/);
        expect(r.data.eventDate <= TODAY).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('accepts every well-formed entry, whatever the ID number (checksum-valid) and the way the date is typed', () => {
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => new Date(Date.UTC(2018, 0, 1) + n * 86_400_000).toISOString().slice(0, 10)).filter((d) => d <= TODAY);
    fc.assert(
      fc.property(fc.integer(), day, fc.boolean(), (seed, iso, roc) => {
        const id = generateIdNumber(() => ((Math.sin(seed++) + 1) / 2) % 1);
        const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
        const typed = roc ? `${y - 1911}/${m}/${d}` : iso;
        const r = parseForm(schema, { kind: 'hospital_birth', name: '陳怡君', idNumber: id.toLowerCase(), address: '竹北市', phone: '', email: '', sourceRef: '出生通報第1號', eventDate: typed });
        expect(r.ok && r.data).toMatchObject({ idNumber: id, eventDate: iso, phone: undefined, email: undefined });
      }),
      { numRuns: 200 },
    );
  });
});
