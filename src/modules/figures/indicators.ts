import type { Executor } from '../../db/index.js';
import { addTo, get, partsOf, share, type Tally } from '../../platform/figures/index.js';
import type { ModuleCatalog } from '../../platform/i18n/index.js';
import { type IndicatorDef, type IndicatorMemo, type IndicatorOffice, type IndicatorPeriod, type IndicatorUnit, type IndicatorValue, remembered } from '../../platform/indicators/index.js';
import { change, figureDef, satisfactionInterval } from './headline.js';
import { type Period, previousPeriod, sameLastYear, splitIntoMonths } from './periods.js';
import { talliesFor } from './read.js';
import { readDays, readMonths } from './repo.js';

/**
 * The plan's indicators that the roll-up already answers: each reads one
 * office's tally over the period (office 0 for the site's searches) and
 * works the figure out exactly as the figures pages do, so the plan and
 * the figures page never disagree. A share or a median of nothing is null
 * (「無資料」), never 0.
 */

const sumOf = (t: Tally, prefix: string) => Object.values(partsOf(t, prefix)).reduce((a, b) => a + b, 0);

/** The office's month rows of a year, parsed: read once per batch, whichever of its months and runs of months are asked. */
function monthsOf(db: Executor, officeId: number, year: number, memo: IndicatorMemo): Promise<Map<string, Tally>> {
  return remembered(memo, `figures.months|${officeId}|${year}`, async () => {
    const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
    return new Map((await readMonths(db, [officeId], months)).map((r) => [r.month, JSON.parse(r.data) as Tally]));
  });
}

/**
 * The office's tally for the period, as talliesFor reads it (whole months
 * from the month rows, the days left over from the day rows). In a batch
 * the month rows come from monthsOf: a pack's twelve months, its year to
 * date and the year before for the growths are two reads, not thirty.
 */
function tallyOf(db: Executor, officeId: number, period: Period, memo?: IndicatorMemo): Promise<Tally> {
  if (!memo) return talliesFor(db, [officeId], period).then((t) => t.get(officeId) ?? {});
  return remembered(memo, `figures.tally|${officeId}|${period.from}|${period.to}`, async () => {
    const { months, days } = splitIntoMonths(period);
    const years = [...new Set(months.map((m) => Number(m.slice(0, 4))))];
    const [byYear, dayRows] = await Promise.all([
      Promise.all(years.map((y) => monthsOf(db, officeId, y, memo))),
      days.length ? readDays(db, [officeId], days[0]!, days[days.length - 1]!) : Promise.resolve([]),
    ]);
    const out: Tally = {};
    for (const m of months) {
      const t = byYear[years.indexOf(Number(m.slice(0, 4)))]?.get(m);
      if (t) addTo(out, t);
    }
    const wanted = new Set(days);
    for (const r of dayRows) if (wanted.has(r.day)) addTo(out, JSON.parse(r.data) as Tally);
    return out;
  });
}

/** The office figures page for the period, its chart showing the figure the indicator reads. */
const officePage = (figure: string) => (office: IndicatorOffice, period: IndicatorPeriod) =>
  `/staff/figures/office?office=${encodeURIComponent(office.code)}&period=${encodeURIComponent(period.key)}&figure=${figure}`;

const titleKey = (key: string) => `figures.indicator.${key}`;

/** One figure of FIGURES; `base` counts what it rests on, and a base of 0 means there was nothing to count. */
function fromFigure(key: string, figure: string, unit: IndicatorUnit, base: (t: Tally) => number): IndicatorDef {
  const def = figureDef(figure);
  if (!def?.better) throw new Error(`figure ${figure} has no direction`);
  return {
    key,
    titleKey: titleKey(key),
    unit,
    better: def.better,
    href: officePage(figure),
    async compute(db, office, period, memo) {
      const t = await tallyOf(db, office.id, period, memo);
      const n = base(t);
      return n === 0 ? { value: null } : { value: def.value(t), base: n };
    },
  };
}

/** A share's change in percentage points against another period (the one before, or a year earlier). */
function growthOf(key: string, figure: string, against: (p: Period) => Period): IndicatorDef {
  const def = figureDef(figure);
  if (!def?.better) throw new Error(`figure ${figure} has no direction`);
  return {
    key,
    titleKey: titleKey(key),
    unit: 'points',
    better: def.better,
    href: officePage(figure),
    async compute(db, office, period, memo) {
      const [now, before] = await Promise.all([tallyOf(db, office.id, period, memo), tallyOf(db, office.id, against(period), memo)]);
      return { value: change(def, def.value(now), def.value(before)) };
    },
  };
}

/** Citizens' satisfaction with its Wilson interval; the base is answers, not questionnaires (each scale question is one). */
const satisfaction: IndicatorDef = {
  key: 'surveys.satisfaction',
  titleKey: titleKey('surveys.satisfaction'),
  unit: 'percent',
  better: 'higher',
  href: officePage('satisfaction'),
  async compute(db, office, period, memo): Promise<IndicatorValue> {
    const t = await tallyOf(db, office.id, period, memo);
    const answers = sumOf(t, 's.sc.service.');
    const interval = satisfactionInterval(t);
    if (answers === 0 || !interval) return { value: null };
    return { value: figureDef('satisfaction')!.value(t), base: answers, interval };
  },
};

const daysOfLimit: IndicatorDef = {
  key: 'cases.daysOfLimit',
  titleKey: titleKey('cases.daysOfLimit'),
  unit: 'percent',
  better: 'lower',
  href: officePage('caseDays'),
  async compute(db, office, period, memo) {
    const t = await tallyOf(db, office.id, period, memo);
    // summed before dividing: a long case weighs by its limit, as the figures page's mean days do
    const closed = get(t, 'c.closed');
    return closed === 0 ? { value: null } : { value: share(sumOf(t, 'c.wd.'), sumOf(t, 'c.limit.')), base: closed };
  },
};

// no tickets at all: the queue was not in use, which is not the same as never opening a support counter
const supportOpened: IndicatorDef = {
  key: 'queue.supportOpened',
  titleKey: titleKey('queue.supportOpened'),
  unit: 'count',
  better: 'higher',
  additive: true,
  href: officePage('supportOpened'),
  async compute(db, office, period, memo) {
    const t = await tallyOf(db, office.id, period, memo);
    return get(t, 'q.tickets') === 0 ? { value: null } : { value: get(t, 'q.support') };
  },
};

const noResultShare: IndicatorDef = {
  key: 'search.noResultShare',
  titleKey: titleKey('search.noResultShare'),
  unit: 'percent',
  better: 'lower',
  // the site's searches belong to no office: only the county page shows them (it takes months, quarters and years)
  href: (_office, period) => `/staff/figures/county?period=${encodeURIComponent(period.key)}&sort=searchesNone`,
  async compute(db, _office, period, memo) {
    const t = await tallyOf(db, 0, period, memo);
    const n = get(t, 'x.searches');
    return n === 0 ? { value: null } : { value: figureDef('searchesNone')!.value(t), base: n };
  },
};

export const figuresIndicators: IndicatorDef[] = [
  fromFigure('queue.waitP50', 'waitP50', 'minutes', (t) => sumOf(t, 'q.wait.')),
  fromFigure('queue.waitP90', 'waitP90', 'minutes', (t) => sumOf(t, 'q.wait.')),
  fromFigure('queue.within15', 'within15', 'percent', (t) => get(t, 'q.waited')),
  supportOpened,
  fromFigure('booking.onlineShare', 'onlineShare', 'percent', (t) => get(t, 'q.tickets')),
  growthOf('booking.onlineShareGrowth', 'onlineShare', previousPeriod),
  fromFigure('booking.noShowRate', 'bookingNoShowRate', 'percent', (t) => get(t, 'b.noShow') + get(t, 'b.came')),
  fromFigure('cases.onTime', 'caseOnTime', 'percent', (t) => get(t, 'c.closed')),
  daysOfLimit,
  fromFigure('cases.oneNotice', 'oneNotice', 'percent', (t) => get(t, 'c.noticed')),
  fromFigure('petitions.onTime', 'petitionOnTime', 'percent', (t) => get(t, 'p.replied')),
  fromFigure('petitions.handlingSatisfaction', 'handlingSatisfaction', 'percent', (t) => get(t, 'p.rated')),
  growthOf('petitions.handlingSatisfactionGrowth', 'handlingSatisfaction', sameLastYear),
  satisfaction,
  growthOf('surveys.satisfactionGrowth', 'satisfaction', sameLastYear),
  noResultShare,
];

const zh: Record<string, string> = {
  'figures.indicator.queue.waitP50': '等候時間中位數',
  'figures.indicator.queue.waitP50.desc': '取號到叫號的等候分鐘數，一半民眾等得比這短；取自本所業務統計。',
  'figures.indicator.queue.waitP90': '等候時間第90百分位',
  'figures.indicator.queue.waitP90.desc': '九成民眾的等候分鐘數不超過此值；取自本所業務統計。',
  'figures.indicator.queue.within15': '15分鐘內受理比率',
  'figures.indicator.queue.within15.desc': '有等候紀錄的取號中，15分鐘內（含）叫號的比率。',
  'figures.indicator.queue.supportOpened': '尖峰加開支援櫃台次數',
  'figures.indicator.queue.supportOpened.desc': '期間內加開支援櫃台的次數；期間內沒有任何取號時為無資料。',
  'figures.indicator.booking.onlineShare': '預約到所占臨櫃人次比率',
  'figures.indicator.booking.onlineShare.desc': '由預約報到產生的號碼占全部取號人次的比率。',
  'figures.indicator.booking.onlineShareGrowth': '預約到所比率成長（較上期）',
  'figures.indicator.booking.onlineShareGrowth.desc': '本期預約到所比率減上一期（上個月、上一季或上一年）的比率，以百分點表示。',
  'figures.indicator.booking.noShowRate': '預約未到比率',
  'figures.indicator.booking.noShowRate.desc': '預約日在期間內、已到或未到的預約中，未到的比率。',
  'figures.indicator.cases.onTime': '案件如期辦結比率',
  'figures.indicator.cases.onTime.desc': '期間內辦結的案件中，於處理期限內辦結的比率。',
  'figures.indicator.cases.daysOfLimit': '案件處理天數占期限比率',
  'figures.indicator.cases.daysOfLimit.desc': '期間內辦結案件實際使用的工作天數（扣除補正等待）加總，除以各案處理期限天數加總。',
  'figures.indicator.cases.oneNotice': '一次告知補正比率',
  'figures.indicator.cases.oneNotice.desc': '期間內辦結且需補正的案件中，以一張補正通知即告知完畢的比率。',
  'figures.indicator.petitions.onTime': '陳情如期答復比率',
  'figures.indicator.petitions.onTime.desc': '期間內收件並已答復的陳情中，於期限內答復的比率。',
  'figures.indicator.petitions.handlingSatisfaction': '陳情處理滿意度',
  'figures.indicator.petitions.handlingSatisfaction.desc': '民眾對陳情處理的評分中，給4分或5分的比率。',
  'figures.indicator.petitions.handlingSatisfactionGrowth': '陳情處理滿意度成長（較去年同期）',
  'figures.indicator.petitions.handlingSatisfactionGrowth.desc': '本期陳情處理滿意度減去年同期，以百分點表示。',
  'figures.indicator.surveys.satisfaction': '民眾滿意度',
  'figures.indicator.surveys.satisfaction.desc': '民眾服務滿意度問卷各題評分中，給4分或5分的比率，附95%信賴區間；依據為作答題數。',
  'figures.indicator.surveys.satisfactionGrowth': '民眾滿意度成長（較去年同期）',
  'figures.indicator.surveys.satisfactionGrowth.desc': '本期民眾滿意度減去年同期，以百分點表示。',
  'figures.indicator.search.noResultShare': '網站搜尋查無資料比率',
  'figures.indicator.search.noResultShare.desc': '網站搜尋不屬於任何一所，此為全縣網站的數字：查無結果的搜尋占全部搜尋的比率。',
};

const en: Record<string, string> = {
  'figures.indicator.queue.waitP50': 'Median wait',
  'figures.indicator.queue.waitP50.desc': 'Minutes from taking a ticket to being called; half the people waited less. From the office figures.',
  'figures.indicator.queue.waitP90': '90th percentile wait',
  'figures.indicator.queue.waitP90.desc': 'Nine in ten people waited no longer than this many minutes. From the office figures.',
  'figures.indicator.queue.within15': 'Served within 15 minutes',
  'figures.indicator.queue.within15.desc': 'Share of tickets with a recorded wait that were called within 15 minutes (inclusive).',
  'figures.indicator.queue.supportOpened': 'Support counters opened at peaks',
  'figures.indicator.queue.supportOpened.desc': 'Times a support counter was opened in the period; no data when no ticket was taken at all.',
  'figures.indicator.booking.onlineShare': 'Booked visits as a share of tickets',
  'figures.indicator.booking.onlineShare.desc': 'Tickets issued at a booking check-in, as a share of all tickets.',
  'figures.indicator.booking.onlineShareGrowth': 'Growth of booked visits (on the period before)',
  'figures.indicator.booking.onlineShareGrowth.desc': "This period's share of booked visits minus the previous month's, quarter's or year's, in percentage points.",
  'figures.indicator.booking.noShowRate': 'Booking no-show rate',
  'figures.indicator.booking.noShowRate.desc': 'Of bookings for days in the period that came or did not, the share that did not come.',
  'figures.indicator.cases.onTime': 'Cases closed on time',
  'figures.indicator.cases.onTime.desc': 'Of cases closed in the period, the share closed by their due date.',
  'figures.indicator.cases.daysOfLimit': 'Case time as a share of the limit',
  'figures.indicator.cases.daysOfLimit.desc': "Working days the period's closed cases took (pauses left out), summed, divided by their limits summed.",
  'figures.indicator.cases.oneNotice': 'Told in one notice slip',
  'figures.indicator.cases.oneNotice.desc': 'Of closed cases that needed a notice slip, the share told everything in one slip.',
  'figures.indicator.petitions.onTime': 'Petitions answered on time',
  'figures.indicator.petitions.onTime.desc': 'Of petitions received in the period and answered, the share answered by the due date.',
  'figures.indicator.petitions.handlingSatisfaction': 'Satisfaction with petition handling',
  'figures.indicator.petitions.handlingSatisfaction.desc': "Share of 4 and 5 among citizens' ratings of how their petition was handled.",
  'figures.indicator.petitions.handlingSatisfactionGrowth': 'Growth of petition satisfaction (on a year earlier)',
  'figures.indicator.petitions.handlingSatisfactionGrowth.desc': "This period's satisfaction with petition handling minus the same period a year earlier, in percentage points.",
  'figures.indicator.surveys.satisfaction': 'Citizen satisfaction',
  'figures.indicator.surveys.satisfaction.desc': 'Share of 4 and 5 among the scale answers of the citizen service questionnaire, with a 95% interval; the base is answers.',
  'figures.indicator.surveys.satisfactionGrowth': 'Growth of citizen satisfaction (on a year earlier)',
  'figures.indicator.surveys.satisfactionGrowth.desc': "This period's citizen satisfaction minus the same period a year earlier, in percentage points.",
  'figures.indicator.search.noResultShare': 'Searches without results',
  'figures.indicator.search.noResultShare.desc': "The site's searches belong to no office: this is the county site's figure, the share of searches that found nothing.",
};

export const figuresIndicatorsCatalog: ModuleCatalog = { 'zh-Hant': zh, en };
