import type { Executor } from '../db/index.js';
import { addDays, type IsoDate } from '../platform/calendar/index.js';
import { recordAudit } from '../platform/audit/index.js';
import { chance, intBetween, pick, type Rng, weighted } from './activity-random.js';
import { type ExtrasCtx, type ExtrasOffice, monthsOf, rngOf, taipeiAt, workingDays } from './history-extras-context.js';

/**
 * The media log (輿情紀錄): what was said about the office in the press and
 * on social media, the facts, and the clarification issued. A rumour is
 * clarified within three days, most the same or the next day; a fair report
 * needs none and keeps an empty clarification. Zhubei meets one or two items
 * a month, Jianshi a handful in the whole period. The page records an item
 * once, with its clarification, so the row is written on the day it was
 * clarified (or seen, when there was nothing to clarify).
 */
interface Topic {
  source: string;
  title: string;
  facts: string;
  /** null: a fair report, nothing to clarify */
  clarification: string | null;
}

const ZHUBEI: Topic[] = [
  { source: 'LINE 群組轉傳', title: '網傳「新式數位身分證下月起強制換發，未換者罰款」', facts: '內政部尚未公布新式數位身分證換發期程，亦無未換發即處罰之規定。', clarification: '於本所網站及臉書粉絲專頁發布澄清：現行國民身分證繼續有效，換發時程以內政部公告為準，請勿轉傳不實訊息。' },
  { source: '臉書社團「竹北大小事」', title: '民眾貼文抱怨戶政事務所排隊等候超過兩小時', facts: '當日上午戶役政系統連線中斷約 40 分鐘，現場候位人數累積；系統恢復後加開櫃台消化。', clarification: '於社團回覆說明系統中斷原因並致歉，並說明可先網路預約、於網站查看即時叫號。' },
  { source: '臉書社團「竹北大小事」', title: '貼文稱「辦理結婚登記要先繳一千元」', facts: '結婚登記免收規費；貼文者係將婚紗業者代辦費用誤認為規費。', clarification: '於社團及粉絲專頁說明結婚登記免規費，僅申請新式戶口名簿等證件時依規定收費。' },
  { source: '自由時報地方版', title: '報導指竹北戶所停車位不足，洽公民眾違停', facts: '本所停車位 12 格，尖峰時段確有不足；鄰近光明公園地下停車場步行約三分鐘。', clarification: '函復報社並於網站交通資訊加註鄰近公有停車場，另函請市公所研議增設臨停格。' },
  { source: 'Threads 貼文', title: '網傳「外籍配偶歸化新制不用再考基本語言能力」', facts: '歸化基本語言能力及國民權利義務測試規定未修正，仍須參加測試或上課時數證明。', clarification: '於粉絲專頁發布中、英、越、印尼文澄清圖卡，並請新住民服務站協助轉知。' },
  { source: 'LINE 群組轉傳', title: '詐騙簡訊冒用戶政名義稱「您的戶籍遭遷出，請點連結處理」', facts: '戶政機關不會以簡訊要求民眾點選連結或提供身分證資料。', clarification: '於網站跑馬燈及粉絲專頁發布防詐提醒，並通報刑事警察局 165 專線。' },
  { source: 'Google 地圖評論', title: '一星評論指櫃台人員態度不佳、未說明補件原因', facts: '經調閱當日紀錄並訪談承辦人，申請人缺少委託書，承辦人說明較簡略。', clarification: '主任致電當事人說明應備文件並致歉，評論下方公開回覆，並將補件說明列入當月教育訓練。' },
  { source: 'PTT 新竹板', title: '貼文稱「出生登記逾期要罰三萬元」', facts: '出生登記應於出生後 60 日內辦理，逾期罰鍰為新臺幣 300 元以上 900 元以下。', clarification: '於網站常見問答及粉絲專頁更正說明罰鍰額度，並提醒可網路預約。' },
  { source: '地方有線電視新聞', title: '報導指門牌整編後民眾須自行至各機關變更地址', facts: '門牌整編後，戶政事務所主動換發門牌證明並通報監理、稅務等機關，民眾無須逐一申辦。', clarification: '提供新聞台補充說明並於網站公告整編後的免費服務項目。' },
  { source: '臉書社團「竹北大小事」', title: '貼文詢問「身分證掛失是不是要收費」引發討論', facts: '國民身分證線上掛失免費，補領規費新臺幣 200 元。', clarification: '於社團回覆掛失及補領流程並附本所網站掛失網址。' },
  { source: 'LINE 群組轉傳', title: '網傳「戶口名簿明年起廢除，全面改用手機條碼」', facts: '戶口名簿仍為法定證件，無廢除計畫。', clarification: '於粉絲專頁發布澄清，說明戶口名簿持續有效，請民眾妥善保管。' },
  { source: 'Dcard', title: '貼文稱死亡登記要在七天內辦完不然會被罰', facts: '死亡登記應於死亡後 30 日內申請；本所並提供生命禮儀業者代辦說明。', clarification: '於網站常見問答補充死亡登記期限及應備文件，並於 Dcard 原文下方回覆。' },
  { source: '聯合報地方版', title: '報導指竹北人口成長快，戶所夜間服務一位難求', facts: '週三夜間延時服務平均候位 35 分鐘，高於日間。', clarification: '函復報社說明夜間服務已自下月起加開一櫃台，並鼓勵民眾網路預約夜間時段。' },
  { source: 'Threads 貼文', title: '網傳「申請戶籍謄本一定要本人到場」', facts: '委託他人申請戶籍謄本者，受託人攜帶委託書及雙方身分證件即可辦理。', clarification: '於粉絲專頁說明委託申請方式，並提供委託書下載連結。' },
  { source: '臉書社團「竹北大小事」', title: '貼文稱戶所網站預約系統故障，無法預約', facts: '當日晚間系統維護約一小時，已於網站公告；維護結束後恢復正常。', clarification: '於社團回覆維護時段及恢復時間，並將維護公告提前至前一日發布。' },
  { source: 'YouTube 影片留言', title: '影片宣稱「改名次數沒有限制，隨時可改」', facts: '依姓名條例，改名以三次為限，特殊情形另有規定。', clarification: '於粉絲專頁發布改名規定說明圖卡，並於影片留言處回覆正確資訊。' },
  { source: 'LINE 群組轉傳', title: '網傳「自然人憑證到期後要重新排隊等一個月」', facts: '自然人憑證可於到期前後至任一戶政事務所或線上展期，現場隨到隨辦。', clarification: '於網站最新消息說明憑證展期方式並更新常見問答。' },
  { source: '臉書社團「新竹縣新住民交流」', title: '貼文稱新住民到戶所辦事沒有通譯協助', facts: '本所設有新住民服務窗口，並可預約越南語、印尼語通譯。', clarification: '於社團以中文及越南語回覆通譯預約方式，並請新住民服務站協助轉知。' },
];

/** Fair reports: entered in the log, nothing to clarify. */
const ZHUBEI_FAIR: Topic[] = [
  { source: '聯合報地方版', title: '報導竹北戶所推出週三夜間延時服務', facts: '報導內容與本所公告一致，無不實之處。', clarification: null },
  { source: '中央社', title: '報導新竹縣結婚登記熱門日戶所加開服務', facts: '報導引用本所公告之加開時段及預約方式，內容正確。', clarification: null },
];

const JIANSHI: Topic[] = [
  { source: '臉書社團「尖石鄉親」', title: '貼文稱山上戶所只開到中午', facts: '本所週一至週五 8 時至 17 時正常上班；當日因颱風停止上班，已依縣府公告停止服務。', clarification: '於社團回覆服務時間及停班公告查詢方式。' },
  { source: 'LINE 群組轉傳', title: '網傳「原住民回復傳統名字要收費」', facts: '回復傳統名字免收規費，並可並列羅馬拼音。', clarification: '請村幹事於部落群組轉知正確資訊，並於網站常見問答說明。' },
  { source: '原住民族電視台', title: '報導後山部落長者換證不便', facts: '後山部落距本所車程逾一小時，長者換證確有不便。', clarification: '說明本所每月巡迴服務及到宅服務預約方式，並安排下月巡迴至秀巒村。' },
  { source: '臉書社團「尖石鄉親」', title: '貼文稱戶所電話都打不通', facts: '當日上午電話線路故障約兩小時，已請電信業者修復。', clarification: '於社團回覆故障原因及已修復，並提供備用聯絡電話。' },
  { source: 'LINE 群組轉傳', title: '網傳「部落族人身分證要全部重換」', facts: '無全面換發之規定，現行身分證繼續有效。', clarification: '請村長及村幹事於部落群組轉知澄清訊息。' },
];

/** Which months have how many items: Zhubei one or two, Jianshi now and then. */
const PER_MONTH: Record<ExtrasOffice['code'], (rng: Rng) => number> = {
  zhubei: (rng) => (chance(rng, 0.35) ? 2 : 1),
  jianshi: (rng) => (chance(rng, 0.3) ? 1 : 0),
};

/**
 * Zhubei's two fair reports come third and eleventh; the rumours follow in
 * a shuffled order, none again before all have come (then, as rumours do,
 * they go round once more).
 */
function topicsOf(office: ExtrasOffice, count: number): Topic[] {
  const pool = office.code === 'zhubei' ? ZHUBEI : JIANSHI;
  const rng = rngOf('media-order', office.code);
  const order: Topic[] = [];
  const out: Topic[] = [];
  for (let i = 0; i < count; i++) {
    const fair = office.code === 'zhubei' ? (i === 2 ? ZHUBEI_FAIR[0] : i === 10 ? ZHUBEI_FAIR[1] : undefined) : undefined;
    if (!fair && order.length === 0) order.push(...pool.map((t) => ({ t, k: rng() })).sort((a, b) => a.k - b.k).map((x) => x.t));
    out.push(fair ?? order.shift()!);
  }
  return out;
}

export async function seedMediaLog(trx: Executor, c: ExtrasCtx, office: ExtrasOffice): Promise<void> {
  const done = await trx.selectFrom('media_log').select('id').where('office_id', '=', office.id).limit(1).executeTakeFirst();
  if (done) return;
  const seen: IsoDate[] = [];
  for (const month of monthsOf(c.from, c.to)) {
    const rng = rngOf('media', office.code, month);
    const n = PER_MONTH[office.code](rng);
    // noticed on a working day by the 25th: a clarification three days on stays in the month
    const days = workingDays(c, office, month, 1, 25);
    if (days.length > 0) seen.push(...Array.from({ length: n }, () => pick(rng, days)).sort());
  }
  const topics = topicsOf(office, seen.length);
  for (const [i, t] of topics.entries()) {
    const seenOn = seen[i]!;
    const rng = rngOf('media-item', office.code, seenOn, i);
    // issued on a working day within three days, most the same day or the next, and never after the history's last day
    const within = [0, 1, 2, 3].filter((d) => office.cal.isWorkingDay(addDays(seenOn, d)) && addDays(seenOn, d) <= c.to).map((d) => [d, [30, 35, 20, 15][d]!] as const);
    const clarifiedOn = t.clarification !== null && within.length > 0 ? addDays(seenOn, weighted(rng, within)) : null;
    const createdAt = taipeiAt(clarifiedOn ?? seenOn, 15 * 60 + intBetween(rng, 0, 110));
    await trx
      .insertInto('media_log')
      .values({ office_id: office.id, seen_on: seenOn, source: t.source, title: t.title, url: null, facts: t.facts, clarification: clarifiedOn ? t.clarification : null, clarified_on: clarifiedOn, created_by: office.clerk.id, created_at: createdAt.toISOString() })
      .execute();
    await recordAudit(trx, { actor: office.clerk, action: 'petition.media_add', officeId: office.id, detail: { title: t.title }, ip: null }, createdAt);
  }
}
