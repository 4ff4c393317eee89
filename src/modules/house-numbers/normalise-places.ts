/**
 * Taiwan's 22 counties and cities and their 368 towns (鄉鎮市區), as the
 * Ministry of the Interior names them since the 2014 reorganisation, for the
 * address reader: it must know that 「竹北」 in 「竹北光明六路」 is a town
 * written without its 市 and that 「中山」 in 「中山北路」 is not. Village
 * names (some 7,700) are not listed: the reader knows them by their 村/里.
 */
export interface County {
  name: string;
  /** names before the 2010/2014 mergers that people still write */
  oldNames: string[];
  towns: string[];
}

/**
 * [county, suffix, towns]: a municipality's towns are all 區; a county's are
 * 鄉 unless written with their own 市 or 鎮.
 */
const LIST: [string, string, string, string[]?][] = [
  ['臺北市', '區', '松山 信義 大安 中山 中正 大同 萬華 文山 南港 內湖 士林 北投'],
  ['新北市', '區', '板橋 三重 中和 永和 新莊 新店 樹林 鶯歌 三峽 淡水 汐止 瑞芳 土城 蘆洲 五股 泰山 林口 深坑 石碇 坪林 三芝 石門 八里 平溪 雙溪 貢寮 金山 萬里 烏來', ['臺北縣']],
  ['桃園市', '區', '桃園 中壢 大溪 楊梅 蘆竹 大園 龜山 八德 龍潭 平鎮 新屋 觀音 復興', ['桃園縣']],
  ['臺中市', '區', '中 東 南 西 北 西屯 南屯 北屯 豐原 東勢 大甲 清水 沙鹿 梧棲 后里 神岡 潭子 大雅 新社 石岡 外埔 大安 烏日 大肚 龍井 霧峰 太平 大里 和平', ['臺中縣']],
  ['臺南市', '區', '新營 鹽水 白河 柳營 後壁 東山 麻豆 下營 六甲 官田 大內 佳里 學甲 西港 七股 將軍 北門 新化 善化 新市 安定 山上 玉井 楠西 南化 左鎮 仁德 歸仁 關廟 龍崎 永康 東 南 北 安南 安平 中西', ['臺南縣']],
  ['高雄市', '區', '鹽埕 鼓山 左營 楠梓 三民 新興 前金 苓雅 前鎮 旗津 小港 鳳山 林園 大寮 大樹 大社 仁武 鳥松 岡山 橋頭 燕巢 田寮 阿蓮 路竹 湖內 茄萣 永安 彌陀 梓官 旗山 美濃 六龜 甲仙 杉林 內門 茂林 桃源 那瑪夏', ['高雄縣']],
  ['基隆市', '區', '中正 七堵 暖暖 仁愛 中山 安樂 信義'],
  ['新竹市', '區', '東 北 香山'],
  ['嘉義市', '區', '東 西'],
  ['新竹縣', '鄉', '竹北市 竹東鎮 新埔鎮 關西鎮 湖口 新豐 芎林 橫山 北埔 寶山 峨眉 尖石 五峰'],
  ['苗栗縣', '鄉', '苗栗市 頭份市 苑裡鎮 通霄鎮 竹南鎮 後龍鎮 卓蘭鎮 大湖 公館 銅鑼 南庄 頭屋 三義 西湖 造橋 三灣 獅潭 泰安'],
  ['彰化縣', '鄉', '彰化市 員林市 鹿港鎮 和美鎮 北斗鎮 溪湖鎮 田中鎮 二林鎮 線西 伸港 福興 秀水 花壇 芬園 大村 埔鹽 埔心 永靖 社頭 二水 田尾 埤頭 芳苑 大城 竹塘 溪州'],
  ['南投縣', '鄉', '南投市 埔里鎮 草屯鎮 竹山鎮 集集鎮 名間 鹿谷 中寮 魚池 國姓 水里 信義 仁愛'],
  ['雲林縣', '鄉', '斗六市 斗南鎮 虎尾鎮 西螺鎮 土庫鎮 北港鎮 古坑 大埤 莿桐 林內 二崙 崙背 麥寮 東勢 褒忠 臺西 元長 四湖 口湖 水林'],
  ['嘉義縣', '鄉', '太保市 朴子市 布袋鎮 大林鎮 民雄 溪口 新港 六腳 東石 義竹 鹿草 水上 中埔 竹崎 梅山 番路 大埔 阿里山'],
  ['屏東縣', '鄉', '屏東市 潮州鎮 東港鎮 恆春鎮 萬丹 長治 麟洛 九如 里港 鹽埔 高樹 萬巒 內埔 竹田 新埤 枋寮 新園 崁頂 林邊 南州 佳冬 琉球 車城 滿州 枋山 三地門 霧臺 瑪家 泰武 來義 春日 獅子 牡丹'],
  ['宜蘭縣', '鄉', '宜蘭市 羅東鎮 蘇澳鎮 頭城鎮 礁溪 壯圍 員山 冬山 五結 三星 大同 南澳'],
  ['花蓮縣', '鄉', '花蓮市 鳳林鎮 玉里鎮 新城 吉安 壽豐 光復 豐濱 瑞穗 富里 秀林 萬榮 卓溪'],
  ['臺東縣', '鄉', '臺東市 成功鎮 關山鎮 卑南 鹿野 池上 東河 長濱 太麻里 大武 綠島 海端 延平 金峰 達仁 蘭嶼'],
  ['澎湖縣', '鄉', '馬公市 湖西 白沙 西嶼 望安 七美'],
  ['金門縣', '鄉', '金城鎮 金湖鎮 金沙鎮 金寧 烈嶼 烏坵'],
  ['連江縣', '鄉', '南竿 北竿 莒光 東引'],
];

const townName = (written: string, suffix: string) => (suffix === '鄉' && /[市鎮]$/.test(written) ? written : written + suffix);

export const COUNTIES: readonly County[] = LIST.map(([name, suffix, towns, oldNames]) => ({
  name,
  oldNames: oldNames ?? [],
  towns: towns.split(' ').map((t) => townName(t, suffix)),
}));

/** Every town's full name → the counties that have a town so named (中正區: 臺北市, 基隆市). */
export const TOWN_COUNTIES = new Map<string, County[]>();
/** A town's name without its suffix → its full names (信義 → 信義區, 信義鄉). */
export const TOWNS_BY_BARE = new Map<string, string[]>();
for (const c of COUNTIES) {
  for (const t of c.towns) {
    TOWN_COUNTIES.set(t, [...(TOWN_COUNTIES.get(t) ?? []), c]);
    const bare = t.slice(0, -1);
    const named = TOWNS_BY_BARE.get(bare) ?? [];
    if (!named.includes(t)) TOWNS_BY_BARE.set(bare, [...named, t]);
  }
}
