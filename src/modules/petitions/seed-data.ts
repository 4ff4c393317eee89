import type { Executor } from '../../db/index.js';

/** County-wide reply templates every office starts with. */
const TEMPLATES: { category: string; title: string; zh: string; en: string }[] = [
  {
    category: 'service',
    title: '服務態度：致歉與改善',
    zh: '您好：\n\n感謝您來信指教。對於您在本所洽公時感到不愉快，我們深感抱歉。本所已了解當日情形，並已請相關同仁改進，也將於內部會議中檢討，加強服務訓練。\n\n敬祝 平安',
    en: 'Dear petitioner,\n\nThank you for writing to us. We are sorry that your visit was unpleasant. We have looked into what happened that day, asked the staff concerned to improve, and will review it at our staff meeting.\n\nWith best regards',
  },
  {
    category: 'registration',
    title: '戶籍登記：說明應備文件',
    zh: '您好：\n\n關於您詢問的戶籍登記，應備文件如下：（請列出）。您可先至本所網站「申請須知」查詢，或於上班時間來電，由承辦人員為您說明。\n\n敬祝 平安',
    en: 'Dear petitioner,\n\nFor the registration you asked about, please bring: (list). The "What to bring" pages on our website have the details, or call us during office hours.\n\nWith best regards',
  },
  {
    category: 'facilities',
    title: '環境設施：已派員處理',
    zh: '您好：\n\n感謝您告訴我們。您反映的設施問題，本所已派員檢修，預計於（日期）前完成。\n\n敬祝 平安',
    en: 'Dear petitioner,\n\nThank you for telling us. We have arranged a repair for the problem you reported, expected by (date).\n\nWith best regards',
  },
];

export async function seedReplyTemplates(trx: Executor, now: Date): Promise<void> {
  for (const t of TEMPLATES) {
    await trx.insertInto('reply_template').values({ office_id: null, category: t.category, title: t.title, body_zh: t.zh, body_en: t.en, updated_at: now.toISOString() }).execute();
  }
}
