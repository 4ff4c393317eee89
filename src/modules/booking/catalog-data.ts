import type { BookingKind } from './rules.js';

/**
 * The household-registration applications offices publish as bookable
 * (33 of them at one office of the seeds), as data: a new office ticks the
 * ones it offers and gets them in one step, then adjusts what differs.
 * Defaults follow DOMAIN.md: from the next day until 15:00 the working day
 * before, up to 14 days ahead, one person per 30-minute slot, the office day.
 * `queue` is the queue service check-in goes to when the office has it;
 * `guide` the service guide linked when it exists.
 */
export interface CatalogEntry {
  code: string;
  kind: BookingKind;
  name: [string, string];
  queue: string;
  guide: string | null;
  slotMinutes: number;
  parties: 1 | 2;
  documents: [string, string][];
  inPerson: [string, string];
}

const ID_DOCS: [string, string][] = [
  ['申請人國民身分證', "Applicant's national ID card"],
  ['印章（或簽名）', 'Seal (or signature)'],
  ['戶口名簿', 'Household certificate book'],
];
const SELF: [string, string] = ['申請人本人；委託他人須附委託書及受託人身分證。', 'The applicant, or someone with a letter of authorisation and their own ID card.'];
const BOTH: [string, string] = ['雙方當事人都要親自到場，並各帶身分證。', 'Both people concerned, in person, each with their ID card.'];
const IN_PERSON: [string, string] = ['本人親自到場。', 'You, in person.'];

function entry(code: string, zh: string, en: string, o: Partial<Omit<CatalogEntry, 'code' | 'name'>> & { extra?: [string, string][] } = {}): CatalogEntry {
  return {
    code,
    kind: o.kind ?? 'counter',
    name: [zh, en],
    queue: o.queue ?? 'registration',
    guide: o.guide === undefined ? code : o.guide,
    slotMinutes: o.slotMinutes ?? 30,
    parties: o.parties ?? 1,
    documents: o.documents ?? [...ID_DOCS, ...(o.extra ?? [])],
    inPerson: o.inPerson ?? SELF,
  };
}

export const APPLICATION_CATALOG: readonly CatalogEntry[] = [
  entry('birth', '出生登記', 'Birth registration', { extra: [['出生證明書', 'Birth certificate']] }),
  entry('death', '死亡登記', 'Death registration', { extra: [['死亡證明書或相驗屍體證明書', 'Death certificate']] }),
  entry('marriage', '結婚登記', 'Marriage registration', { parties: 2, inPerson: BOTH, extra: [['結婚書約（2 位以上證人簽名）', 'Written marriage agreement signed by two witnesses']] }),
  entry('divorce', '離婚登記', 'Divorce registration', { parties: 2, inPerson: BOTH, extra: [['離婚協議書（2 位以上證人簽名）或法院判決書', 'Divorce agreement signed by two witnesses, or the court judgment']] }),
  entry('move-in', '遷入登記', 'Moving in'),
  entry('move-out', '遷出登記', 'Moving out'),
  entry('address-change', '住址變更登記', 'Change of address'),
  entry('id-first', '初領國民身分證', 'First national ID card', { queue: 'id-card', guide: 'id-card', slotMinutes: 20, inPerson: IN_PERSON, extra: [['最近二年內 2 吋彩色照片 1 張', 'One recent 2-inch colour photo']] }),
  entry('id-replace', '補領國民身分證', 'Replacement national ID card', { queue: 'id-card', guide: 'id-card', slotMinutes: 20, inPerson: IN_PERSON, extra: [['最近二年內 2 吋彩色照片 1 張', 'One recent 2-inch colour photo']] }),
  entry('id-renew', '換領國民身分證', 'Renewed national ID card', { queue: 'id-card', guide: 'id-card', slotMinutes: 20, inPerson: IN_PERSON, extra: [['原國民身分證', 'Your current ID card'], ['最近二年內 2 吋彩色照片 1 張', 'One recent 2-inch colour photo']] }),
  entry('transcript', '戶籍謄本', 'Household transcript', { slotMinutes: 15 }),
  entry('seal', '印鑑登記', 'Seal registration', { inPerson: IN_PERSON, extra: [['擬登記之印章', 'The seal to register']] }),
  entry('seal-certificate', '印鑑證明', 'Seal certificate', { guide: 'seal', slotMinutes: 15, extra: [['已登記之印鑑章', 'The registered seal']] }),
  entry('name-change', '姓名變更登記', 'Change of name'),
  entry('birthplace-change', '出生地變更登記', 'Change of place of birth'),
  entry('acknowledgement', '認領登記', 'Acknowledgement of a child', { extra: [['認領同意書或法院裁判書', 'Consent to acknowledgement, or the court ruling']] }),
  entry('adoption', '收養登記', 'Adoption registration', { extra: [['法院認可收養之裁定及確定證明書', 'Court approval of the adoption and its certificate of finality']] }),
  entry('adoption-end', '終止收養登記', 'End of adoption', { extra: [['終止收養協議書或法院裁判書', 'Agreement or court ruling ending the adoption']] }),
  entry('guardianship', '監護登記', 'Guardianship registration', { extra: [['監護人身分證明文件', "The guardian's ID papers"]] }),
  entry('household-split', '分（合）戶登記', 'Splitting or joining households'),
  entry('head-change', '戶長變更登記', 'Change of head of household'),
  entry('doorplate', '門牌證明', 'House number certificate', { guide: 'house-number-certificate', slotMinutes: 15 }),
  entry('correction', '更正、撤銷或廢止登記', 'Correcting, cancelling or annulling a registration', { extra: [['證明更正事項之文件', 'Papers that prove the correction']] }),
  entry('indigenous', '原住民身分登記', 'Indigenous status registration'),
  entry('first-registration', '初設戶籍登記', 'First household registration', { queue: 'nationality', extra: [['護照、入國許可或居留證', 'Passport, entry permit or resident certificate']] }),
  entry('move-from-abroad', '遷徙登記（國外遷入）', 'Moving in from abroad', { queue: 'nationality', guide: 'move-in', extra: [['護照', 'Passport']] }),
  entry('nationality-loss', '喪失國籍登記', 'Loss of nationality', { queue: 'nationality', guide: null, extra: [['內政部喪失國籍許可證書', 'Ministry permit for loss of nationality']] }),
  entry('naturalisation', '歸化國籍', 'Naturalisation', { queue: 'nationality', guide: 'naturalization', extra: [['外僑居留證', 'Alien resident certificate'], ['經驗證之外文文件及中文譯本', 'Authenticated foreign documents with Chinese translation']] }),
  entry('nationality-restore', '回復國籍', 'Restoring nationality', { queue: 'nationality', guide: null }),
  entry('death-declaration', '死亡宣告登記', 'Declaration of death', { extra: [['法院死亡宣告裁判及確定證明書', 'Court declaration of death and its certificate of finality']] }),
  entry('guardianship-declaration', '輔助／監護宣告登記', 'Declaration of assistance or guardianship', { extra: [['法院輔助或監護宣告裁定及確定證明書', 'Court ruling and its certificate of finality']] }),
  entry('minor-rights', '未成年子女權利義務行使負擔登記', "Rights and duties over a minor child", { extra: [['協議書或法院裁判書', 'Agreement or court ruling']] }),
  entry('other', '其他戶籍登記', 'Other household registration', { guide: null }),
];
