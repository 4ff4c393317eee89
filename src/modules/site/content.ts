import type { Locale } from '../../platform/i18n/index.js';

/**
 * The fixed texts of a government site (privacy and security policy, open
 * data declaration), written per language. Paragraph lists rather than
 * catalog keys: they are documents, and a later content module lets staff
 * edit them.
 */
export interface Doc {
  sections: { heading: string; paragraphs: string[] }[];
}

const PRIVACY: Record<Locale, Doc> = {
  'zh-Hant': {
    sections: [
      {
        heading: '一、適用範圍',
        paragraphs: [
          '本政策適用於您在本網站活動時所涉及的個人資料蒐集、處理、利用與保護。本網站連結至其他網站時，請參閱該網站的隱私權政策。',
        ],
      },
      {
        heading: '二、個人資料的蒐集與利用',
        paragraphs: [
          '您使用線上取號、預約、案件查詢、掛失或陳情等服務時，我們依個人資料保護法及戶籍法，只蒐集辦理該項服務所必需的資料（例如姓名、身分證統一編號、出生日期、聯絡電話與電子信箱）。',
          '資料只用於辦理您申請的服務、通知辦理進度與統計分析；統計結果不會識別到個人。除法律另有規定或經您同意外，不會提供給第三者或作其他用途。',
        ],
      },
      {
        heading: '三、資料保護',
        paragraphs: [
          '身分證統一編號以金鑰雜湊與加密方式儲存，畫面上只顯示遮罩後的號碼（例如 A12****789）；員工每次查看個人資料都會留下稽核紀錄。',
          '網站以加密連線傳輸資料，員工登入採用強化密碼雜湊、連續 5 次登入失敗即暫停 15 分鐘，並設有跨站請求偽造防護。',
        ],
      },
      {
        heading: '四、Cookie 的使用',
        paragraphs: ['本網站只使用維持服務運作所必需的 Cookie（語言偏好、表單安全驗證、員工登入狀態），不使用廣告或追蹤用 Cookie。'],
      },
      {
        heading: '五、您的權利',
        paragraphs: ['您可依個人資料保護法第 3 條，向本所請求查詢、閱覽、製給複本、補充或更正、停止蒐集處理利用或刪除您的個人資料。請洽本所服務台或主任信箱。'],
      },
      {
        heading: '六、政策修訂',
        paragraphs: ['本政策將因應法令與技術的變更而修訂，修訂後公布於本網站。'],
      },
    ],
  },
  en: {
    sections: [
      {
        heading: '1. Scope',
        paragraphs: ['This policy covers the personal data collected, processed and used when you use this site. Sites we link to have their own policies.'],
      },
      {
        heading: '2. What we collect and why',
        paragraphs: [
          'When you take a queue ticket, book an appointment, look up a case, report a lost ID card or send a petition, we collect only what that service needs under the Personal Data Protection Act and the Household Registration Act (such as your name, ID number, date of birth, phone and e-mail).',
          'We use it only to provide the service, tell you about its progress, and for statistics that identify nobody. We do not give it to anyone else unless the law requires it or you agree.',
        ],
      },
      {
        heading: '3. How we protect it',
        paragraphs: [
          'ID numbers are stored as a keyed hash and encrypted; screens show them masked (A12****789). Every time staff view personal data, the audit log records it.',
          'Data travels over encrypted connections. Staff sign-in uses strong password hashing and pauses for 15 minutes after 5 failed attempts; every form is protected against cross-site request forgery.',
        ],
      },
      {
        heading: '4. Cookies',
        paragraphs: ['We use only the cookies the service needs (language, form security, staff sign-in). No advertising or tracking cookies.'],
      },
      {
        heading: '5. Your rights',
        paragraphs: ['Under Article 3 of the Personal Data Protection Act you may ask to see, copy, correct, stop the use of, or delete your personal data. Ask at the service desk or through the director’s mailbox.'],
      },
      {
        heading: '6. Changes',
        paragraphs: ['We revise this policy when the law or our technology changes, and publish the new version here.'],
      },
    ],
  },
};

const OPEN_DATA: Record<Locale, Doc> = {
  'zh-Hant': {
    sections: [
      {
        heading: '政府網站資料開放宣告',
        paragraphs: [
          '為便利民眾共享及利用政府資料，本網站上由本機關享有著作財產權之資料，除另有標示外，均依「政府資料開放授權條款」以無償、非專屬、得再轉授權之方式提供公眾使用，使用者得不限目的、時間及地域利用，惟應註明出處。',
          '本網站另有標示之內容（例如第三人提供之照片），依其標示之授權方式利用。',
          '本所公開之統計資料（例如人口統計）以開放格式（CSV、ODS）提供下載。',
        ],
      },
    ],
  },
  en: {
    sections: [
      {
        heading: 'Open data declaration',
        paragraphs: [
          'Unless marked otherwise, material on this site whose copyright belongs to this agency is offered to the public under the Open Government Data License: free of charge, non-exclusive and sub-licensable, for any purpose, time or place, provided the source is acknowledged.',
          'Material marked otherwise (such as third-party photographs) is used under the terms marked on it.',
          'Statistics we publish (such as population figures) can be downloaded in open formats (CSV, ODS).',
        ],
      },
    ],
  },
};

export function privacyDoc(locale: Locale): Doc {
  return PRIVACY[locale];
}

export function openDataDoc(locale: Locale): Doc {
  return OPEN_DATA[locale];
}
