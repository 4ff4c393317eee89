import { fold } from './tokenize.js';

/**
 * How citizens ask, turned into what the pages say, before the index sees
 * the query. People type whole questions (「辦身分證要帶什麼」), common
 * miswritten characters (戶藉, 身份証) and spaces inside words; the question
 * words would otherwise outweigh the subject, and a miswritten character
 * breaks every bigram it is part of. What the question asks (a fee, the
 * documents, where, by when, opening hours) is kept as an intent, which
 * the ranking and the snippet use. Written here because it is the office's
 * own language: no package knows that 身份 is written 身分 on an ID card.
 *
 * The everyday words people use for official terms (搬家 → 遷入) are the
 * county's to edit and live with the synonyms (content/vocabulary.ts); this
 * file holds only what is true of the language itself.
 */
export type Intent = 'fee' | 'documents' | 'where' | 'deadline' | 'hours';

/**
 * Characters and words written wrongly or in a variant form, folded to the
 * form the pages use. Ordered: longer first where one contains another.
 * English spellings are folded to the British forms the English pages use.
 */
const VARIANTS: [string, string][] = [
  ['戶藉', '戶籍'],
  ['户藉', '戶籍'],
  ['護藉', '戶籍'],
  ['户籍', '戶籍'],
  ['戶口民簿', '戶口名簿'],
  ['名薄', '名簿'],
  ['騰本', '謄本'],
  ['誊本', '謄本'],
  ['謄夲', '謄本'],
  ['登紀', '登記'],
  ['登計', '登記'],
  ['印監', '印鑑'],
  ['印鑒', '印鑑'],
  ['印鉴', '印鑑'],
  ['身份', '身分'],
  ['証', '證'],
  ['遷徒', '遷徙'],
  ['遺矢', '遺失'],
  ['結昏', '結婚'],
  ['離昏', '離婚'],
  ['罸', '罰'],
  ['周一', '週一'],
  ['周二', '週二'],
  ['周三', '週三'],
  ['周四', '週四'],
  ['周五', '週五'],
  ['周六', '週六'],
  ['裏', '裡'],
  ['naturalization', 'naturalisation'],
  ['authorization', 'authorisation'],
  ['color', 'colour'],
  ['center', 'centre'],
  ['i.d.', 'id'],
];

/**
 * Question words. `intent` is what the words ask for; `keep` leaves words
 * that are also what the pages say (規費, 期限) in the query.
 */
const QUESTIONS: { words: string[]; intent?: Intent; keep?: boolean }[] = [
  { words: ['要多少錢', '需要多少錢', '多少錢', '幾塊錢', '幾元', '要錢嗎', '要付錢嗎', '要收費嗎', '收費嗎', '免費嗎', '價錢', '價格', '怎麼收費', '費用多少'], intent: 'fee' },
  { words: ['規費', '費用', '收費', '手續費', '工本費'], intent: 'fee', keep: true },
  { words: ['需要帶什麼', '要帶什麼', '帶什麼', '要帶哪些', '需要準備什麼', '要準備什麼', '準備什麼', '需要什麼', '要什麼資料', '要什麼文件', '什麼文件', '哪些文件', '什麼證件', '哪些證件', '什麼資料', '哪些資料', '要準備', '要帶'], intent: 'documents' },
  { words: ['應備文件', '證件', '文件'], intent: 'documents', keep: true },
  { words: ['在哪裡', '在哪裏', '在哪邊', '在哪', '哪裡', '哪邊', '怎麼去', '怎麼走', '地址', '位置', '電話'], intent: 'where' },
  { words: ['幾天內', '幾天', '多久', '什麼時候', '何時', '最晚', '來得及'], intent: 'deadline' },
  { words: ['期限', '逾期', '過期'], intent: 'deadline', keep: true },
  { words: ['幾點開', '幾點', '開到幾點', '上班時間', '營業時間', '辦公時間', '服務時間', '有開嗎', '休息嗎'], intent: 'hours' },
  { words: ['怎麼辦理', '怎麼申請', '如何辦理', '如何申請', '要怎麼辦', '該怎麼辦', '怎麼辦', '要怎麼', '怎麼', '怎樣', '如何', '請問', '我想要', '我想', '我要', '想要', '可以嗎', '能不能', '可不可以', '是不是', '有沒有', '需不需要', '需要', '一定要', '應該', '要去', '的時候', '之後', '以後', '問一下'] },
];

/** Particles that carry no subject anywhere in a query. */
const PARTICLES = /[嗎呢吗的了啊呀吧嘛喔哦唷耶？?！!，,。、]/g;
/** Verbs that open a question (辦身分證, 申請謄本): dropped at the start only, where they are never the subject. */
const LEADS = ['辦理', '申辦', '申請', '要辦', '辦', '要', '想', '去', '幫', '給'];

const EN_QUESTIONS: { words: string[]; intent?: Intent; keep?: boolean }[] = [
  { words: ['how much', 'does it cost', 'cost', 'price', 'fee', 'fees', 'charge'], intent: 'fee' },
  { words: ['what to bring', 'what do i need', 'what documents', 'documents', 'bring', 'required'], intent: 'documents' },
  { words: ['where is', 'where', 'address', 'location'], intent: 'where' },
  { words: ['deadline', 'how long', 'how many days', 'when'], intent: 'deadline' },
  { words: ['opening hours', 'open hours', 'hours', 'open'], intent: 'hours' },
];
const EN_STOP = new Set(['how', 'do', 'does', 'did', 'i', 'to', 'what', 'the', 'a', 'an', 'my', 'is', 'are', 'can', 'get', 'of', 'for', 'in', 'on', 'need', 'should', 'it', 'me', 'you', 'your', 'and', 'or', 'please', 'want', 'apply', 'make', 'at', 'if', 'with', 'about', 'much', 'many']);

const HAN = /\p{Script=Han}/u;

/** Full and half width, case, 台/臺 (fold), then the variants; spaces between two Han characters go ("戶籍 謄本" is one word). */
export function foldVariants(text: string): string {
  let out = fold(text).replace(/(\p{Script=Han})\s+(?=\p{Script=Han})/gu, '$1');
  for (const [from, to] of VARIANTS) if (out.includes(from)) out = out.split(from).join(to);
  return out;
}

export interface Understood {
  /** the subject: the folded query without its question words, never empty unless the query was */
  subject: string;
  intent: Intent | null;
  /** a query in Latin letters only: English pages answer it too */
  english: boolean;
}

/** What a folded query (foldVariants) asks about, and what it asks of it. */
export function understand(folded: string): Understood {
  const english = !HAN.test(folded) && /\p{Script=Latin}/u.test(folded);
  return english ? understandEnglish(folded) : understandChinese(folded);
}

function understandChinese(folded: string): Understood {
  let subject = folded;
  let intent: Intent | null = null;
  for (const q of QUESTIONS) {
    for (const w of q.words) {
      if (!subject.includes(w)) continue;
      intent ??= q.intent ?? null;
      if (!q.keep) subject = subject.split(w).join(' ');
    }
  }
  subject = subject.replace(PARTICLES, ' ').replace(/\s+/g, ' ').trim();
  let lead = LEADS.find((l) => subject.startsWith(l) && [...subject].length - [...l].length >= 2);
  while (lead) {
    subject = subject.slice(lead.length).trim();
    lead = LEADS.find((l) => subject.startsWith(l) && [...subject].length - [...l].length >= 2);
  }
  return { subject: subject || folded.trim(), intent, english: false };
}

function understandEnglish(folded: string): Understood {
  let text = ` ${folded.replace(/[?!.,;:]/g, ' ')} `;
  let intent: Intent | null = null;
  for (const q of EN_QUESTIONS) {
    for (const w of q.words) {
      if (!text.includes(` ${w} `)) continue;
      intent ??= q.intent ?? null;
      text = text.split(` ${w} `).join(' ');
    }
  }
  const words = text.split(/\s+/).filter((w) => w && !EN_STOP.has(w));
  return { subject: words.join(' ') || folded.trim(), intent, english: true };
}

/** Words whose place in a page shows the answer to an intent: the snippet starts there, and the page is ranked up. */
export const INTENT_WORDS: Record<Intent, string[]> = {
  fee: ['元', '免費', '規費', 'nt$', 'free'],
  documents: ['證明書', '身分證', '戶口名簿', '印章', '照片', '護照', 'id card', 'photo'],
  where: ['地址', '電話', '聯絡', 'address', 'phone'],
  deadline: ['日內', '期限', '罰鍰', 'within', 'days'],
  hours: ['延長', '夜間', '時段', '上班', 'evening', 'hours'],
};

/** Character overlap (Dice) of two folded strings: how close a typed query is to a known term, for "did you mean". */
export function closeness(a: string, b: string): number {
  const grams = (s: string) => {
    const chars = [...s.replace(/\s+/g, '')];
    if (HAN.test(s)) return new Set(chars);
    const out = new Set<string>();
    for (let i = 0; i + 1 < chars.length; i++) out.add(`${chars[i]}${chars[i + 1]}`);
    return out;
  };
  const x = grams(a);
  const y = grams(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const g of x) if (y.has(g)) shared++;
  return (2 * shared) / (x.size + y.size);
}
