import type { ModuleCatalog } from '../../platform/i18n/index.js';

/**
 * One short line under each tile of an office's home page. A page's own
 * description (its lead paragraph) is written for the top of that page and
 * runs to several sentences; the tile only says what the page is for. Keyed
 * by the page's title key, the one name every module already gives a page.
 */
const zh = {
  'offices.home.tile.queue.wait.title': '各服務等候人數與時間',
  'offices.home.tile.queue.kiosk.title': '選擇服務，領取號碼牌',
  'offices.home.tile.queue.board.title': '現在叫到幾號、哪個櫃台',
  'offices.home.tile.booking.title': '預約時段，報到後優先叫號',
  'offices.home.tile.guides.title': '要帶的文件、規費與期限',
  'offices.home.tile.cases.lookup.title': '查詢案件辦到哪裡',
  'offices.home.tile.lostid.title': '身分證遺失，隨時線上掛失',
  'offices.home.tile.nav.mailbox': '建議、陳情，寫信給主任',
  'offices.home.tile.surveys.nav': '一分鐘告訴我們服務如何',
  'offices.home.tile.content.news': '公告、服務異動與活動',
  'offices.home.tile.content.faq': '民眾最常問的問題與解答',
  'offices.home.tile.content.opengovTitle': '依法主動公開的資訊',
  'offices.home.tile.content.downloads': '申請書表與資料下載',
  'offices.home.tile.content.infoPages': '本所簡介、組織與職掌',
  'offices.home.tile.content.search': '找表單、規費、辦理須知',
  'offices.home.tile.plan.public.nav': '今年的服務目標與進度',
  'offices.home.tile.houseNumbers.lookup.title': '門牌在哪、整編後的新門牌',
  'offices.home.tile.population.pages.title': '各村里戶數、人口與年齡',
  'offices.home.tile.renumbering.public.title': '門牌整編的日期與新舊對照',
  'offices.home.tile.newsletter.title': '訂閱電子報，免費隨時可退',
  'offices.home.tile.forms.title': '線上填寫申請書再列印',
} as const;

const en: Record<keyof typeof zh, string> = {
  'offices.home.tile.queue.wait.title': 'People waiting, and how long',
  'offices.home.tile.queue.kiosk.title': 'Choose a service, get a number',
  'offices.home.tile.queue.board.title': 'The numbers being called now',
  'offices.home.tile.booking.title': 'Book a time, be called first',
  'offices.home.tile.guides.title': 'What to bring, fees, deadlines',
  'offices.home.tile.cases.lookup.title': 'See where your case is',
  'offices.home.tile.lostid.title': 'Report a lost ID card, any hour',
  'offices.home.tile.nav.mailbox': 'Write to the director',
  'offices.home.tile.surveys.nav': 'One minute: how did we do?',
  'offices.home.tile.content.news': 'Notices, changes and events',
  'offices.home.tile.content.faq': 'What people ask us most',
  'offices.home.tile.content.opengovTitle': 'Information published by law',
  'offices.home.tile.content.downloads': 'Forms and files to download',
  'offices.home.tile.content.infoPages': 'Who we are, what we do',
  'offices.home.tile.content.search': 'Find forms, fees, what to bring',
  'offices.home.tile.plan.public.nav': "This year's service goals",
  'offices.home.tile.houseNumbers.lookup.title': 'A house number, old and new',
  'offices.home.tile.population.pages.title': 'Households and people by village',
  'offices.home.tile.renumbering.public.title': 'Renumberings: when, old → new',
  'offices.home.tile.newsletter.title': 'News by e-mail, free',
  'offices.home.tile.forms.title': 'Fill in a form, then print it',
};

export const officeHomeCatalog: ModuleCatalog<keyof typeof zh> = { 'zh-Hant': zh, en };

/** The tile line for a page, or null for a page added since (the home then falls back to the page's own description). */
export function tileDescKey(titleKey: string): string | null {
  const key = `offices.home.tile.${titleKey}`;
  return Object.hasOwn(zh, key) ? key : null;
}
