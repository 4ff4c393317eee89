import type { Migration } from './helpers.js';

/**
 * The starting list of everyday words citizens type for the terms the pages
 * use (issue 21), drawn from how household registration offices' FAQs put
 * the questions people ask at the counter and on the phone. One line each,
 * `everyday, words => official, terms`: one way only, so 搬家 finds 遷入 but
 * 遷入 does not bring every 搬家 page. Editors keep them beside the synonyms
 * on /staff/content/search and may change or delete any line; this only
 * adds the list where it is not there yet.
 */
export const STARTING_VOCABULARY: readonly string[] = [
  // moving
  '搬家, 搬新家, 搬過去, 換住的地方, 搬進來, 租房子 => 遷入, 遷出, 住址變更',
  '搬出去, 搬走, 搬離, 移出 => 遷出',
  '出國定居, 移民, 住國外, 出國很久, 出國兩年 => 遷出國外',
  '改地址, 換地址, 地址改了, 地址變了, 住址改了, 同一區搬家 => 住址變更',
  '遷戶口, 遷戶籍, 戶口遷移, 戶籍遷移, 轉戶口, 入戶, 戶口遷過去, 掛戶口 => 遷入',
  // births, deaths, marriages
  '生小孩, 生孩子, 生寶寶, 剛出生, 寶寶出生, 小孩出生, 嬰兒, 新生寶寶 => 出生登記',
  '小孩姓氏, 從母姓, 跟媽媽姓, 跟爸爸姓 => 子女姓氏',
  '過世, 往生, 去世, 逝世, 身故, 亡故, 病逝, 家人走了, 除戶 => 死亡登記',
  '娶老婆, 嫁人, 領證, 公證結婚, 登記結婚, 結婚證書, 婚姻登記, 辦結婚 => 結婚登記',
  '協議離婚, 辦離婚, 離婚手續, 離婚證書, 判決離婚 => 兩願離婚, 離婚',
  // the ID card and the household book
  '掉了, 弄丟, 丟了, 不見了, 搞丟, 遺漏了, 被偷, 遭竊, 找不到 => 遺失, 掛失, 補領',
  '補辦, 補發, 再辦一張 => 補領',
  '換新, 換身分證, 身分證換新, 身分證破損, 身分證壞了, 身分證過期, 換照片, 換新證 => 換領, 國民身分證',
  '第一次辦, 滿十四歲, 滿14歲, 十四歲, 國中生身分證 => 初領, 國民身分證',
  '身分證字號, 身分證明, 辦證件 => 國民身分證',
  '戶口本, 戶口簿, 戶籍本, 戶口名冊 => 戶口名簿',
  // transcripts and certificates
  '戶籍資料, 戶口資料, 戶籍證明, 戶口證明, 戶籍影本, 全戶謄本, 個人謄本, 部分謄本, 電子謄本, 除戶謄本, 親屬關係證明, 繼承用 => 戶籍謄本',
  '單身證明, 未婚證明, 婚姻狀況證明 => 戶籍謄本, 英文戶籍謄本',
  '英文版謄本, 英文證明, 英文戶口, 出國用謄本, 英文版 => 英文戶籍謄本',
  '印章證明, 大小章, 賣房子, 過戶, 貸款用 => 印鑑證明',
  '登記印章, 印章登記, 換印章, 印章不見 => 印鑑登記',
  // house numbers
  '地址證明, 住址證明, 門牌號碼證明 => 門牌證明',
  '新房子, 新屋, 新建房屋, 蓋房子, 釘門牌, 申請門牌, 要門牌 => 門牌初編',
  '門牌改了, 地址改編, 門牌改號, 路名改了, 門牌換了 => 門牌整編',
  '查地址, 哪一里, 哪個里, 里別, 鄰里 => 門牌查詢',
  // new immigrants
  '外配, 外籍新娘, 外籍老婆, 外籍太太, 外籍老公, 新移民, 東南亞配偶 => 外籍配偶, 歸化',
  '陸配, 中配, 大陸新娘, 大陸太太, 大陸配偶 => 初設戶籍, 定居證',
  '入籍台灣, 入籍臺灣, 入籍, 拿台灣身分證, 變成台灣人, 申請國籍, 取得國籍 => 歸化',
  '回國定居, 華僑, 僑民, 無戶籍, 第一次設籍 => 初設戶籍',
  '原住民名字, 族名, 傳統姓名, 恢復族名, 羅馬拼音 => 傳統名字',
  // names
  '改名字, 換名字, 改姓, 換姓, 改姓名, 取新名字, 名字不好 => 姓名變更',
  // proxies, fines, fees
  '找人代辦, 代辦, 代理人, 幫家人辦, 幫爸媽辦, 幫小孩辦, 請人辦, 授權書, 代理, 別人幫我辦 => 委託書',
  '罰款, 罰金, 罰錢, 逾期, 過期沒辦, 遲報, 晚報, 太晚辦, 被罰 => 罰鍰',
  '手續費, 工本費, 價目表, 收費標準 => 規費',
  // queue and booking
  '排隊, 號碼牌, 抽號碼, 抽號, 拿號碼, 領號碼 => 取號',
  '等多久, 人多嗎, 現在幾號, 排隊人數, 要等很久 => 現場等候',
  '預約時間, 先約, 線上預約, 掛號, 約時間 => 網路預約',
  '晚上有開, 晚上辦, 下班後, 加班服務, 禮拜三晚上, 星期三晚上 => 延長服務, 夜間',
  '假日結婚, 週六結婚, 好日子結婚 => 加開結婚登記',
  // follow-up and voice
  '進度, 辦好了沒, 辦到哪, 查進度, 好了沒 => 案件進度',
  '投訴, 抱怨, 客訴, 申訴, 檢舉, 寫信給主任, 意見 => 陳情, 主任信箱',
  '問卷, 評分, 打分數, 服務評價 => 滿意度調查',
  '表格, 空白表格, 表單, 下載表格, 申請表 => 書表下載, 申請書',
  '人口數, 多少人, 戶數, 人口資料 => 人口統計',
  // English, as foreign spouses ask
  'move house, moving house, relocate, relocation, new address, moved => moving in, change of address',
  'lost, missing, stolen => lost, replacement',
  'passed away, died, deceased => death registration',
  'baby, newborn, had a baby, new baby => birth registration',
  'married, wedding, get married, marry => marriage registration',
  'divorced => divorce',
  'identity card, taiwan id => id card',
  'household register, household record, household registration certificate => household registration transcript',
  'foreign spouse, foreign wife, foreign husband, citizenship => naturalisation',
  'proxy, on behalf, someone else => letter of authorisation',
  'late fine, penalty, fine => fines',
  'chop, stamp, seal certificate => seal',
  'address certificate, address proof => house-number certificate',
  'appointment, reservation => book',
  'complaint => mailbox',
  'rename, new name => change of name',
];

export const m0030: Migration = {
  async up(ctx) {
    const at = new Date().toISOString();
    const have = new Set((await ctx.db.selectFrom('search_synonym').select('terms').execute()).map((r) => r.terms));
    const rows = STARTING_VOCABULARY.filter((terms) => !have.has(terms)).map((terms) => ({ terms, updated_at: at }));
    if (rows.length) await ctx.db.insertInto('search_synonym').values(rows).execute();
  },
};
