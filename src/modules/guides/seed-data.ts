import type { GuideTopic } from '../../platform/search/index.js';

/**
 * The demo catalogue of service guides (申請須知), written from the
 * Household Registration Act (戶籍法) and its fee rules (戶政規費收費標準),
 * the Civil Code for marriage and divorce, and the documents offices ask for.
 * Staff edit these in /staff/guides; every office can adjust its own copy
 * of practice. Basis strings cite only what the document requirement rests
 * on; where practice rather than a statute asks for a document, none is given.
 */
export interface GuideDoc {
  zh: string;
  en: string;
  basis?: string;
}

export interface GuideSeed {
  code: string;
  category: GuideTopic;
  name: [string, string];
  who: [string, string];
  documents: GuideDoc[];
  feeNtd: number | null;
  fee: [string, string];
  deadlineDays: number | null;
  deadline: [string, string];
  lateFine: boolean;
  processingDays: number;
  serviceCode: string;
}

const ID: GuideDoc = { zh: '申請人國民身分證（外籍人士為居留證）', en: "Applicant's national ID card (residence permit for foreign nationals)" };
const SEAL: GuideDoc = { zh: '申請人印章（或親自簽名）', en: "Applicant's seal (or signature in person)" };
const BOOK: GuideDoc = { zh: '戶口名簿', en: 'Household certificate book (戶口名簿)' };
const PHOTO: GuideDoc = { zh: '最近二年內拍攝之 2 吋彩色正面半身照片 1 張', en: 'One 2-inch colour passport photo taken within two years' };
const PROXY: GuideDoc = { zh: '委託他人辦理：委託書及受託人國民身分證、印章', en: 'If someone applies for you: a letter of authorisation, plus their ID card and seal' };
const DEADLINE_30: [string, string] = ['事件發生後 30 日內申請', 'Within 30 days of the event'];
const NONE: [string, string] = ['無法定期限', 'No legal deadline'];

export const GUIDES: GuideSeed[] = [
  {
    code: 'birth',
    category: 'registration',
    name: ['出生登記', 'Birth registration'],
    who: ['父、母、祖父母、戶長、同居人或撫養人', 'Father, mother, grandparent, head of household, co-resident or guardian'],
    documents: [
      { zh: '出生證明書（醫療院所開立）', en: 'Birth certificate issued by the hospital or midwife' },
      ID,
      SEAL,
      BOOK,
      { zh: '父母約定子女姓氏之書面約定（父母雙方到場或簽章）', en: "Parents' written agreement on the child's surname", basis: '民法第1059條' },
    ],
    feeNtd: null,
    fee: ['免費', 'Free'],
    deadlineDays: 60,
    deadline: ['出生後 60 日內申請', 'Within 60 days of the birth'],
    lateFine: true,
    processingDays: 0,
    serviceCode: 'registration',
  },
  {
    code: 'death',
    category: 'registration',
    name: ['死亡登記', 'Death registration'],
    who: ['配偶、親屬、戶長、同居人、經理殮葬之人', 'Spouse, relative, head of household, co-resident, or the person arranging the funeral'],
    documents: [{ zh: '死亡證明書或相驗屍體證明書', en: 'Death certificate or post-mortem certificate' }, { zh: '死亡者國民身分證（繳回）', en: "The deceased's ID card (returned)" }, ID, SEAL, BOOK],
    feeNtd: null,
    fee: ['免費', 'Free'],
    deadlineDays: 30,
    deadline: DEADLINE_30,
    lateFine: true,
    processingDays: 0,
    serviceCode: 'registration',
  },
  {
    code: 'marriage',
    category: 'registration',
    name: ['結婚登記', 'Marriage registration'],
    who: ['結婚雙方當事人親自到場', 'Both spouses, in person'],
    documents: [
      { zh: '結婚書約（雙方及 2 位以上證人簽名）', en: 'Written marriage agreement signed by both spouses and at least two witnesses', basis: '民法第982條' },
      { zh: '雙方國民身分證、印章', en: "Both spouses' ID cards and seals" },
      { zh: '雙方戶口名簿', en: "Both spouses' household certificate books" },
      { zh: '雙方最近二年內 2 吋彩色照片各 1 張（換發身分證）', en: 'One recent 2-inch photo of each spouse (for the new ID cards)' },
      { zh: '外籍配偶：經驗證之結婚證明或單身證明及中文譯本、護照', en: 'Foreign spouse: authenticated marriage or single-status certificate with Chinese translation, and passport' },
    ],
    feeNtd: 50,
    fee: ['換發國民身分證每張 50 元', 'NT$50 for each new ID card'],
    deadlineDays: null,
    deadline: ['結婚以登記為生效要件，完成登記時婚姻始生效力', 'A marriage takes effect only when registered'],
    lateFine: false,
    processingDays: 0,
    serviceCode: 'registration',
  },
  {
    code: 'divorce',
    category: 'registration',
    name: ['兩願離婚登記', 'Divorce by mutual consent'],
    who: ['離婚雙方當事人親自到場', 'Both spouses, in person'],
    documents: [
      { zh: '離婚協議書（雙方及 2 位以上證人簽名）', en: 'Written divorce agreement signed by both spouses and at least two witnesses', basis: '民法第1050條' },
      { zh: '有未成年子女者：子女權利義務行使負擔之約定', en: 'With children under 18: the agreement on parental rights and duties', basis: '民法第1055條' },
      { zh: '雙方國民身分證、印章、戶口名簿', en: "Both spouses' ID cards, seals and household certificate books" },
      { zh: '雙方 2 吋彩色照片各 1 張（換發身分證）', en: 'One 2-inch photo of each (for the new ID cards)' },
    ],
    feeNtd: 50,
    fee: ['換發國民身分證每張 50 元', 'NT$50 for each new ID card'],
    deadlineDays: null,
    deadline: ['兩願離婚以登記為生效要件；法院判決離婚者應於確定後 30 日內申請', 'Takes effect when registered; a court divorce must be registered within 30 days'],
    lateFine: false,
    processingDays: 0,
    serviceCode: 'registration',
  },
  {
    code: 'move-in',
    category: 'address',
    name: ['遷入登記', 'Moving in'],
    who: ['本人或戶長（可委託）', 'The person or the head of household (a proxy may apply)'],
    documents: [
      ID,
      SEAL,
      { zh: '遷入戶之戶口名簿', en: 'Household certificate book of the household moved into' },
      { zh: '自立新戶者：房屋所有權狀、房屋稅單或租賃契約', en: 'A new household: title deed, house tax bill or lease' },
      PROXY,
    ],
    feeNtd: null,
    fee: ['免費（申請新戶口名簿 30 元）', 'Free (a new household certificate book NT$30)'],
    deadlineDays: 30,
    deadline: ['遷入居住滿 3 個月後 30 日內申請', 'Within 30 days after living there for 3 months'],
    lateFine: true,
    processingDays: 0,
    serviceCode: 'registration',
  },
  {
    code: 'move-out',
    category: 'address',
    name: ['遷出登記（含遷出國外）', 'Moving out (including abroad)'],
    who: ['本人或戶長（可委託）', 'The person or the head of household (a proxy may apply)'],
    documents: [ID, SEAL, BOOK, PROXY],
    feeNtd: null,
    fee: ['免費', 'Free'],
    deadlineDays: 30,
    deadline: ['遷出 3 個月以上或出境滿 2 年，於事件發生後 30 日內申請', 'Within 30 days of leaving for over 3 months, or after 2 years abroad'],
    lateFine: true,
    processingDays: 0,
    serviceCode: 'registration',
  },
  {
    code: 'address-change',
    category: 'address',
    name: ['住址變更登記', 'Change of address in the same township'],
    who: ['本人或戶長（可委託）', 'The person or the head of household (a proxy may apply)'],
    documents: [ID, SEAL, BOOK, { zh: '房屋所有權狀、房屋稅單或租賃契約', en: 'Title deed, house tax bill or lease' }],
    feeNtd: null,
    fee: ['免費', 'Free'],
    deadlineDays: 30,
    deadline: DEADLINE_30,
    lateFine: true,
    processingDays: 0,
    serviceCode: 'registration',
  },
  {
    code: 'name-change',
    category: 'registration',
    name: ['姓名變更（改名）', 'Change of name'],
    who: ['本人（未成年人由法定代理人）', 'The person (parents for a minor)'],
    documents: [ID, SEAL, BOOK, PHOTO, { zh: '依姓名條例應附之證明文件（如法院判決、同名同姓證明）', en: 'Evidence the Name Act requires for the reason given (e.g. court ruling, proof of an identical name)', basis: '姓名條例' }],
    feeNtd: 50,
    fee: ['換發國民身分證 50 元', 'NT$50 for the new ID card'],
    deadlineDays: null,
    deadline: NONE,
    lateFine: false,
    processingDays: 0,
    serviceCode: 'registration',
  },
  {
    code: 'first-registration',
    category: 'nationality',
    name: ['初設戶籍登記', 'First household registration'],
    who: ['本人（在臺灣地區無戶籍之國民）', 'The person (a national without household registration in Taiwan)'],
    documents: [{ zh: '定居證或入國許可證件', en: 'Settlement certificate or entry permit' }, { zh: '護照或旅行證件', en: 'Passport or travel document' }, PHOTO, { zh: '居住地址證明（房屋所有權狀或租約）', en: 'Proof of address (title deed or lease)' }],
    feeNtd: null,
    fee: ['免費（國民身分證 50 元、戶口名簿 30 元）', 'Free (ID card NT$50, household certificate book NT$30)'],
    deadlineDays: 30,
    deadline: ['取得定居證後 30 日內申請', 'Within 30 days of receiving the settlement certificate'],
    lateFine: true,
    processingDays: 0,
    serviceCode: 'registration',
  },
  {
    code: 'id-card',
    category: 'id_card',
    name: ['國民身分證初領、換領、補領', 'National ID card: first issue, renewal, replacement'],
    who: ['本人親自到場（初領須年滿 14 歲）', 'The person, in person (first issue from age 14)'],
    documents: [BOOK, PHOTO, SEAL, { zh: '換領者繳回舊證', en: 'For renewal: the old card' }],
    feeNtd: 50,
    fee: ['初領、換領 50 元；補領（遺失）200 元', 'First issue or renewal NT$50; replacement after loss NT$200'],
    deadlineDays: null,
    deadline: NONE,
    lateFine: false,
    processingDays: 0,
    serviceCode: 'id-card',
  },
  {
    code: 'transcript',
    category: 'transcript',
    name: ['戶籍謄本', 'Household registration transcript'],
    who: ['本人、戶長、利害關係人或受委託人', 'The person, head of household, an interested party, or a proxy'],
    documents: [ID, SEAL, PROXY, { zh: '利害關係人：證明利害關係之文件（如法院通知、債權憑證）', en: 'An interested party: proof of the interest (e.g. court notice)' }],
    feeNtd: 15,
    fee: ['每張 15 元', 'NT$15 a sheet'],
    deadlineDays: null,
    deadline: NONE,
    lateFine: false,
    processingDays: 0,
    serviceCode: 'transcript',
  },
  {
    code: 'english-transcript',
    category: 'transcript',
    name: ['英文戶籍謄本', 'English household transcript'],
    who: ['本人或受委託人', 'The person or a proxy'],
    documents: [ID, SEAL, { zh: '護照（英文姓名以護照為準）', en: 'Passport (English names follow the passport)' }, PROXY],
    feeNtd: 100,
    fee: ['每份 100 元，同次加印每張 15 元', 'NT$100 a copy; NT$15 for each further copy in the same request'],
    deadlineDays: null,
    deadline: NONE,
    lateFine: false,
    processingDays: 1,
    serviceCode: 'transcript',
  },
  {
    code: 'seal',
    category: 'transcript',
    name: ['印鑑登記、印鑑證明', 'Seal registration and seal certificate'],
    who: ['登記須本人親自到場；證明可委託', 'Registration in person; a certificate may be asked for by a proxy'],
    documents: [ID, { zh: '擬登記之印章', en: 'The seal to register' }, PROXY],
    feeNtd: 20,
    fee: ['每份 20 元', 'NT$20 each'],
    deadlineDays: null,
    deadline: NONE,
    lateFine: false,
    processingDays: 0,
    serviceCode: 'transcript',
  },
  {
    code: 'house-number-certificate',
    category: 'transcript',
    name: ['門牌證明', 'House-number certificate'],
    who: ['任何人', 'Anyone'],
    documents: [ID],
    feeNtd: 20,
    fee: ['每份 20 元', 'NT$20 each'],
    deadlineDays: null,
    deadline: NONE,
    lateFine: false,
    processingDays: 0,
    serviceCode: 'transcript',
  },
  {
    code: 'house-number-assignment',
    category: 'address',
    name: ['門牌初編', 'First house-number assignment'],
    who: ['建物所有權人或起造人', 'The owner or builder of the building'],
    documents: [
      { zh: '門牌初編申請書', en: 'Application form for a house number' },
      { zh: '建物使用執照影本（或合法房屋證明）', en: 'Copy of the building use permit (or proof the building is lawful)' },
      { zh: '建物位置圖及出入口示意圖', en: 'Site plan showing the entrances' },
      ID,
      SEAL,
    ],
    feeNtd: null,
    fee: ['門牌製作費依縣市規定', 'House-plate fee as set by the county'],
    deadlineDays: null,
    deadline: NONE,
    lateFine: false,
    processingDays: 7,
    serviceCode: 'registration',
  },
  {
    code: 'naturalization',
    category: 'nationality',
    name: ['歸化我國國籍（外籍配偶）', 'Naturalisation (foreign spouses)'],
    who: ['本人親自到場', 'The person, in person'],
    documents: [
      { zh: '歸化國籍申請書', en: 'Application for naturalisation' },
      { zh: '外僑居留證', en: 'Alien Resident Certificate' },
      { zh: '喪失原有國籍證明（或許可喪失國籍之證明）及中文譯本', en: 'Proof of loss of the original nationality, with Chinese translation' },
      { zh: '無犯罪紀錄證明', en: 'Police clearance certificate' },
      { zh: '基本語言能力及國民權利義務基本常識證明', en: 'Proof of basic language ability and knowledge of civic rights and duties' },
      { zh: '最近二年內 2 吋彩色照片', en: 'Recent 2-inch colour photo' },
    ],
    feeNtd: 1200,
    fee: ['歸化規費 1,200 元', 'Naturalisation fee NT$1,200'],
    deadlineDays: null,
    deadline: NONE,
    lateFine: false,
    processingDays: 10,
    serviceCode: 'nationality',
  },
];

/** DOMAIN.md fee schedule (戶政規費收費標準), NT$. */
export const FEES: { zh: string; en: string; ntd: string }[] = [
  { zh: '國民身分證初領、換領', en: 'National ID card: first issue or renewal', ntd: '50' },
  { zh: '國民身分證補領', en: 'National ID card: replacement', ntd: '200' },
  { zh: '戶口名簿', en: 'Household certificate book', ntd: '30' },
  { zh: '戶籍謄本（每張）', en: 'Household transcript (a sheet)', ntd: '15' },
  { zh: '英文戶籍謄本（同次加印每張 15 元）', en: 'English transcript (NT$15 each further copy in the same request)', ntd: '100' },
  { zh: '印鑑登記、印鑑證明', en: 'Seal registration or certificate', ntd: '20' },
  { zh: '門牌證明', en: 'House-number certificate', ntd: '20' },
  { zh: '結婚、離婚證明書', en: 'Marriage or divorce certificate', ntd: '100' },
  { zh: '閱覽戶籍資料', en: 'Viewing household records', ntd: '15' },
];

/** Late filing fines, 戶籍法 §79 (DOMAIN.md). */
export const LATE_FINES: { fromDay: number; toDay: number | null; ntd: number }[] = [
  { fromDay: 1, toDay: 15, ntd: 300 },
  { fromDay: 16, toDay: 30, ntd: 500 },
  { fromDay: 31, toDay: 180, ntd: 700 },
  { fromDay: 181, toDay: null, ntd: 900 },
];

export function lateFine(daysLate: number, reminded = false): number {
  if (daysLate <= 0) return 0;
  if (reminded) return 900;
  return LATE_FINES.find((f) => daysLate >= f.fromDay && (f.toDay === null || daysLate <= f.toDay))!.ntd;
}
