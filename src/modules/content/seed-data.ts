import type { Executor } from '../../db/index.js';
import { addDays, taipeiToday } from '../../platform/calendar/index.js';
import { toOds } from '../../platform/export/index.js';

type Seed = { kind: string; office?: string; category: string; audience?: string; marquee?: boolean; guide?: string; opengov?: number; owner?: string; zh: [string, string]; en?: [string, string]; daysAgo: number };

const ITEMS: Seed[] = [
  { kind: 'news', office: 'zhubei', category: 'service', marquee: true, zh: ['每週三夜間延長服務至晚上 8 點', '竹北市戶政事務所每週三延長服務至 20:00，受理各項戶籍登記、身分證與謄本申請。'], en: ['Evening service on Wednesdays until 8 pm', 'The Zhubei office is open until 20:00 every Wednesday for all services.'], daysAgo: 3 },
  { kind: 'news', office: 'zhubei', category: 'notice', zh: ['12月12日（星期六）加開結婚登記', '12月12日為熱門結婚日，本所當天上午加開結婚登記，請先 [網路預約](/booking)。'], en: ['Saturday 12 December: marriage registration', 'We open on Saturday 12 December for marriage registration. Please [book online](/booking).'], daysAgo: 8 },
  { kind: 'news', category: 'policy', zh: ['新式數位身分證換發時程說明', '內政部尚未公布新式數位身分證全面換發日期，現行國民身分證**繼續有效**，請勿輕信不實訊息。'], daysAgo: 20 },
  { kind: 'faq', category: 'transcript', guide: 'transcript', zh: ['申請戶籍謄本要帶什麼？', '本人申請請帶**國民身分證**與印章（或簽名）；委託他人申請另附委託書及受託人身分證。每張 15 元。'], en: ['What do I need for a household transcript?', 'Bring your national ID card and seal (or sign). Someone applying for you brings a letter of authorisation and their own ID. NT$15 a copy.'], daysAgo: 30 },
  { kind: 'faq', category: 'id_card', guide: 'id-card', zh: ['身分證遺失怎麼辦？', '請先到 [國民身分證掛失](/lost-id) 線上掛失，再帶 2 吋照片與戶口名簿到任一戶政事務所補領，規費 200 元。'], en: ['I lost my ID card. What now?', 'Report it lost online first, then bring a 2-inch photo and your household certificate book to any office. NT$200.'], daysAgo: 40 },
  { kind: 'faq', category: 'registration', guide: 'birth', zh: ['小孩出生後多久要報戶口？', '出生登記應於出生後 60 日內申請，逾期會處罰鍰。請帶出生證明書、父母身分證與戶口名簿。'], daysAgo: 40 },
  { kind: 'faq', category: 'registration', guide: 'marriage', zh: ['結婚登記雙方都要到嗎？', '是的，結婚登記雙方當事人都要親自到場，並帶結婚書約、身分證、印章、戶口名簿與照片。'], en: ['Must both spouses come to register a marriage?', 'Yes: both spouses come in person with the marriage agreement, ID cards, seals, household books and photos.'], daysAgo: 45 },
  { kind: 'faq', category: 'nationality', audience: 'new_immigrant', guide: 'naturalization', zh: ['外籍配偶如何申請歸化？', '請攜帶護照、居留證、無犯罪紀錄證明及喪失原國籍證明等文件至戶政事務所申請，本所有熟悉業務的同仁協助。'], en: ['How does a foreign spouse apply for naturalisation?', 'Bring your passport, resident certificate, police record and proof of losing your former nationality; our staff will help.'], daysAgo: 50 },
  { kind: 'faq', category: 'booking', zh: ['可以網路預約嗎？', '可以。[網路預約](/booking) 可預約次日至 7 日內的時段，報到後優先叫號。'], daysAgo: 10 },
  { kind: 'faq', category: 'other', audience: 'indigenous', zh: ['原住民如何回復傳統名字？', '可申請回復傳統名字，並可依意願以羅馬拼音並列，請帶身分證與戶口名簿辦理，免收規費。'], daysAgo: 60 },
  { kind: 'page', category: 'notice', zh: ['本所簡介', '本所辦理轄區內戶籍登記、國民身分證與戶口名簿核發、戶籍資料管理與統計，並提供預約、到宅服務與新住民協助。'], en: ['About the office', 'We register households, issue ID cards and household books, keep the registers and their statistics, and offer bookings, home visits and help for new immigrants.'], daysAgo: 365 },
  { kind: 'page', category: 'notice', zh: ['組織與職掌', '- 主任：綜理所務\n- 戶籍課：戶籍登記、身分證、謄本\n- 秘書室：文書、出納、總務、陳情與為民服務'], en: ['Organisation and duties', '- Director: runs the office\n- Registration section: registration, ID cards, transcripts\n- Secretariat: records, cash, general affairs, petitions and public service'], daysAgo: 365 },
  { kind: 'opengov', category: 'opengov', opengov: 3, owner: '秘書室', zh: ['本所組織、職掌與聯絡方式', '本所設戶籍課、秘書室，辦理戶籍登記、國民身分證及戶口名簿、戶籍資料管理等業務。'], daysAgo: 100 },
  { kind: 'opengov', category: 'opengov', opengov: 5, owner: '戶籍課', zh: ['115 年度服務品質計畫', '本年度服務品質計畫，含一站式服務、預約與叫號、陳情處理時限與滿意度調查等指標。'], daysAgo: 200 },
  { kind: 'opengov', category: 'opengov', opengov: 6, owner: '會計', zh: ['115 年度預算書', '本所 115 年度法定預算，請下載附件或至縣府預算書查詢。'], daysAgo: 300 },
];

/** The demo site's news, FAQ, open government items, a downloadable form, and a few synonym groups. */
export async function seedContent(trx: Executor, now: Date): Promise<void> {
  const today = taipeiToday(now);
  // the office's own news (竹北's evening hours) shows on its pages and hall board only; the rest is the county's
  const offices = new Map((await trx.selectFrom('office').select(['id', 'code']).execute()).map((o) => [o.code, o.id]));
  for (const s of ITEMS) {
    const when = new Date(`${addDays(today, -s.daysAgo)}T09:00:00+08:00`).toISOString();
    const r = await trx
      .insertInto('content_item')
      .values({
        office_id: s.office ? (offices.get(s.office) ?? null) : null,
        kind: s.kind,
        category: s.category,
        audience: s.audience ?? 'general',
        status: 'published',
        publish_from: when,
        publish_until: null,
        marquee: s.marquee ? 1 : 0,
        guide_code: s.guide ?? null,
        opengov_category: s.opengov ?? null,
        owner: s.owner ?? null,
        review_on: s.opengov ? addDays(today, s.opengov === 6 ? -5 : 90) : null,
        file_name: null,
        file_mime: null,
        file_size: null,
        file: null,
        created_at: when,
        updated_at: when,
        updated_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('content_text').values({ item_id: r.id, locale: 'zh-Hant', title: s.zh[0], body: s.zh[1] }).execute();
    if (s.en) await trx.insertInto('content_text').values({ item_id: r.id, locale: 'en', title: s.en[0], body: s.en[1] }).execute();
  }
  const form = Buffer.from(toOds([{ name: '委託書', headers: ['委託人姓名', '身分證統一編號', '受託人姓名', '身分證統一編號', '委託事項', '日期'], rows: [['', '', '', '', '', '']] }], { title: '戶籍謄本委託書', now }));
  const d = await trx
    .insertInto('content_item')
    .values({ office_id: null, kind: 'download', category: 'form', audience: 'general', status: 'published', publish_from: new Date(`${addDays(today, -1)}T09:00:00+08:00`).toISOString(), publish_until: null, marquee: 0, guide_code: null, opengov_category: null, owner: null, review_on: null, file_name: '戶籍謄本委託書.ods', file_mime: 'application/vnd.oasis.opendocument.spreadsheet', file_size: form.length, file: form, created_at: now.toISOString(), updated_at: now.toISOString(), updated_by: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('content_text').values({ item_id: d.id, locale: 'zh-Hant', title: '申請戶籍謄本委託書', body: '委託他人申請戶籍謄本時填寫。' }).execute();
  for (const terms of ['身分證, 身份證, 國民身分證', '戶籍謄本, 戶口謄本, 謄本', '出生登記, 報戶口, 新生兒', '結婚登記, 登記結婚', '外籍配偶, 新住民, 外配']) {
    await trx.insertInto('search_synonym').values({ terms, updated_at: now.toISOString() }).execute();
  }
}
