import { addDays, type IsoDate } from '../platform/calendar/index.js';
import { CATEGORIES, CHANNELS } from '../modules/petitions/rules.js';
import { type DayContext, identity, instant, minuteMs, openMinute, type Row, sealed } from './activity-day.js';
import { base64urlOf, caseReferenceOf, chance, hexOf, intBetween, logNormal, lostIdReferenceOf, mobile, normal, personName, pick, poisson, type Rng, weighted } from './activity-random.js';

/** A row whose running number comes from the office's day sequence when it is written. */
export interface Numbered {
  row: Row;
  /** sorts the day's rows into the order they were numbered in */
  atMs: number;
}

const GUIDE_WEIGHT: Record<string, number> = {
  'move-in': 0.2,
  'move-out': 0.1,
  'address-change': 0.08,
  birth: 0.1,
  death: 0.07,
  marriage: 0.08,
  divorce: 0.03,
  'name-change': 0.02,
  'first-registration': 0.02,
  'english-transcript': 0.1,
  'house-number-assignment': 0.04,
  naturalization: 0.01,
};

/** A time the same office is open, after a given minute when there is one left that day. */
function laterMinute(ctx: DayContext, rng: Rng, after: number | null): number {
  const m = openMinute(rng, ctx.hours);
  if (after === null || m > after) return m;
  return Math.min(ctx.hours.closes - 1, after + intBetween(rng, 5, 90));
}

/**
 * Cases received today, each with the guide's limit (working days). Most
 * close within it, a few late; a case whose closing day would fall after
 * the horizon is still open, waiting for documents when a slip was issued.
 */
export function casesOfDay(ctx: DayContext, rate: number): Numbered[] {
  const { office, day, rng } = ctx;
  if (office.guides.length === 0) return [];
  const weights = office.guides.map((g) => [g, GUIDE_WEIGHT[g.code] ?? 0.01] as const);
  const out: Numbered[] = [];
  const n = poisson(rng, ctx.volume * rate);
  for (let i = 0; i < n; i++) {
    const guide = weighted(rng, weights);
    const serial = ++ctx.serials.case;
    const receivedMin = openMinute(rng, ctx.hours);
    const receivedMs = minuteMs(receivedMin, rng);
    const received = instant(day, receivedMs);
    const due = office.calendar.addWorkingDays(day, guide.limitDays);
    const notices = weighted(rng, [[0, 0.85], [1, 0.12], [2, 0.03]] as const);
    const late = chance(rng, notices ? 0.1 : 0.03);
    const taken = late ? guide.limitDays + intBetween(rng, 1, 3) : guide.limitDays === 1 ? (chance(rng, 0.6) ? 0 : 1) : intBetween(rng, 0, guide.limitDays);
    const closeDay = taken === 0 ? day : office.calendar.addWorkingDays(day, taken);
    let closedMs = minuteMs(laterMinute(ctx, rng, closeDay === day ? receivedMin : null), rng);
    if (closeDay === day && closedMs <= receivedMs) closedMs = receivedMs + intBetween(rng, 10, 60) * 60_000;
    const closed = closeDay <= ctx.horizon ? instant(closeDay, closedMs) : null;
    const staffId = pick(rng, office.staffIds);
    out.push({
      atMs: receivedMs,
      row: {
        office_id: office.id,
        number: '',
        reference: caseReferenceOf(serial),
        locale: chance(rng, 0.02) ? 'en' : 'zh-Hant',
        lookup_failures: 0,
        lookup_locked_until: null,
        guide_code: guide.code,
        status: closed ? 'closed' : notices ? 'waiting_docs' : pick(rng, ['received', 'review']),
        applicant_name: personName(rng),
        ...identity(ctx, serial, 30),
        email: chance(rng, 0.3) ? `c${serial}@example.com` : null,
        phone: chance(rng, 0.7) ? mobile(rng) : null,
        received_on: day,
        limit_days: guide.limitDays,
        due_on: due,
        notices,
        ticket_id: null,
        booking_id: null,
        created_by: staffId,
        created_at: received,
        updated_at: closed ?? received,
        closed_at: closed,
      },
    });
  }
  return out;
}

const CHANNEL_WEIGHT: Record<string, number> = { web: 0.4, onsite: 0.15, phone: 0.15, hotline1999: 0.1, director: 0.04, meeting: 0.03, letter: 0.05, survey: 0.05, superior: 0.03 };
const CATEGORY_WEIGHT: Record<string, number> = { registration: 0.25, id_card: 0.12, service: 0.25, facilities: 0.12, online: 0.1, law: 0.08, other: 0.08 };
const SUBJECTS: Record<string, string[]> = {
  registration: ['遷入登記需要哪些文件', '出生登記的期限', '住址變更後的通知'],
  id_card: ['補領身分證的流程', '換證可以預約嗎', '身分證照片規格'],
  service: ['感謝櫃台同仁的協助', '等候時間太久', '希望增加服務窗口'],
  facilities: ['停車位不足', '等候區冷氣太冷', '希望增設哺乳室指標'],
  online: ['網路預約系統無法登入', '線上申請謄本的問題', '網站資料更新建議'],
  law: ['戶籍法規定的罰鍰', '分戶的法律規定', '收養登記的程序'],
  other: ['建議事項', '其他詢問', '活動資訊詢問'],
};
const AGENCIES = ['新竹縣政府', '內政部戶政司', '行政院'];

/**
 * Petitions received today by every channel, classed simple (3 working
 * days), several units (5) or complex (30); most answered in time, some
 * rated by the citizen within the week after the reply.
 */
export function petitionsOfDay(ctx: DayContext, rate: number): Numbered[] {
  const { office, day, rng } = ctx;
  const out: Numbered[] = [];
  const n = poisson(rng, ctx.volume * rate);
  for (let i = 0; i < n; i++) {
    const serial = ++ctx.serials.petition;
    const channel = weighted(rng, CHANNELS.map((c) => [c, CHANNEL_WEIGHT[c] ?? 0.01] as const));
    const category = weighted(rng, CATEGORIES.map((c) => [c, CATEGORY_WEIGHT[c] ?? 0.01] as const));
    const cls = weighted(rng, [['simple', 0.85], ['several', 0.12], ['complex', 0.03]] as const);
    const limit = cls === 'simple' ? 3 : cls === 'several' ? 5 : 30;
    const receivedMs = minuteMs(openMinute(rng, ctx.hours), rng);
    const received = instant(day, receivedMs);
    const superiorDue = channel === 'superior' ? office.calendar.addWorkingDays(day, limit + intBetween(rng, -1, 3)) : null;
    const ownDue = office.calendar.addWorkingDays(day, limit);
    const due = superiorDue && superiorDue < ownDue ? superiorDue : ownDue;
    const late = chance(rng, 0.07);
    const taken = late ? limit + intBetween(rng, 1, 4) : Math.max(1, Math.min(limit, Math.round(logNormal(rng, Math.min(2, limit), 0.5))));
    const repliedOn = office.calendar.addWorkingDays(day, taken);
    const replied = repliedOn <= ctx.horizon;
    const repliedAt = replied ? instant(repliedOn, minuteMs(openMinute(rng, ctx.hours), rng)) : null;
    const email = channel === 'web' || chance(rng, 0.4) ? `p${serial}@example.com` : null;
    const ratedDay = replied && email && chance(rng, 0.4) ? addDays(repliedOn, intBetween(rng, 0, 6)) : null;
    let rated = ratedDay && ratedDay <= ctx.horizon ? instant(ratedDay, minuteMs(intBetween(rng, 8 * 60, 22 * 60), rng)) : null;
    if (rated && repliedAt && rated <= repliedAt) rated = new Date(Date.parse(repliedAt) + 3600_000).toISOString();
    const rateUntil = repliedAt ? new Date(Date.parse(repliedAt) + 7 * 86_400_000).toISOString() : null;
    // closed once rated, or once the week for a rating has passed
    const closedAt = rated ?? (rateUntil && rateUntil.slice(0, 10) < ctx.horizon ? rateUntil : null);
    const staffId = pick(rng, office.staffIds);
    const subject = pick(rng, SUBJECTS[category] ?? SUBJECTS.other!);
    const status = closedAt ? 'closed' : replied ? 'replied' : chance(rng, 0.5) ? 'assigned' : 'received';
    out.push({
      atMs: receivedMs,
      row: {
        office_id: office.id,
        number: '',
        view_token: base64urlOf(serial, 7, 15),
        channel,
        status,
        subject,
        category,
        body: `${subject}。（示範資料）`,
        language: chance(rng, 0.03) ? 'en' : 'zh-Hant',
        name: personName(rng),
        email,
        phone: chance(rng, 0.6) ? mobile(rng) : null,
        address: null,
        wants_reply: chance(rng, 0.92) ? 1 : 0,
        read_back: 0,
        password_hash: null,
        confirm_hash: null,
        confirm_until: null,
        class: cls,
        limit_days: limit,
        received_on: day,
        due_on: due,
        extended_reason: null,
        assignee_id: status === 'received' ? null : staffId,
        escalation: 0,
        reply_body: replied ? '您好，有關您反映的事項，本所已妥為處理，謝謝您的寶貴意見。（示範資料）' : null,
        replied_at: repliedAt,
        replied_on: replied ? repliedOn : null,
        decline_ground: null,
        transfer_to: null,
        rating: rated ? weighted(rng, [[5, 0.45], [4, 0.3], [3, 0.12], [2, 0.08], [1, 0.05]] as const) : null,
        rating_comment: null,
        rated_at: rated,
        rate_until: rateUntil,
        booking_id: null,
        created_by: channel === 'web' ? null : staffId,
        created_at: received,
        updated_at: closedAt ?? repliedAt ?? received,
        closed_at: closedAt,
        superior_agency: superiorDue ? pick(rng, AGENCIES) : null,
        superior_doc_no: superiorDue ? `府民戶字第${intBetween(rng, 1_140_000_000, 1_159_999_999)}號` : null,
        superior_due_on: superiorDue,
      },
    });
  }
  return out;
}

const COMMENTS = ['服務人員很親切', '等候時間太長', '希望增加櫃台窗口', '停車位不足', '網站資料很清楚', '流程說明清楚，謝謝'];

/** Questionnaires about today's visits, with their answers to the version's questions; long waits pull scores down, as they do. */
export function surveysOfDay(ctx: DayContext, rate: number, satisfaction: number): { row: Row; answers: Row[] }[] {
  const { office, day, rng } = ctx;
  const survey = office.survey;
  if (!survey) return [];
  const out: { row: Row; answers: Row[] }[] = [];
  const n = poisson(rng, ctx.volume * rate);
  for (let i = 0; i < n; i++) {
    const wait = Math.min(120, Math.round(logNormal(rng, ctx.waitBase, 0.8)));
    const mood = satisfaction + 0.6 * normal(rng) - (wait > 30 ? 1 : wait > 15 ? 0.4 : 0);
    const channel = weighted(rng, [['kiosk', 0.5], ['ticket', 0.25], ['web', 0.15], ['booking', 0.1]] as const);
    const at = channel === 'web' ? intBetween(rng, ctx.hours.opens, 22 * 60) : openMinute(rng, ctx.hours);
    const answers: Row[] = [];
    for (const q of survey.questions) {
      if (q.type === 'scale') answers.push({ question: q.key, score: Math.max(1, Math.min(5, Math.round(mood + 0.5 * normal(rng)))), choice: null, text: null });
      else if ((q.type === 'single' || q.type === 'multi') && q.options.length && (q.required || chance(rng, 0.8))) {
        const first = pick(rng, q.options).value;
        answers.push({ question: q.key, score: null, choice: first, text: null });
        const second = pick(rng, q.options).value;
        if (q.type === 'multi' && second !== first && chance(rng, 0.3)) answers.push({ question: q.key, score: null, choice: second, text: null });
      } else if (q.type === 'text' && chance(rng, 0.06)) answers.push({ question: q.key, score: null, choice: null, text: pick(rng, COMMENTS) });
    }
    out.push({
      row: {
        survey_id: survey.surveyId,
        version_id: survey.versionId,
        office_id: office.id,
        channel,
        visit_hash: null,
        service_code: office.services.length ? pick(rng, office.services).code : null,
        counter_number: office.counters.length ? pick(rng, office.counters).number : null,
        wait_minutes: wait,
        gender: chance(rng, 0.85) ? pick(rng, ['female', 'female', 'male', 'male', 'other', 'none']) : null,
        age_band: chance(rng, 0.85) ? pick(rng, ['u20', '20s', '30s', '30s', '40s', '40s', '50s', '60_64', '65plus']) : null,
        identity: chance(rng, 0.8) ? weighted(rng, [['general', 0.9], ['indigenous', office.code === 'jianshi' ? 0.5 : 0.03], ['new_immigrant', 0.05]] as const) : null,
        day,
        created_at: instant(day, minuteMs(at, rng)),
      },
      answers,
    });
  }
  return out;
}

/** Lost ID cards reported today: on the web at any hour of the day, by phone while the office is open; most end when the card is replaced. */
export function lostIdsOfDay(ctx: DayContext, rate: number): Row[] {
  const { office, day, rng } = ctx;
  const out: Row[] = [];
  const n = poisson(rng, ctx.volume * rate);
  for (let i = 0; i < n; i++) {
    const serial = ++ctx.serials.lost;
    const phone = chance(rng, 0.25);
    const at = instant(day, minuteMs(phone ? openMinute(rng, ctx.hours) : intBetween(rng, 7 * 60, 23 * 60 + 50), rng));
    const endDay = addDays(day, Math.max(1, Math.round(logNormal(rng, 4, 0.7))));
    const ended = endDay <= ctx.horizon;
    const found = chance(rng, 0.15);
    const who = identity(ctx, serial, 40);
    const staffId = pick(rng, office.staffIds);
    out.push({
      reference: lostIdReferenceOf(serial, at),
      id_hash: who.id_hash,
      id_enc: who.id_enc,
      name_enc: sealed(ctx, serial, 43, personName(rng)),
      birth_hash: who.birth_hash,
      address_enc: sealed(ctx, serial, 44, `${office.code} 示範路 ${intBetween(rng, 1, 300)} 號`),
      contact_enc: sealed(ctx, serial, 45, mobile(rng)),
      revoke_hash: hexOf(serial, 46),
      status: ended ? (found ? 'revoked' : 'closed') : 'active',
      office_id: office.id,
      reported_at: at,
      ended_at: ended ? instant(endDay, minuteMs(intBetween(rng, 9 * 60, 16 * 60), rng)) : null,
      ended_by: ended && !found ? staffId : null,
      channel: phone ? 'phone' : 'web',
      created_by: phone ? staffId : null,
    });
  }
  return out;
}

const FOUND = ['遷入', '身分證', '戶籍謄本', '結婚登記', '出生登記', '印鑑證明', '門牌', '自然人憑證', '預約', '規費', '換證', '英文謄本', '死亡登記', '更名'];
const NOT_FOUND = ['停車', '護照', '健保卡', '駕照', '地價稅'];

/** The county site's searches of one day (office 0: they belong to no office): any day and hour, fewer at night and on days off; some find nothing. */
export function searchesOfDay(rng: Rng, day: IsoDate, expected: number): Row[] {
  const out: Row[] = [];
  const n = poisson(rng, expected);
  for (let i = 0; i < n; i++) {
    const none = chance(rng, 0.1);
    const minute = chance(rng, 0.85) ? intBetween(rng, 8 * 60, 22 * 60) : intBetween(rng, 0, 24 * 60 - 1);
    out.push({
      query: pick(rng, none ? NOT_FOUND : FOUND),
      locale: chance(rng, 0.08) ? 'en' : 'zh-Hant',
      results: none ? 0 : intBetween(rng, 1, 25),
      at: instant(day, minuteMs(minute, rng)),
    });
  }
  return out;
}
