import type { Executor } from '../../db/index.js';
import { addDays, taipeiToday, weekday } from '../../platform/calendar/index.js';
import type { BookingKind } from './rules.js';

interface ServiceSeed {
  code: string;
  kind: BookingKind;
  name: [string, string];
  desc: [string, string];
  queue: string | null;
  guide: string | null;
  slotMinutes: number;
  capacity: number;
  minDays: number;
  minWorkingDays?: boolean;
  maxDays: number;
  cutoff: string | null;
  parties?: 1 | 2;
  approval?: boolean;
  openingsOnly?: boolean;
  documents: [string, string][];
  inPerson: [string, string];
  /** 'office': the office's opening hours, whatever they are (竹北 opens at 08:00, so 08:00 slots) */
  hours: [number[], string, string][] | 'office';
  offices?: string[];
}

const WEEK = [1, 2, 3, 4, 5];

/**
 * The demo offices' bookable services, with the national defaults of
 * DOMAIN.md. Counter services follow the office's hours; the ones that
 * genuinely differ (the director's Wednesday afternoons, the hall) keep their own.
 */
export const BOOKING_SERVICES: ServiceSeed[] = [
  {
    code: 'registration',
    kind: 'counter',
    name: ['戶籍登記（出生、遷入、遷出等）', 'Household registration (birth, moving in or out)'],
    desc: ['預約臨櫃辦理各項戶籍登記，報到後優先叫號。', 'Book a counter time for any household registration; called first after check-in.'],
    queue: 'registration',
    guide: null,
    slotMinutes: 30,
    capacity: 2,
    minDays: 1,
    maxDays: 7,
    cutoff: '15:00',
    documents: [
      ['申請人國民身分證', "Applicant's national ID card"],
      ['印章（或簽名）', 'Seal (or signature)'],
      ['戶口名簿', 'Household certificate book'],
      ['依登記項目之證明文件（請見各項申請須知）', 'The papers the registration needs (see the service guides)'],
    ],
    inPerson: ['申請人本人；委託他人須附委託書及受託人身分證。', 'The applicant, or someone with a letter of authorisation and their own ID card.'],
    hours: 'office',
  },
  {
    code: 'id-card',
    kind: 'counter',
    name: ['身分證、戶口名簿', 'ID card and household certificate'],
    desc: ['初領、換領、補領國民身分證，及戶口名簿。', 'First, renewed or replacement ID cards, and household certificate books.'],
    queue: 'id-card',
    guide: null,
    slotMinutes: 20,
    capacity: 2,
    minDays: 1,
    maxDays: 7,
    cutoff: '15:00',
    documents: [
      ['最近二年內 2 吋彩色正面半身照片 1 張', 'One recent 2-inch colour photo'],
      ['原國民身分證（補領免附）', 'Your current ID card (not needed for a replacement)'],
      ['戶口名簿', 'Household certificate book'],
      ['規費：初領 50 元，換領 50 元，補領 200 元', 'Fee: NT$50 first or renewal, NT$200 replacement'],
    ],
    inPerson: ['本人親自到場（需按捺指紋者或初領者）。', 'You, in person.'],
    hours: 'office',
  },
  {
    code: 'nationality',
    kind: 'counter',
    name: ['外籍配偶、國籍業務', 'Foreign spouses and nationality'],
    desc: ['外籍配偶結婚登記、歸化、初設戶籍等，由熟悉業務的同仁服務。', 'Marriage registration with a foreign spouse, naturalisation, first registration.'],
    queue: 'nationality',
    guide: null,
    slotMinutes: 30,
    capacity: 1,
    minDays: 1,
    maxDays: 7,
    cutoff: '15:00',
    documents: [
      ['護照、居留證', 'Passport and resident certificate'],
      ['經驗證之外文文件及中文譯本', 'Authenticated foreign documents with Chinese translation'],
    ],
    inPerson: ['當事人本人；需要時可請通譯陪同。', 'The person concerned; an interpreter may come along.'],
    hours: 'office',
  },
  {
    code: 'marriage-holiday',
    kind: 'marriage',
    name: ['假日結婚登記', 'Holiday marriage registration'],
    desc: ['在特定週六或假日辦理結婚登記，雙方須親自到場。', 'Register your marriage on a Saturday or holiday we open for it; both spouses come in person.'],
    queue: 'registration',
    guide: 'marriage',
    slotMinutes: 30,
    capacity: 2,
    minDays: 3,
    minWorkingDays: true,
    maxDays: 30,
    cutoff: null,
    parties: 2,
    openingsOnly: true,
    documents: [
      ['結婚書約（雙方及 2 位以上證人簽名）', 'Written marriage agreement signed by both spouses and at least two witnesses'],
      ['雙方國民身分證、印章', "Both spouses' ID cards and seals"],
      ['雙方戶口名簿', "Both spouses' household certificate books"],
      ['雙方最近二年內 2 吋彩色照片各 1 張', 'One recent 2-inch photo of each spouse'],
    ],
    inPerson: ['結婚雙方都要親自到場，並各帶身分證（兩張）。', 'Both spouses, in person, each with their ID card (two IDs).'],
    hours: [],
  },
  {
    code: 'home-visit',
    kind: 'home_visit',
    name: ['到宅服務', 'Home visit'],
    desc: ['行動不便、重病或 65 歲以上無法親自到所者，由本所派員到府辦理。', 'For people who cannot come (disability, 65+ with limited mobility, serious illness): we come to you.'],
    queue: null,
    guide: null,
    slotMinutes: 60,
    capacity: 0,
    minDays: 0,
    maxDays: 0,
    cutoff: null,
    documents: [
      ['當事人國民身分證、印章', "The person's ID card and seal"],
      ['戶口名簿', 'Household certificate book'],
      ['身心障礙證明或診斷證明（如有）', 'Disability card or medical certificate, if any'],
    ],
    inPerson: ['當事人在家；申請人可為家屬。', 'The person at home; a family member may apply.'],
    hours: [],
  },
  {
    code: 'director',
    kind: 'director',
    name: ['與主任有約', 'Meet the director'],
    desc: ['每週三下午，主任親自聽取您的意見或協助疑難案件。', 'On Wednesday afternoons the director hears your suggestions or helps with a difficult case.'],
    queue: null,
    guide: null,
    slotMinutes: 30,
    capacity: 1,
    minDays: 1,
    maxDays: 14,
    cutoff: '15:00',
    documents: [['與事由相關的文件', 'Any papers about your matter']],
    inPerson: ['本人，可偕同 1 位家屬。', 'You, with one family member if you like.'],
    hours: [[[3], '14:00', '16:00']],
  },
  {
    code: 'hall',
    kind: 'hall',
    name: ['禮堂（結婚儀式）', 'Ceremony hall (weddings)'],
    desc: ['在本所禮堂舉行結婚儀式；送出申請後由本所核准。', 'Hold your wedding ceremony in our hall; we approve each request.'],
    queue: null,
    guide: null,
    slotMinutes: 30,
    capacity: 1,
    minDays: 3,
    minWorkingDays: true,
    maxDays: 60,
    cutoff: null,
    approval: true,
    documents: [['申請人國民身分證', "Applicant's ID card"]],
    inPerson: ['申請人於使用當天到場。', 'The applicant, on the day.'],
    hours: [
      [WEEK, '09:00', '12:00'],
      [WEEK, '14:00', '17:00'],
    ],
    offices: ['zhubei'],
  },
];

/** Seeds each office's booking services, and the coming Saturdays opened for marriage registration. */
export async function seedBookingServices(trx: Executor, offices: Record<string, number>, now: Date): Promise<void> {
  const iso = now.toISOString();
  for (const [code, officeId] of Object.entries(offices)) {
    for (const [i, s] of BOOKING_SERVICES.entries()) {
      if (s.offices && !s.offices.includes(code)) continue;
      const row = await trx
        .insertInto('booking_service')
        .values({
          office_id: officeId,
          code: s.code,
          kind: s.kind,
          name_zh: s.name[0],
          name_en: s.name[1],
          desc_zh: s.desc[0],
          desc_en: s.desc[1],
          queue_service_code: s.queue,
          guide_code: s.guide,
          slot_minutes: s.slotMinutes,
          capacity: s.capacity,
          min_days: s.minDays,
          min_working_days: s.minWorkingDays ? 1 : 0,
          max_days: s.maxDays,
          cutoff: s.cutoff,
          parties: s.parties ?? 1,
          needs_approval: s.approval ? 1 : 0,
          openings_only: s.openingsOnly ? 1 : 0,
          uses_office_hours: s.hours === 'office' ? 1 : 0,
          documents: JSON.stringify(s.documents.map(([zh, en]) => ({ zh, en }))),
          in_person_zh: s.inPerson[0],
          in_person_en: s.inPerson[1],
          active: 1,
          sort: i,
          updated_at: iso,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const [days, starts, ends] of s.hours === 'office' ? [] : s.hours) {
        for (const wd of days) await trx.insertInto('booking_hours').values({ booking_service_id: row.id, weekday: wd, starts, ends }).execute();
      }
      if (s.kind === 'marriage') {
        // the next five Saturdays, 09:00–12:00
        let d = addDays(taipeiToday(now), 1);
        while (weekday(d) !== 6) d = addDays(d, 1);
        for (let k = 0; k < 5; k++, d = addDays(d, 7)) {
          await trx
            .insertInto('booking_opening')
            .values({ booking_service_id: row.id, day: d, starts: '09:00', ends: '12:00', capacity: null, note_zh: '週六加開結婚登記', note_en: 'Saturday marriage registration', hot: 0 })
            .execute();
        }
      }
    }
  }
}
