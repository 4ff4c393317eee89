import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { Executor } from '../db/index.js';
import { addDays, formatRocDate, type IsoDate, type OfficeCalendar } from '../platform/calendar/index.js';
import type { Actor } from '../modules/plan/create.js';
import { saveEvidence } from '../modules/plan/files.js';
import type { PlanTree } from '../modules/plan/model.js';
import { addProposalItem } from '../modules/plan/registers-proposal-item.js';
import { intBetween, pick, type Rng, weighted } from './activity-random.js';

/**
 * The demo plan's registers (spot checks, proposals, process reviews,
 * awards), the evidence files, and the dates every part of the demo plan
 * shares. Everything lands on a working day before today (Taipei).
 */
export type Person = Actor & { username: string };

export interface Ctx {
  trx: Executor;
  rng: (...parts: (string | number)[]) => Rng;
  year: number;
  today: IsoDate;
  cal: OfficeCalendar;
  office: { id: number; countyId: number };
  planId: number;
  /** the day the plan was published, once it is */
  published: IsoDate | null;
  tree: PlanTree;
  /** 'YYYY-MM' of every whole month of the year before today */
  months: string[];
  staff: { director: Person; supervisor: Person; clerk: Person };
  /** evidence files made before the transaction: key → bytes */
  pdfs: Map<string, Uint8Array>;
}

/** An instant on a Taipei day. */
export const at = (day: IsoDate, hhmm = '10:00') => new Date(`${day}T${hhmm}:00+08:00`);
const pad = (n: number) => String(n).padStart(2, '0');
export const monthOf = (year: number, m: number) => `${year}-${pad(m)}`;
export const nextMonthFirst = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${pad(m + 1)}-01`;
};
/** The n-th working day (1 = the first) on or after a date. */
export function nthWorkingDay(cal: OfficeCalendar, from: IsoDate, n: number): IsoDate {
  let d = cal.isWorkingDay(from) ? from : cal.nextWorkingDay(from);
  for (let i = 1; i < n; i++) d = cal.nextWorkingDay(d);
  return d;
}
/** The 所務會議 on a month: the second working day of the next month. */
export const meetingOf = (cal: OfficeCalendar, month: string) => nthWorkingDay(cal, nextMonthFirst(month), 2);

export const itemId = (c: Ctx, title: string): number | null => c.tree.flat.find((i) => i.title === title)?.id ?? null;

/** The Traditional-Chinese font shipped through npm, read once: the evidence PDFs are the same bytes on every machine. */
function evidenceFont(): Buffer | null {
  try {
    return readFileSync(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-tc/400Regular/NotoSansTC_400Regular.ttf'));
  } catch {
    return null;
  }
}

/** One small A5 page standing in for a scanned document; without the font, its title in Latin letters. */
function evidencePdf(font: Buffer | null, title: string, lines: string[], created: Date): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A5', margin: 40, info: { Title: title, Creator: 'Huzheng demo', Producer: 'Huzheng', CreationDate: created } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve) => doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks)))));
  if (font) doc.registerFont('zh', font).font('zh');
  doc.fontSize(15).text(font ? title : 'Huzheng demo evidence');
  doc.moveDown().fontSize(11).text(font ? lines.join('\n') : '(demo data)');
  doc.end();
  return done;
}

/** The evidence files of the demo plan (a letter, two certificates, a visit record), made before the transaction. */
export async function evidencePdfs(year: number): Promise<Map<string, Uint8Array>> {
  const roc = year - 1911;
  const docs: [string, string, string[]][] = [
    ['filing', `${roc}年提升服務品質執行計畫報府備查函`, ['受文者：新竹縣政府', '主旨：檢送本所年度提升服務品質執行計畫乙份，請備查。', '（示範資料）']],
    ['accessibility', '網站無障礙檢測合格證明', ['檢測等級：AA', '有效期限：二年', '（示範資料）']],
    ['visit', '標竿學習參訪紀錄', ['參訪單位：新竹縣竹東鎮戶政事務所', '學習重點：單一窗口與預約取號整合', '（示範資料）']],
    ['award', '新竹縣為民服務績效考核 優等 獎狀', ['受獎單位：新竹縣竹北市戶政事務所', '（示範資料）']],
  ];
  const font = evidenceFont();
  const out = new Map<string, Uint8Array>();
  for (const [key, title, lines] of docs) out.set(key, await evidencePdf(font, title, lines, new Date(`${year}-01-01T00:00:00+08:00`)));
  return out;
}

export async function evidence(c: Ctx, key: string, filename: string, day: IsoDate): Promise<number | null> {
  const bytes = c.pdfs.get(key);
  if (!bytes) return null;
  return saveEvidence(c.trx, { countyId: c.office.countyId, officeId: c.office.id }, { filename, mime: 'application/pdf', bytes }, c.staff.supervisor.id, at(day, '16:30'));
}

/** kind (the registers' CHECK_KINDS), area, what a defect there looks like */
const SPOT_AREAS: [string, string, string[]][] = [
  ['counter', '櫃台服務禮貌', ['未主動招呼民眾', '未配戴識別證']],
  ['environment', '洽公環境整潔', ['等候區座椅損壞未報修', '哺乳室備品不足', '書寫台筆具短缺']],
  ['counter', '戶籍登記書表', ['申請書漏蓋承辦人章', '附繳證件影本未註記']],
  ['other', '規費收據與帳款', ['收據作廢未註明原因']],
  ['other', '印鑑登記作業', ['印鑑條未依規定歸檔']],
];
const AUDIT: [string, string, string[]] = ['audit', '戶籍登記作業內部稽核', ['登記案件未依限歸檔', '異動清冊漏簽核']];

/** Two or three checks a month up to yesterday; the first check of each quarter's last month is the internal audit (內部稽核). */
export async function seedChecks(c: Ctx): Promise<void> {
  const current = c.today.slice(0, 7);
  for (const month of [...c.months, current]) {
    const rng = c.rng('checks', month);
    const days = workingDaysOf(c, month).filter((d) => d < c.today);
    const n = Math.min(days.length, intBetween(rng, 2, 3));
    for (let i = 0; i < n; i++) {
      const day = days[Math.floor(((i + rng()) / n) * days.length)] ?? days[0]!;
      const audit = i === 0 && Number(month.slice(5)) % 3 === 0;
      const [kind, area, faults] = audit ? AUDIT : pick(rng, SPOT_AREAS);
      const items = audit ? intBetween(rng, 40, 60) : intBetween(rng, 15, 35);
      const defects = weighted(rng, [[0, 45], [1, 30], [2, 17], [3, 8]] as const);
      const fixed = defects > 0 ? c.cal.addWorkingDays(day, intBetween(rng, 1, 5)) : null;
      await c.trx
        .insertInto('plan_check')
        .values({
          office_id: c.office.id,
          checked_on: day,
          kind,
          area,
          checker: audit ? `所長 ${c.staff.director.name}` : `課長 ${c.staff.supervisor.name}`,
          items_checked: items,
          defects,
          findings: defects ? Array.from({ length: defects }, (_v, k) => faults[k % faults.length]).join('；') : '未發現缺失',
          fixed_on: fixed !== null && fixed < c.today ? fixed : null,
          created_by: c.staff.supervisor.id,
          created_at: at(day, '16:00').toISOString(),
        })
        .execute();
    }
  }
}

function workingDaysOf(c: Ctx, month: string): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = `${month}-01`; d.startsWith(month); d = addDays(d, 1)) if (c.cal.isWorkingDay(d)) out.push(d);
  return out;
}

/** A working day about `days` before today. */
export const daysAgo = (c: Ctx, days: number): IsoDate => {
  const d = addDays(c.today, -days);
  return c.cal.isWorkingDay(d) ? d : c.cal.previousWorkingDay(d);
};

interface ProposalDef {
  by: 'clerk' | 'supervisor';
  title: string;
  problem: string;
  proposal: string;
  created: number;
  decided?: number;
  state: 'adopted' | 'declined' | 'submitted';
  reason?: string;
  usage?: [string, number, number];
  /** adopted as an item of the plan (under 四 創新加值服務), when that happened after the plan was published */
  asItem?: boolean;
}

const PROPOSALS: ProposalDef[] = [
  { by: 'clerk', title: '櫃台多國語言應備文件說明卡', problem: '新住民常因不清楚應備文件而往返。', proposal: '製作中、英、越、印、泰文說明卡放置各櫃台。', created: 300, decided: 285, state: 'adopted', usage: ['使用人次', 15, 40] },
  { by: 'supervisor', title: '戶籍謄本申請書免填寫', problem: '民眾填寫申請書耗時且易誤填。', proposal: '櫃台讀取證件帶入申請人資料，列印申請書供民眾簽名。', created: 230, decided: 215, state: 'adopted', usage: ['使用件數', 120, 260] },
  { by: 'supervisor', title: '每月一次週六全日受理', problem: '上班族平日不易請假洽公。', proposal: '每月第一個週六全日受理各項登記。', created: 190, decided: 175, state: 'declined', reason: '人力及加班費有限；已有週三夜間延時服務及線上預約，暫不採行。' },
  { by: 'clerk', title: '等候區輪椅及老花眼鏡借用', problem: '長者洽公等候不便。', proposal: '服務台提供輪椅、老花眼鏡借用並登記。', created: 160, decided: 150, state: 'adopted', usage: ['借用人次', 8, 25], asItem: true },
  { by: 'clerk', title: '叫號前三號手機提醒', problem: '民眾離開等候區常錯過叫號。', proposal: '取號時可留手機號碼，輪到前三號時以簡訊提醒。', created: 12, state: 'submitted' },
];

export const monthAfter = (month: string) => nextMonthFirst(month).slice(0, 7);

/** Five proposals: three adopted with their monthly use (one of them also an item of the plan), one declined with the reason, one waiting. Returns the adoption days. */
export async function seedProposals(c: Ctx): Promise<IsoDate[]> {
  const adopted: IsoDate[] = [];
  const lastWhole = c.months[c.months.length - 1] ?? monthAfter(`${c.year - 1}-11`);
  for (const p of PROPOSALS) {
    const created = daysAgo(c, p.created);
    const decided = p.decided === undefined ? null : daysAgo(c, p.decided);
    const by = c.staff[p.by];
    const row = await c.trx
      .insertInto('plan_proposal')
      .values({
        office_id: c.office.id,
        proposer_id: by.id,
        proposer_name: by.name,
        title: p.title,
        problem: p.problem,
        proposal: p.proposal,
        state: p.state,
        reason: p.reason ?? null,
        decided_by: decided ? c.staff.director.id : null,
        decided_on: decided,
        usage_label: p.usage?.[0] ?? null,
        created_at: at(created, '15:00').toISOString(),
        updated_at: at(decided ?? created, '15:00').toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (p.state !== 'adopted' || !decided || !p.usage) continue;
    adopted.push(decided);
    await placeInPlan(c, p, row.id, decided);
    const [, lo, hi] = p.usage;
    for (let m = monthAfter(decided.slice(0, 7)); m <= lastWhole; m = monthAfter(m)) {
      await c.trx.insertInto('plan_proposal_use').values({ proposal_id: row.id, month: m, count: intBetween(c.rng('uses', row.id, m), lo, hi) }).execute();
    }
  }
  return adopted;
}

/** As the registers page adopts "as a plan item": a 0-point item under 四, a new revision of the plan. */
async function placeInPlan(c: Ctx, p: ProposalDef, id: number, decided: IsoDate): Promise<void> {
  const parent = itemId(c, '創新加值服務');
  if (!p.asItem || parent === null || c.published === null || decided <= c.published) return;
  const placed = await addProposalItem(c.trx, parent, { id, officeId: c.office.id, title: p.title, proposal: p.proposal }, c.staff.director, at(decided, '15:00'));
  await c.trx.updateTable('plan_proposal').set({ plan_item_id: placed.itemId }).where('id', '=', id).execute();
}

const PROCESS_REVIEWS = [
  {
    days: 200,
    guide: 'move-in',
    title: '遷入登記流程及書表檢討',
    before: { steps: 6, forms: 3, documents: 4, minutes: 25 },
    after: { steps: 4, forms: 2, documents: 3, minutes: 15 },
    summary: '遷入登記與戶口名簿換發合併一張申請書；以系統查驗取代戶口名簿影本。',
  },
  {
    days: 70,
    guide: 'transcript',
    title: '戶籍謄本申請流程檢討',
    before: { steps: 4, forms: 1, documents: 2, minutes: 12 },
    after: { steps: 3, forms: 0, documents: 1, minutes: 6 },
    summary: '採行「謄本申請書免填寫」提案：櫃台列印申請書供簽名，免附身分證影本。',
  },
];

export async function seedProcessReviews(c: Ctx): Promise<void> {
  for (const r of PROCESS_REVIEWS) {
    const day = daysAgo(c, r.days);
    await c.trx
      .insertInto('plan_process_review')
      .values({
        office_id: c.office.id,
        reviewed_on: day,
        guide_code: r.guide,
        title: r.title,
        before_figures: JSON.stringify(r.before),
        after_figures: JSON.stringify(r.after),
        summary: r.summary,
        created_by: c.staff.supervisor.id,
        created_at: at(day, '15:30').toISOString(),
      })
      .execute();
  }
}

/** One award won (with its certificate) and one entered, still waiting for the result. */
export async function seedAwards(c: Ctx): Promise<void> {
  const won = daysAgo(c, 40);
  const entered = daysAgo(c, 25);
  // early in January the award won last autumn is last year's
  const year = (day: IsoDate) => Number(day.slice(0, 4));
  const file = await evidence(c, 'award', '為民服務績效考核獎狀.pdf', won);
  const rows = [
    { name: `新竹縣${year(won) - 1911}年度為民服務績效考核`, awarded_by: '新竹縣政府', state: 'won', decided_on: won, note: '榮獲優等', file_id: file, day: won, year: year(won) },
    { name: '政府服務獎（第一線服務機關）', awarded_by: '國家發展委員會', state: 'entered', decided_on: null, note: `已於${formatRocDate(entered)}提報參獎資料，待評審結果`, file_id: null, day: entered, year: year(entered) },
  ];
  for (const { day, ...r } of rows) {
    await c.trx.insertInto('plan_award').values({ ...r, office_id: c.office.id, created_by: c.staff.supervisor.id, created_at: at(day, '14:00').toISOString() }).execute();
  }
}
