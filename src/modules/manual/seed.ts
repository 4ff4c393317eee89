import type { Executor } from '../../db/index.js';
import * as repo from './repo.js';

const DEMO = '（示範資料：字號與內容為示範用，非真實公文。）';

const PROCEDURES: { code: string; text: repo.ProcedureText }[] = [
  {
    code: 'birth',
    text: {
      title: '出生登記作業程序',
      steps: '1. 核對申請人身分（父、母或其他法定申請人）及出生證明書。\n2. 確認父母已約定子女姓氏；未約定者請填寫約定書。\n3. 確認子女姓名用字符合「戶籍資料之姓名用字」。\n4. 登打出生登記，列印戶籍登記申請書請申請人核章。\n5. 初設戶籍者同時辦理國民身分證或戶口名簿。',
      checks: '- 出生證明書之出生日期、出生地與申請書一致\n- 逾 60 日申請者依戶籍法第79條處罰鍰',
      mistakes: '- 漏問姓氏約定，事後須辦理姓氏變更\n- 名字使用罕用字未先造字',
      basis: '戶籍法第6條、第29條、第48條；民法第1059條',
    },
  },
  {
    code: 'death',
    text: {
      title: '死亡登記作業程序',
      steps: '1. 收取死亡證明書或相驗屍體證明書。\n2. 核對申請人身分（配偶、親屬、戶長等）。\n3. 辦理死亡登記並收繳死者國民身分證。\n4. 提醒申請人跨機關通報之範圍（稅務、勞健保）。',
      checks: '- 死亡日期與證明書相符\n- 死者身分證已收繳或註記遺失',
      mistakes: '- 未收繳死者身分證',
      basis: '戶籍法第14條、第36條、第48條',
    },
  },
  {
    code: 'marriage',
    text: {
      title: '結婚登記作業程序',
      steps: '1. 雙方當事人親自到場，核對身分證明文件。\n2. 審查結婚書約：兩位證人簽名、雙方簽章。\n3. 確認有無約定冠姓、住址異動。\n4. 登記後換發國民身分證（配偶欄）。',
      checks: '- 證人二人以上簽名\n- 外籍配偶須附經驗證之婚姻狀況證明及居留證件',
      mistakes: '- 書約證人僅一人\n- 未確認是否冠姓',
      basis: '民法第982條；戶籍法第9條、第33條',
    },
  },
  {
    code: 'move-in',
    text: {
      title: '遷入登記作業程序',
      steps: '1. 核對申請人身分及遷入地址之證明（房屋所有權狀、租賃契約或戶長同意）。\n2. 確認遷出地已辦理或同時辦理遷出。\n3. 辦理遷入登記並換發戶口名簿。',
      checks: '- 遷入他人戶內者須戶長同意\n- 遷徙 30 日內申請',
      mistakes: '- 未查核門牌是否存在',
      basis: '戶籍法第17條、第42條、第48條',
    },
  },
  {
    code: 'transcript',
    text: {
      title: '戶籍謄本核發作業程序',
      steps: '1. 確認申請人身分：本人、戶內人口或利害關係人。\n2. 利害關係人須提出利害關係證明文件，僅核發記事欄簡化之謄本。\n3. 收取規費後列印，加蓋騎縫章。',
      checks: '- 代理人須委託書及雙方身分證明\n- 利害關係人之文件足以證明利害關係',
      mistakes: '- 核發完整記事之謄本予利害關係人',
      basis: '戶籍法第65條；申請戶籍謄本及閱覽戶籍登記資料處理原則',
    },
  },
];

const RULINGS: repo.RulingText[] = [
  { number: '內授中戶字第1140900001號', issuedOn: '2025-02-14', issuer: '內政部', subject: '出生登記子女姓氏約定之書面格式', body: `父母於子女出生登記前未能約定姓氏者，戶政事務所應以抽籤決定之；約定書得於戶政事務所當場填寫。${DEMO}`, tags: ['出生登記', '姓氏'], links: ['birth'] },
  { number: '內授中戶字第1140900002號', issuedOn: '2025-03-05', issuer: '內政部', subject: '遷出國外兩年逕為遷出登記之計算', body: `出境滿二年者，戶政事務所逕為遷出登記；期間之計算自最後一次出境之翌日起算。${DEMO}`, tags: ['遷出國外', '逕遷'], links: ['move-in'] },
  { number: '台內戶字第1140900003號', issuedOn: '2025-04-21', issuer: '內政部戶政司', subject: '戶籍謄本利害關係人之認定', body: `利害關係人申請戶籍謄本，應提出法院裁判、債權憑證等足以證明利害關係之文件，核發記事欄簡化之謄本。${DEMO}`, tags: ['戶籍謄本', '利害關係人'], links: ['transcript'] },
  { number: '內授中戶字第1140900004號', issuedOn: '2025-05-30', issuer: '內政部', subject: '外籍配偶居留證於結婚登記之查驗', body: `外籍配偶辦理結婚登記，應查驗其外僑居留證或護照；已持居留證者，登記時記載居留證統一證號。${DEMO}`, tags: ['結婚登記', '外籍配偶', '居留證'], links: ['marriage'] },
  { number: '內授中戶字第1140900005號', issuedOn: '2025-07-08', issuer: '內政部', subject: '原住民傳統名字並列羅馬拼音', body: `原住民申請回復傳統名字，得以傳統名字之羅馬拼音與漢字並列登記，國民身分證併列記載。${DEMO}`, tags: ['原住民', '姓名'], links: ['name-change'] },
  { number: '府民戶字第1140900006號', issuedOn: '2025-08-18', issuer: '新竹縣政府', subject: '本縣戶政事務所假日結婚登記服務', body: `為便民，本縣各戶政事務所得於特定吉日假日開辦結婚登記，須事先預約。${DEMO}`, tags: ['結婚登記', '便民服務'], links: ['marriage'] },
  { number: '台內戶字第1140900007號', issuedOn: '2025-09-26', issuer: '內政部戶政司', subject: '死亡登記由殯葬業者代為申請之委託', body: `殯葬業者受家屬委託辦理死亡登記，應附委託書及受託人身分證明；死者身分證應一併繳回。${DEMO}`, tags: ['死亡登記', '委託'], links: ['death'] },
  { number: '內授中戶字第1140900008號', issuedOn: '2025-11-03', issuer: '內政部', subject: '身分證遺失補領與戶籍謄本代替身分證明之限制', body: `國民身分證遺失期間，申請人得以護照或駕照證明身分；不得僅以戶籍謄本代替身分證明辦理登記。${DEMO}`, tags: ['國民身分證', '身分證明'], links: ['id-card', 'transcript'] },
];

/** The demo county's manual: five procedures (revision 1) and eight rulings, all marked 示範. */
export async function seedManual(trx: Executor, now: Date): Promise<void> {
  const at = now.toISOString();
  for (const p of PROCEDURES) {
    const id = await repo.insertProcedure(trx, { officeId: null, code: p.code, at, ...p.text });
    await repo.insertProcedureRev(trx, id, 1, p.text, null, at);
  }
  for (const r of RULINGS) {
    const id = await repo.insertRuling(trx, r, null, at);
    await repo.insertRulingRev(trx, id, 1, r, null, at);
  }
}
