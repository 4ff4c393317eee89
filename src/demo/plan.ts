import type { Database, Executor } from '../db/index.js';
import { writeTransaction } from '../db/index.js';
import { addDays, type IsoDate, type OfficeCalendar, taipeiToday } from '../platform/calendar/index.js';
import { calendarService } from '../modules/calendar/index.js';
import { figuresOf, monthPeriod, talliesFor } from '../modules/figures/index.js';
import { createPlan, recordRevision } from '../modules/plan/create.js';
import { recordAudit } from '../platform/audit/index.js';
import { findPlan, readPlan } from '../modules/plan/model.js';
import { intBetween, streamOf, weighted } from './activity-random.js';
import {
  at,
  type Ctx,
  type Person,
  evidence,
  evidencePdfs,
  itemId,
  meetingOf,
  monthOf,
  nextMonthFirst,
  nthWorkingDay,
  seedAwards,
  seedChecks,
  seedProcessReviews,
  seedProposals,
} from './plan-registers.js';

/**
 * The demo plan: Zhubei's 湖西-template plan for `now`'s year, filed with
 * the county in February and published, with the year's work so far —
 * hand-entered values, monthly meetings and their decisions, spot checks,
 * proposals, process reviews and awards — and the county's own draft plan.
 * Everything is dated before `now` (Taipei) and drawn from a seeded stream,
 * so the same `now` gives the same rows. Its queue.within15 target (90 %)
 * sits above what the generated history reaches (about 80 %), so the
 * director meets an off-track indicator on the first page.
 * Seeding again when the plan is there does nothing.
 */
const PLAN_SEED = 1150214;

export async function seedPlan(database: Database, now: Date): Promise<void> {
  const db = database.db;
  const today = taipeiToday(now);
  const year = Number(today.slice(0, 4));
  const office = await db.selectFrom('office').select(['id', 'county_id']).where('code', '=', 'zhubei').executeTakeFirst();
  if (!office || (await findPlan(db, office.id, office.county_id, year))) return;
  const people = await db.selectFrom('staff').select(['id', 'username', 'display_name']).where('username', 'in', ['director.zhubei', 'supervisor.zhubei', 'clerk.zhubei', 'county']).execute();
  const actor = (u: string): Person => {
    const s = people.find((p) => p.username === u);
    return { id: s?.id ?? null, name: s?.display_name ?? u, username: u };
  };
  const staff = { director: actor('director.zhubei'), supervisor: actor('supervisor.zhubei'), clerk: actor('clerk.zhubei') };
  const cal = await calendarService.officeCalendar(db, office.id);
  const months = Array.from({ length: Number(today.slice(5, 7)) - 1 }, (_v, i) => monthOf(year, i + 1));
  const figures = await monthFigures(db, office.id, months);
  const pdfs = await evidencePdfs(year);
  await writeTransaction(database, async (trx) => {
    await createPlan(trx, { countyId: office.county_id, officeId: null, year, title: `新竹縣${year - 1911}年提升服務品質實施計畫`, source: { template: 'huxi103' } }, actor('county'), at(draftDay(cal, year, today), '09:30'));
    const planId = await createPlan(trx, { countyId: office.county_id, officeId: office.id, year, source: { template: 'huxi103' } }, staff.supervisor, at(draftDay(cal, year, today), '14:00'));
    const tree0 = await readPlan(trx, planId);
    if (!tree0) return;
    const ctx: Ctx = { trx, rng: (...p) => streamOf(PLAN_SEED, ...p), year, today, cal, office: { id: office.id, countyId: office.county_id }, planId, published: null, tree: tree0, months, staff, pdfs };
    const filedMonth = await fileAndPublish(ctx);
    const adopted = await seedProposals(ctx);
    await seedHandValues(ctx, filedMonth, adopted);
    await seedReviews(ctx, figures);
    await seedChecks(ctx);
    await seedProcessReviews(ctx);
    await seedAwards(ctx);
  });
}

/** The plan is drafted in mid-January (or today, early in January). */
function draftDay(cal: OfficeCalendar, year: number, today: IsoDate): IsoDate {
  const d = nthWorkingDay(cal, `${year}-01-12`, 1);
  return d < today ? d : today;
}

/** Filed with the county in February (its 府民戶字 document number), published three working days later; each step only once its day is past. Returns the filing month, or null. */
async function fileAndPublish(c: Ctx): Promise<string | null> {
  const filed = nthWorkingDay(c.cal, `${c.year}-02-09`, 1);
  if (filed >= c.today) return null;
  const doc = `府民戶字第${c.year - 1911}00${String(intBetween(c.rng('doc'), 10000, 99999))}號`;
  await moveTo(c, 2, { state: 'filed', filed_on: filed, filed_doc: doc }, at(filed, '15:10'), { on: filed, doc });
  const published = nthWorkingDay(c.cal, addDays(filed, 1), 3);
  if (published < c.today) {
    await moveTo(c, 3, { state: 'published', published_on: published }, at(published, '09:20'), { on: published });
    c.published = published;
  }
  return filed.slice(0, 7);
}

/** A state change as the plan page makes it: the row, a revision of the plan as it now is, an audit entry. */
async function moveTo(c: Ctx, revision: number, set: { state: 'filed' | 'published' } & Record<string, string>, when: Date, detail: Record<string, string>): Promise<void> {
  const from = revision === 2 ? 'draft' : 'filed';
  await c.trx.updateTable('plan').set({ ...set, revision, updated_at: when.toISOString() }).where('id', '=', c.planId).execute();
  await recordRevision(c.trx, c.planId, revision, c.staff.director, `state.${set.state}`, when);
  await recordAudit(
    c.trx,
    {
      actor: { id: c.staff.director.id ?? 0, username: c.staff.director.username },
      action: `plan.state.${set.state}`,
      target: { type: 'plan', id: c.planId },
      officeId: c.office.id,
      countyId: c.office.countyId,
      detail: { from, to: set.state, ...detail, revision },
      ip: null,
    },
    when,
  );
}

async function monthFigures(db: Executor, officeId: number, months: string[]): Promise<Map<string, Record<string, number | null>>> {
  const out = new Map<string, Record<string, number | null>>();
  for (const m of months) {
    const [y, mm] = m.split('-').map(Number) as [number, number];
    out.set(m, figuresOf((await talliesFor(db, [officeId], monthPeriod(y, mm))).get(officeId) ?? {}));
  }
  return out;
}

type HandEntry = { value: number; note: string; file?: { key: string; name: string } };

/** What Zhubei typed into each hand-entered measure for a month (the label says what it counts). */
function handEntry(c: Ctx, label: string, month: string, filedMonth: string | null, adopted: string[]): HandEntry {
  const m = Number(month.slice(5));
  if (label.startsWith('計畫報府備查')) {
    const done = filedMonth !== null && month >= filedMonth;
    return done ? { value: 1, note: '已報府備查並公告於網站及服務台', ...(month === filedMonth ? { file: { key: 'filing', name: '計畫報府備查函.pdf' } } : {}) } : { value: 0, note: '計畫草案研擬中' };
  }
  if (label.startsWith('網站無障礙')) return { value: 1, note: '無障礙標章 AA 等級有效', ...(m === 1 ? { file: { key: 'accessibility', name: '無障礙檢測合格證明.pdf' } } : {}) };
  if (label.startsWith('電子參與')) {
    const n = weighted(c.rng('eparticipation', month), [[0, 2], [1, 5], [2, 2]] as const);
    return { value: n, note: n === 0 ? '本月未辦理' : n === 1 ? '網路民調一次' : '網路民調及線上意見徵詢各一次' };
  }
  if (label.startsWith('推出創新服務')) {
    const n = adopted.filter((d) => d.slice(0, 7) <= month && d.slice(0, 4) === month.slice(0, 4)).length;
    return { value: n, note: `年度累計，含提案採行 ${n} 項` };
  }
  if (label.startsWith('標竿學習')) {
    const n = (m >= 4 ? 1 : 0) + (m >= 9 ? 1 : 0);
    return { value: n, note: `年度累計 ${n} 次`, ...(m === 4 ? { file: { key: 'visit', name: '標竿學習參訪紀錄.pdf' } } : {}) };
  }
  if (label.startsWith('自評')) return { value: 0, note: '年終辦理' };
  return { value: 1, note: '依計畫辦理' };
}

async function seedHandValues(c: Ctx, filedMonth: string | null, adopted: string[]): Promise<void> {
  const measures = c.tree.flat.flatMap((i) => i.measures).filter((m) => m.indicatorKey === null);
  for (const month of c.months) {
    // typed in on the first working day after the month, or the day before today when that is not yet past
    const first = nthWorkingDay(c.cal, nextMonthFirst(month), 1);
    const entered = first < c.today ? first : c.cal.previousWorkingDay(c.today);
    for (const m of measures) {
      const e = handEntry(c, m.label, month, filedMonth, adopted);
      const fileId = e.file ? await evidence(c, e.file.key, e.file.name, entered) : null;
      await c.trx
        .insertInto('plan_hand_value')
        .values({ measure_id: m.id, month, value: e.value, note: e.note, file_id: fileId, entered_by: c.staff.supervisor.id, entered_at: at(entered, '16:40').toISOString() })
        .execute();
    }
  }
}

interface ActionDef {
  /** raised at the meeting on the month this many months before the last whole month */
  ago: number;
  item: string;
  text: string;
  owner: string;
  /** days after the meeting */
  due: number;
  /** closed at the meeting this many months later; null: still open */
  close: number | null;
  dropped?: boolean;
  note?: string;
}

const ACTIONS: ActionDef[] = [
  { ago: 9, item: '便捷性', text: '週一上午及午休時段加開支援櫃台，並調整輪值排班', owner: '戶籍課 張志明', due: 21, close: 1, note: '自次月起週一上午固定加開一櫃台' },
  { ago: 8, item: '透明度', text: '補正通知改採一次告知檢核表，避免民眾往返', owner: '戶籍課', due: 28, close: 2, note: '檢核表已印製並於各櫃台使用' },
  { ago: 7, item: '顧客滿意度', text: '各櫃台張貼滿意度問卷 QR code', owner: '行政課', due: 10, close: 1, note: '已完成張貼，問卷回收份數增加' },
  { ago: 6, item: '服務行銷有效性', text: '研議每月一次週六全日受理', owner: '所長室', due: 30, close: 1, dropped: true, note: '人力不足，改以週三夜間延時服務及線上預約因應' },
  { ago: 5, item: '民眾意見處理有效性', text: '陳情案件到期前三日提醒承辦人，並檢討逾期原因', owner: '行政課', due: 14, close: 1, note: '已建立到期提醒' },
  { ago: 4, item: '資訊公開適切性與內容有效性', text: '更新網站常見問答（遷入登記應備文件）', owner: '行政課', due: 20, close: 2, note: '常見問答已更新並公告' },
  { ago: 3, item: '創新服務標竿學習效益', text: '安排第二次標竿學習參訪並提出心得報告', owner: '行政課', due: 30, close: 2, note: '參訪心得已於所務會議報告' },
  { ago: 1, item: '便捷性', text: '分析等候逾十五分鐘之時段，提出櫃台調度方案', owner: '戶籍課 張志明', due: 14, close: null },
  { ago: 0, item: '評核作業', text: '彙整全年執行成果，準備年終自評資料', owner: '行政課', due: 40, close: null },
];

interface SeededAction {
  raised: string;
  closed: string | null;
  text: string;
}

/** The decisions of the meetings held so far: most closed a month or two later, one dropped, two open (one past its due date). */
async function seedActions(c: Ctx): Promise<SeededAction[]> {
  const out: SeededAction[] = [];
  const last = c.months.length;
  for (const a of ACTIONS) {
    const raisedIdx = last - a.ago;
    if (raisedIdx < 1) continue;
    const raised = monthOf(c.year, raisedIdx);
    const held = meetingOf(c.cal, raised);
    if (held >= c.today) continue;
    const closedIdx = a.close === null ? null : raisedIdx + a.close;
    const closed = closedIdx !== null && closedIdx <= last && meetingOf(c.cal, monthOf(c.year, closedIdx)) < c.today ? monthOf(c.year, closedIdx) : null;
    const closedOn = closed ? meetingOf(c.cal, closed) : null;
    await c.trx
      .insertInto('plan_action')
      .values({
        plan_id: c.planId,
        item_id: itemId(c, a.item),
        raised_month: raised,
        text: a.text,
        owner: a.owner,
        due_on: addDays(held, a.due),
        state: closed ? (a.dropped ? 'dropped' : 'done') : 'open',
        closed_month: closed,
        closed_on: closedOn,
        closing_note: closed ? (a.note ?? null) : null,
        created_by: c.staff.director.id,
        created_at: at(held, '11:30').toISOString(),
        updated_at: at(closedOn ?? held, '11:30').toISOString(),
      })
      .execute();
    out.push({ raised, closed, text: a.text });
  }
  return out;
}

const percent = (v: number | null | undefined) => (v === null || v === undefined ? '無資料' : `${v}%`);

/** The minutes as a secretary writes them: the month's headline figures, what was closed, what is still followed, what was decided. */
function minutesOf(c: Ctx, month: string, f: Record<string, number | null>, actions: SeededAction[]): string {
  const roc = `${Number(month.slice(0, 4)) - 1911}年${Number(month.slice(5))}月`;
  const within15 = f.within15 ?? null;
  const target = c.tree.flat.flatMap((i) => i.measures).find((m) => m.indicatorKey === 'queue.within15')?.target ?? null;
  const missed = within15 !== null && target !== null && within15 < target ? '，未達成' : '';
  const closed = actions.filter((a) => a.closed === month).map((a) => a.text);
  const followed = actions.filter((a) => a.raised < month && (a.closed === null || a.closed > month)).length;
  const raised = actions.filter((a) => a.raised === month).map((a) => a.text);
  const tracking = [closed.length ? `${closed.join('；')}，已辦結` : '', followed ? `其餘 ${followed} 項持續列管` : ''].filter(Boolean).join('；');
  return [
    `出席：所長${c.staff.director.name}、戶籍課課長${c.staff.supervisor.name}及全體同仁。`,
    `一、${roc}執行情形：十五分鐘內受理比率 ${percent(within15)}${target === null ? '' : `（目標 ${target}%${missed}）`}，等候時間中位數 ${f.waitP50 ?? '—'} 分鐘，案件如期完成率 ${percent(f.caseOnTime)}，民眾滿意度 ${percent(f.satisfaction)}。`,
    `二、前次決議追蹤：${tracking ? `${tracking}。` : '無。'}`,
    `三、本次決議：${raised.length ? `${raised.join('；')}。` : '照計畫執行。'}`,
  ].join('\n');
}

/** One 所務會議 per whole month, held early in the next month (only those already held). */
async function seedReviews(c: Ctx, figures: Map<string, Record<string, number | null>>): Promise<void> {
  const actions = await seedActions(c);
  for (const month of c.months) {
    const held = meetingOf(c.cal, month);
    if (held >= c.today) continue;
    const minutes = minutesOf(c, month, figures.get(month) ?? {}, actions);
    const when = at(held, '11:00').toISOString();
    await c.trx.insertInto('plan_review').values({ plan_id: c.planId, month, held_on: held, minutes, snapshot: null, created_by: c.staff.director.id, created_at: when, updated_at: when }).execute();
  }
}
