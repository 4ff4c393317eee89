import type { IndicatorUnit } from '../../platform/indicators/index.js';

/**
 * Built-in plan templates. A template item carries its measures: a registry
 * indicator (`indicator`) or a hand-entered one (`label`). Targets of additive
 * counts (news published, defects) are per month, a year's is twelve times
 * it; every other target (shares, minutes, a count of categories) is the
 * level to hold. Deadlines are month-day within the plan's year.
 */
export interface TemplateMeasure {
  indicator?: string;
  label?: string;
  unit: IndicatorUnit;
  better: 'higher' | 'lower';
  target: number | null;
}

export interface TemplateItem {
  code: string;
  title: string;
  strategy?: string;
  /** leaves only; parents add up their children */
  points10?: number;
  /** 'MM-DD' in the plan's year */
  deadline?: string;
  lead?: string;
  co?: string;
  benefit?: string;
  measures?: TemplateMeasure[];
  children?: TemplateItem[];
}

export interface PlanTemplate {
  key: string;
  /** i18n keys of the name and the description */
  titleKey: string;
  basis: string;
  goals: string;
  items: TemplateItem[];
}

const calc = (indicator: string, unit: IndicatorUnit, better: 'higher' | 'lower', target: number | null): TemplateMeasure => ({ indicator, unit, better, target });
const hand = (label: string, unit: IndicatorUnit, better: 'higher' | 'lower', target: number | null): TemplateMeasure => ({ label, unit, better, target });

const ALL_YEAR = '12-31';
const HOUSEHOLD = '戶籍課';
const ADMIN = '行政課';

/** 澎湖縣湖西鄉戶政事務所 103年提升服務品質執行計畫: the 100-point rubric, each sub-item bound to what Huzheng counts. */
const HUXI_103: PlanTemplate = {
  key: 'huxi103',
  titleKey: 'plan.template.huxi103',
  basis: '行政院「政府服務躍升方案」及縣府提升服務品質實施計畫',
  goals: '以顧客導向提供便捷、透明、有溫度的戶政服務，整合服務資源，提升民眾滿意度。',
  items: [
    {
      code: '一',
      title: '訂定提升服務品質執行計畫',
      strategy: '依縣府計畫訂定本所年度執行計畫，報府備查並公告於網站及服務台。',
      points10: 50,
      deadline: '02-28',
      lead: ADMIN,
      co: HOUSEHOLD,
      benefit: '全所同仁明瞭年度服務目標與分工。',
      measures: [hand('計畫報府備查並公告（完成＝1）', 'count', 'higher', 1)],
    },
    {
      code: '二',
      title: '建立優質的便民服務',
      children: [
        {
          code: '（一）',
          title: '服務流程',
          children: [
            {
              code: '1',
              title: '便捷性',
              strategy: '單一窗口、一處收件全程服務；線上預約與取號；尖峰時段加開支援櫃台。',
              points10: 50,
              deadline: ALL_YEAR,
              lead: HOUSEHOLD,
              co: ADMIN,
              benefit: '縮短民眾等候時間，九成民眾十五分鐘內受理。',
              measures: [
                calc('queue.waitP50', 'minutes', 'lower', 10),
                calc('queue.within15', 'percent', 'higher', 90),
                calc('queue.supportOpened', 'count', 'higher', null),
              ],
            },
            {
              code: '2',
              title: '透明度',
              strategy: '案件處理進度線上查詢；一次告知補正單；公告各項業務辦理期限。',
              points10: 50,
              deadline: ALL_YEAR,
              lead: HOUSEHOLD,
              benefit: '案件於處理期限內完成，民眾一次備齊文件。',
              measures: [
                calc('cases.onTime', 'percent', 'higher', 98),
                calc('cases.oneNotice', 'percent', 'higher', 95),
                calc('cases.daysOfLimit', 'percent', 'lower', 60),
              ],
            },
          ],
        },
        {
          code: '（二）',
          title: '機關形象及顧客關係',
          children: [
            {
              code: '1',
              title: '洽公環境及服務行為',
              strategy: '洽公環境定期檢查；電話禮貌測試；櫃台服務抽查並改善缺失。',
              points10: 40,
              deadline: ALL_YEAR,
              lead: ADMIN,
              benefit: '提供整潔友善的洽公環境與親切的服務態度。',
              measures: [calc('surveys.phoneCourtesy', 'score', 'higher', 90), calc('plan.defectRate', 'percent', 'lower', 5)],
            },
            {
              code: '2',
              title: '服務行銷有效性',
              strategy: '運用網站、跑馬燈及社群發布業務宣導與新聞。',
              points10: 40,
              deadline: ALL_YEAR,
              lead: ADMIN,
              benefit: '民眾知悉新措施與便民服務。',
              measures: [calc('content.newsPublished', 'count', 'higher', 4)],
            },
            {
              code: '3',
              title: '顧客滿意度',
              strategy: '櫃台平板、網路及 QR code 問卷，每季分析並檢討改善。',
              points10: 40,
              deadline: ALL_YEAR,
              lead: ADMIN,
              co: HOUSEHOLD,
              benefit: '民眾整體滿意度達九成以上並逐年成長。',
              measures: [calc('surveys.satisfaction', 'percent', 'higher', 90), calc('surveys.satisfactionGrowth', 'points', 'higher', 0)],
            },
            {
              code: '4',
              title: '民眾意見處理有效性',
              strategy: '所長信箱及各管道陳情於法定期限內答復，追蹤處理滿意度。',
              points10: 40,
              deadline: ALL_YEAR,
              lead: ADMIN,
              benefit: '陳情案件全數如期答復。',
              measures: [
                calc('petitions.onTime', 'percent', 'higher', 100),
                calc('petitions.handlingSatisfaction', 'percent', 'higher', 80),
                calc('petitions.handlingSatisfactionGrowth', 'points', 'higher', 0),
              ],
            },
            {
              code: '5',
              title: '獎項殊榮',
              strategy: '參加服務品質相關評獎，彙整得獎紀錄與佐證。',
              points10: 20,
              deadline: ALL_YEAR,
              lead: ADMIN,
              benefit: '以外部肯定檢驗服務品質。',
              measures: [calc('plan.awardsWon', 'count', 'higher', null)],
            },
            {
              code: '6',
              title: '新聞媒體及輿論回應機制',
              strategy: '每日檢視媒體報導，涉及本所業務者即時查明澄清。',
              points10: 20,
              deadline: ALL_YEAR,
              lead: ADMIN,
              benefit: '負面報導一日內澄清。',
              measures: [calc('petitions.mediaClarifyDays', 'days', 'lower', 1), calc('petitions.mediaItems', 'count', 'lower', null)],
            },
          ],
        },
      ],
    },
    {
      code: '三',
      title: '資訊流通服務',
      children: [
        {
          code: '（一）',
          title: '資訊流通及檢索',
          children: [
            {
              code: '1',
              title: '資訊公開適切性與內容有效性',
              strategy: '依政府資訊公開法第 7 條主動公開並定期檢視；常見問答依民眾回饋修正。',
              points10: 75,
              deadline: ALL_YEAR,
              lead: ADMIN,
              co: HOUSEHOLD,
              benefit: '應主動公開資訊齊備且內容正確。',
              measures: [
                calc('content.opengovCategories', 'count', 'higher', 10),
                calc('content.reviewsOverdue', 'count', 'lower', 0),
                calc('content.faqHelpful', 'percent', 'higher', 80),
              ],
            },
            {
              code: '2',
              title: '資訊檢索完整性與便捷性',
              strategy: '全文檢索、同義詞與查無資料協助；網站通過無障礙檢測。',
              points10: 75,
              deadline: ALL_YEAR,
              lead: ADMIN,
              benefit: '民眾搜尋即可找到所需資訊。',
              measures: [calc('search.noResultShare', 'percent', 'lower', 10), hand('網站無障礙標章有效（是＝1）', 'count', 'higher', 1)],
            },
          ],
        },
        {
          code: '（二）',
          title: '線上服務與電子參與',
          children: [
            {
              code: '1',
              title: '線上服務量能擴展性',
              strategy: '擴充線上預約項目；到府服務三個工作天內完成。',
              points10: 75,
              deadline: ALL_YEAR,
              lead: HOUSEHOLD,
              benefit: '線上預約占來所人次逐月成長。',
              measures: [
                calc('booking.onlineShare', 'percent', 'higher', 15),
                calc('booking.onlineShareGrowth', 'points', 'higher', 0),
                calc('booking.noShowRate', 'percent', 'lower', 10),
                calc('booking.homeVisitWithin3', 'percent', 'higher', 100),
              ],
            },
            {
              code: '2',
              title: '電子參與多樣性',
              strategy: '網路問卷、線上意見徵詢與所長信箱多元參與管道。',
              points10: 75,
              deadline: ALL_YEAR,
              lead: ADMIN,
              benefit: '民眾可透過網路參與服務改善。',
              measures: [hand('電子參與活動（網路民調、線上徵詢）次數', 'count', 'higher', 1)],
            },
          ],
        },
      ],
    },
    {
      code: '四',
      title: '創新加值服務',
      children: [
        {
          code: '1',
          title: '有價值的創新服務',
          strategy: '推動跨機關整合及主動關懷等創新服務，並統計使用人次。',
          points10: 100,
          deadline: ALL_YEAR,
          lead: HOUSEHOLD,
          co: ADMIN,
          benefit: '創新服務實際嘉惠民眾。',
          measures: [calc('plan.proposalUses', 'count', 'higher', null), hand('推出創新服務項目數', 'count', 'higher', null)],
        },
        {
          code: '2',
          title: '創新服務標竿學習效益',
          strategy: '參訪標竿機關，檢討作業流程與書表並簡化。',
          points10: 100,
          deadline: ALL_YEAR,
          lead: ADMIN,
          benefit: '學習他機關優良作法並落實於本所。',
          measures: [calc('plan.processReviews', 'count', 'higher', null), hand('標竿學習參訪次數', 'count', 'higher', null)],
        },
        {
          code: '3',
          title: '組織內部創新機制',
          strategy: '提案制度鼓勵同仁提出改善建議；辦理員工內部滿意度調查。',
          points10: 100,
          deadline: ALL_YEAR,
          lead: ADMIN,
          benefit: '同仁參與創新，內部滿意度提升。',
          measures: [calc('plan.proposalsAdopted', 'count', 'higher', null), calc('surveys.staffSatisfaction', 'percent', 'higher', 80)],
        },
      ],
    },
    {
      code: '五',
      title: '評核作業',
      strategy: '年終辦理自評並提報縣府上級評核。',
      points10: 50,
      deadline: '12-31',
      lead: ADMIN,
      benefit: '檢視全年執行成效，作為次年計畫依據。',
      // a year-end task: no monthly target, or it would read 落後 every month until December
      measures: [hand('自評完成並提報（完成＝1）', 'count', 'higher', null)],
    },
  ],
};

/** 政府服務品質獎 第一線服務機關: its three dimensions as plan items (weights as published for the award; edit to the year's rules). */
const GSQA: PlanTemplate = {
  key: 'gsqa',
  titleKey: 'plan.template.gsqa',
  basis: '政府服務品質獎評獎實施計畫（第一線服務機關）',
  goals: '以政府服務品質獎構面檢視並精進本所服務。',
  items: [
    {
      code: '一',
      title: '優質便民服務',
      children: [
        { code: '1', title: '服務便捷性', points10: 150, deadline: ALL_YEAR, lead: HOUSEHOLD, measures: [calc('queue.waitP50', 'minutes', 'lower', 10), calc('queue.within15', 'percent', 'higher', 90), calc('cases.onTime', 'percent', 'higher', 98)] },
        { code: '2', title: '服務可近性', points10: 100, deadline: ALL_YEAR, lead: HOUSEHOLD, measures: [calc('booking.homeVisitWithin3', 'percent', 'higher', 100), calc('cases.oneNotice', 'percent', 'higher', 95)] },
        { code: '3', title: '服務成果及滿意度', points10: 150, deadline: ALL_YEAR, lead: ADMIN, measures: [calc('surveys.satisfaction', 'percent', 'higher', 90), calc('surveys.phoneCourtesy', 'score', 'higher', 90)] },
        { code: '4', title: '民眾意見處理', points10: 100, deadline: ALL_YEAR, lead: ADMIN, measures: [calc('petitions.onTime', 'percent', 'higher', 100), calc('petitions.handlingSatisfaction', 'percent', 'higher', 80)] },
      ],
    },
    {
      code: '二',
      title: '資訊網路服務',
      children: [
        { code: '1', title: '資訊公開', points10: 100, deadline: ALL_YEAR, lead: ADMIN, measures: [calc('content.opengovCategories', 'count', 'higher', 10), calc('content.reviewsOverdue', 'count', 'lower', 0)] },
        { code: '2', title: '線上服務及電子參與', points10: 100, deadline: ALL_YEAR, lead: HOUSEHOLD, measures: [calc('booking.onlineShare', 'percent', 'higher', 15), calc('search.noResultShare', 'percent', 'lower', 10)] },
      ],
    },
    {
      code: '三',
      title: '創新加值服務',
      children: [
        { code: '1', title: '創新服務', points10: 150, deadline: ALL_YEAR, lead: HOUSEHOLD, measures: [calc('plan.proposalUses', 'count', 'higher', null)] },
        { code: '2', title: '服務精進機制', points10: 150, deadline: ALL_YEAR, lead: ADMIN, measures: [calc('plan.proposalsAdopted', 'count', 'higher', null), calc('plan.processReviews', 'count', 'higher', null)] },
      ],
    },
  ],
};

export const TEMPLATES: PlanTemplate[] = [HUXI_103, GSQA];
export const templateByKey = (key: string): PlanTemplate | undefined => TEMPLATES.find((t) => t.key === key);

/** Every indicator key a template names: each must be registered (a test checks). */
export function templateIndicators(t: PlanTemplate): string[] {
  const out: string[] = [];
  const walk = (items: TemplateItem[]) => {
    for (const i of items) {
      for (const m of i.measures ?? []) if (m.indicator) out.push(m.indicator);
      walk(i.children ?? []);
    }
  };
  walk(t.items);
  return out;
}

/** The target a measure holds over `months` months: an additive count's adds up, a level's stays. */
export const targetOver = (additive: boolean, target: number | null, months: number): number | null =>
  target === null ? null : additive ? target * months : target;
