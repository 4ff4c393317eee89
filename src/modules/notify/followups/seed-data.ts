/**
 * The county's after-event lists as Hsinchu County's offices hand them out
 * (辦理死亡登記身後事一覽表, 變更姓名後更改相關資料一覽表 and the lists for
 * births, marriages and moves). A deadline in days is given only where a
 * law sets one; a period in months is the shortest number of days it can
 * span (3 months: 89, 6 months: 181), so the date shown is never later than
 * the legal end, and the note names the period and the article. Where the
 * rule is the agency's own, the note says so instead of giving a number.
 */
export interface SeedItem {
  kind: 'todo' | 'benefit';
  title: [string, string];
  place: [string, string];
  days: number | null;
  note: [string, string];
  link: string | null;
}

const AGENCY_RULES: [string, string] = ['申請資格、金額與期限依主管機關公告', 'Eligibility, amount and deadline as the competent authority announces'];
const AGENCY_DEADLINE: [string, string] = ['辦理期限依主管機關規定', 'Deadline as the competent authority sets'];
const NONE: [string, string] = ['', ''];

const LINK = {
  etax: 'https://www.etax.nat.gov.tw',
  bli: 'https://www.bli.gov.tw',
  nhi: 'https://www.nhi.gov.tw',
  lia: 'https://www.lia-roc.org.tw',
  mvdis: 'https://www.mvdis.gov.tw',
  hsinchu: 'https://www.hsinchu.gov.tw',
  judicial: 'https://www.judicial.gov.tw',
  cdc: 'https://www.cdc.gov.tw',
  boca: 'https://www.boca.gov.tw',
  moica: 'https://moica.nat.gov.tw',
  cec: 'https://www.cec.gov.tw',
  sfaa: 'https://www.sfaa.gov.tw',
} as const;

const todo = (title: [string, string], place: [string, string], note: [string, string] = NONE, link: string | null = null, days: number | null = null): SeedItem => ({ kind: 'todo', title, place, days, note, link });
const benefit = (title: [string, string], place: [string, string], note: [string, string] = AGENCY_RULES, link: string | null = null, days: number | null = null): SeedItem => ({ kind: 'benefit', title, place, days, note, link });

const NTB: [string, string] = ['財政部北區國稅局所屬分局、稽徵所（或任一國稅局）', 'National Taxation Bureau of the Northern Area, any branch (or any national tax bureau)'];
const BLI: [string, string] = ['勞動部勞工保險局', 'Bureau of Labor Insurance, Ministry of Labor'];
const LAND: [string, string] = ['不動產所在地之地政事務所', 'The land office where the property is'];
const MOTOR: [string, string] = ['監理所、站（部分項目可於監理服務網線上辦理）', 'Motor vehicles office or station (some items online at the MVDIS site)'];
const TAX_HSINCHU: [string, string] = ['新竹縣政府稅務局', 'Local Tax Bureau, Hsinchu County Government'];
const HR_OFFICE: [string, string] = ['戶政事務所', 'Household registration office'];
const UTILITIES: [string, string] = ['自來水、電力、電信、瓦斯等事業單位', 'Water, power, telephone and gas companies'];
const BANKS: [string, string] = ['各金融機構、保險公司', 'Each bank, post office and insurer'];
const TOWNSHIP: [string, string] = ['戶籍地鄉（鎮、市）公所', 'Township or city office where the household is registered'];
const LIMIT_LABOR: [string, string] = ['請領權利自得請領之日起 5 年間不行使而消滅（勞工保險條例第30條）', 'The right lapses 5 years after it arises (Labor Insurance Act, art. 30)'];

const DEATH: SeedItem[] = [
  todo(['在世配偶換領國民身分證（配偶欄）', 'Surviving spouse: new ID card (spouse entry)'], ['戶政事務所（辦理死亡登記時可一併辦理）', 'Household registration office (can be done with the death registration)']),
  todo(['申請除戶戶籍謄本', 'Transcripts of the closed household record'], ['任一戶政事務所', 'Any household registration office'], ['保險理賠、遺產稅申報、繼承登記都會用到，可視需要多申請幾份', 'Needed for insurance claims, estate tax and inheritance registration: ask for enough copies']),
  todo(
    ['拋棄繼承（如有需要）', 'Renouncing the inheritance (if you choose to)'],
    ['被繼承人住所地之地方法院家事法庭', 'Family court of the district court where the deceased lived'],
    ['知悉得繼承之時起 3 個月內，以書面向法院為之（民法第1174條）', 'In writing to the court within 3 months of learning of the right to inherit (Civil Code, art. 1174)'],
    LINK.judicial,
    89,
  ),
  todo(
    ['查詢被繼承人財產、所得及金融遺產', 'Finding the estate: property, income and financial assets of the deceased'],
    NTB,
    ['存款、基金、股票、人身保險等金融遺產可由單一窗口一次查詢', 'Deposits, funds, shares, life insurance and more can be searched in one request'],
    LINK.etax,
  ),
  todo(
    ['死亡除戶後保險查詢', 'Finding life insurance policies after the death'],
    ['中華民國人壽保險商業同業公會', 'Life Insurance Association of the Republic of China'],
    ['可查詢往生者生前投保的人壽保險；理賠依各保險公司規定申請', 'Finds life policies of the deceased; claim from each insurer under its rules'],
    LINK.lia,
  ),
  todo(
    ['遺產稅申報', 'Estate tax return'],
    NTB,
    ['被繼承人死亡之日起 6 個月內（遺產及贈與稅法第23條）；遺產未達免稅額也要申報，才能取得免稅證明辦理繼承', 'Within 6 months of the death (Estate and Gift Tax Act, art. 23); file even below the exemption, to get the certificate inheritance needs'],
    LINK.etax,
    181,
  ),
  todo(
    ['不動產繼承登記', 'Registering inherited land and buildings'],
    LAND,
    ['繼承開始之日起 6 個月內（土地法第73條）；逾期每逾 1 個月處應納登記費 1 倍罰鍰，最高 20 倍', 'Within 6 months of the death (Land Act, art. 73); late filing is fined one registration fee per month late, up to 20'],
    null,
    181,
  ),
  todo(['房屋稅納稅義務人名義變更、地價稅自用住宅用地申請', 'House tax: change of taxpayer; land value tax: owner-occupied rate'], TAX_HSINCHU, ['繼承登記後辦理，依稅務局規定', 'After the inheritance is registered, under the bureau’s rules']),
  todo(['汽機車繼承過戶、報廢或繳銷牌照', 'Vehicles: transfer to an heir, scrap, or return the plates'], MOTOR, AGENCY_DEADLINE, LINK.mvdis),
  todo(['存款、股票等金融資產繼承', 'Inheriting deposits, shares and other financial assets'], BANKS, ['檢附遺產稅完稅或免稅證明等文件，依各機構規定辦理', 'With the estate tax clearance or exemption certificate, under each institution’s rules']),
  todo(['水、電、電信、瓦斯過戶或終止', 'Water, power, telephone, gas: transfer or end the account'], UTILITIES),
  todo(
    ['全民健康保險退保', 'Leaving national health insurance'],
    ['衛生福利部中央健康保險署（依戶政死亡登記資料辦理，不需另行申請）', 'National Health Insurance Administration (done from the death registration: no application needed)'],
    ['依附往生者投保的眷屬，請改依附其他家人或自行投保', 'Dependants insured under the deceased must move to another family member’s cover or insure themselves'],
    LINK.nhi,
  ),
  benefit(['勞工保險死亡給付（喪葬津貼、遺屬年金或遺屬津貼）', 'Labor insurance death benefits (funeral allowance, survivors’ pension or lump sum)'], BLI, LIMIT_LABOR, LINK.bli),
  benefit(['勞工保險家屬死亡給付（喪葬津貼）', 'Labor insurance: funeral allowance for a family member’s death'], BLI, ['被保險人之父母、配偶或子女死亡時可請領；請領時效 5 年（勞工保險條例第30條）', 'For an insured person whose parent, spouse or child died; the right lapses after 5 years (Labor Insurance Act, art. 30)'], LINK.bli),
  benefit(
    ['國民年金喪葬給付、遺屬年金', 'National pension: funeral benefit, survivors’ pension'],
    ['勞動部勞工保險局（國民年金）', 'Bureau of Labor Insurance (national pension)'],
    ['請領權利自得請領之日起 5 年間不行使而消滅（國民年金法第28條）', 'The right lapses 5 years after it arises (National Pension Act, art. 28)'],
    LINK.bli,
  ),
  benefit(['勞工退休金（個人專戶）由遺屬請領', 'Labor pension account: paid to survivors'], BLI, ['自得請領之日起 10 年間不行使而消滅（勞工退休金條例第28條）', 'The right lapses 10 years after it arises (Labor Pension Act, art. 28)'], LINK.bli),
  benefit(['公教人員保險死亡給付、眷屬喪葬津貼', 'Public servants’ insurance: death benefit, funeral allowance'], ['往生者或家屬的服務機關（臺灣銀行公教保險部）', 'The employer of the deceased or of the family member (Bank of Taiwan, civil servants’ insurance)']),
  benefit(['農民健康保險喪葬津貼', 'Farmers’ health insurance: funeral allowance'], ['所屬農會（勞動部勞工保險局）', 'The farmers’ association (Bureau of Labor Insurance)']),
  benefit(['低收入戶、中低收入戶喪葬補助', 'Funeral grant for low- and lower-middle-income households'], [`${TOWNSHIP[0]}（新竹縣政府社會處）`, `${TOWNSHIP[1]} (Social Affairs Department, Hsinchu County Government)`], AGENCY_RULES, LINK.hsinchu),
];

const NAME_CHANGE: SeedItem[] = [
  todo(['國民身分證、戶口名簿', 'ID card and household certificate book'], ['戶政事務所（辦理姓名變更登記時同時換領）', 'Household registration office (issued with the change of name)']),
  todo(['印鑑變更登記', 'Seal registration: change'], HR_OFFICE, ['已辦印鑑登記者辦理', 'If you have a registered seal']),
  todo(['自然人憑證重新申請', 'Citizen digital certificate: apply again'], HR_OFFICE, ['憑證載有姓名，變更後請重新申請', 'The certificate carries your name: apply for a new one'], LINK.moica),
  todo(['全民健康保險卡換發', 'National health insurance card: new card'], ['衛生福利部中央健康保險署', 'National Health Insurance Administration'], NONE, LINK.nhi),
  todo(['駕照、行照換發', 'Driving licence and vehicle licence: new ones'], MOTOR, AGENCY_DEADLINE, LINK.mvdis),
  todo(['護照重新申請', 'Passport: apply for a new one'], ['外交部領事事務局或各辦事處', 'Bureau of Consular Affairs or its regional offices'], ['護照姓名須與戶籍資料一致', 'The passport name must match the household register'], LINK.boca),
  todo(['銀行、郵局帳戶及信用卡更名', 'Bank and post office accounts, credit cards'], BANKS, ['攜帶新身分證及原留印鑑辦理', 'Bring the new ID card and the seal the account was opened with']),
  todo(['勞工保險、就業保險資料變更', 'Labor and employment insurance records'], ['投保單位（向勞動部勞工保險局申報）', 'Your employer or insuring union (reports it to the Bureau of Labor Insurance)'], NONE, LINK.bli),
  todo(['不動產登記名義人更名登記', 'Land and buildings: change of the owner’s name'], LAND, AGENCY_DEADLINE),
  todo(['房屋稅、地價稅納稅義務人名義', 'House and land value tax: taxpayer’s name'], TAX_HSINCHU),
  todo(['保險契約更名', 'Insurance policies'], BANKS),
  todo(['學歷證書、專業證照更名或加註', 'Diplomas and professional licences'], ['原畢業學校、證照核發機關', 'Your school, the licensing authority'], ['依各學校、機關規定辦理', 'Under each school’s or authority’s rules']),
  todo(['水、電、電信、瓦斯帳戶更名', 'Water, power, telephone, gas accounts'], UTILITIES),
];

const BIRTH: SeedItem[] = [
  todo(
    ['新生兒全民健康保險投保', 'National health insurance for the baby'],
    ['父或母的投保單位（辦理出生登記時可由戶政事務所一併收件轉送）', 'The parent’s insuring unit (the household registration office can take it with the birth registration)'],
    ['新生兒依附父或母投保，依健保署規定辦理', 'The baby is insured as the parent’s dependant, under the NHIA’s rules'],
    LINK.nhi,
  ),
  todo(['申請新生兒健保卡', 'The baby’s health insurance card'], ['衛生福利部中央健康保險署', 'National Health Insurance Administration'], ['投保後申請', 'After the baby is insured'], LINK.nhi),
  todo(['預防接種與兒童健康檢查', 'Vaccinations and child health checks'], ['戶籍地衛生所或合約醫療院所', 'The local health centre or a contracted clinic'], ['依兒童健康手冊所列時程', 'On the schedule in the child health booklet'], LINK.cdc),
  benefit(['生育補助（新竹縣政府）', 'Birth grant (Hsinchu County Government)'], ['新竹縣政府社會處（可於辦理出生登記時一併申請）', 'Social Affairs Department, Hsinchu County Government (can be applied for with the birth registration)'], ['申請資格、金額及期限依新竹縣政府公告', 'Eligibility, amount and deadline as Hsinchu County Government announces'], LINK.hsinchu),
  benefit(['鄉（鎮、市）公所生育津貼', 'Township birth allowance'], TOWNSHIP, ['各公所自訂資格、金額與申請期限，依公所公告', 'Each township sets its own terms and deadline: see its announcement']),
  benefit(['育兒津貼（未滿 2 歲）', 'Childcare allowance (under 2)'], [`${TOWNSHIP[0]}（可於辦理出生登記時一併申請）`, `${TOWNSHIP[1]} (can be applied for with the birth registration)`], ['資格與金額依衛生福利部社會及家庭署公告', 'Eligibility and amount as the Social and Family Affairs Administration announces'], LINK.sfaa),
  benefit(['勞工保險生育給付', 'Labor insurance maternity benefit'], BLI, LIMIT_LABOR, LINK.bli),
  benefit(['國民年金生育給付', 'National pension maternity benefit'], ['勞動部勞工保險局（國民年金）', 'Bureau of Labor Insurance (national pension)'], ['與其他社會保險生育給付不得重複請領，依國民年金法規定', 'Not paid twice with another social insurance maternity benefit; under the National Pension Act'], LINK.bli),
  benefit(['育嬰留職停薪津貼', 'Parental leave allowance'], ['勞動部勞工保險局（就業保險）', 'Bureau of Labor Insurance (employment insurance)'], ['依法申請育嬰留職停薪者，依就業保險法規定請領', 'For parents on statutory parental leave, under the Employment Insurance Act'], LINK.bli),
  benefit(['公教人員生育給付或補助', 'Public servants’ maternity benefit or grant'], ['服務機關', 'Your employer']),
];

const MARRIAGE: SeedItem[] = [
  todo(['國民身分證換領（配偶欄）', 'New ID cards (spouse entry)'], ['戶政事務所（辦理結婚登記時一併換領）', 'Household registration office (issued with the marriage registration)']),
  todo(['冠配偶之姓（如有需要）', 'Adding the spouse’s surname (if you wish)'], HR_OFFICE, ['已結婚者得申請冠配偶之姓（姓名條例第1條）', 'A married person may add the spouse’s surname (Name Act, art. 1)']),
  todo(['全民健康保險眷屬加保或轉出', 'Health insurance: insuring the spouse as a dependant'], ['投保單位', 'Your insuring unit'], ['無職業的配偶可依附另一方投保，依健保署規定辦理', 'A spouse without work may be insured as a dependant, under the NHIA’s rules'], LINK.nhi),
  todo(['夫妻財產制約定登記（如有需要）', 'Registering a marital property agreement (if any)'], ['地方法院登記處', 'The registry of the district court'], ['未約定者適用法定財產制（民法第1005條）', 'Without an agreement the statutory regime applies (Civil Code, art. 1005)'], LINK.judicial),
  todo(['綜合所得稅結算申報方式', 'Income tax: filing as a married couple'], NTB, ['每年 5 月申報，依所得稅法規定', 'Filed each May, under the Income Tax Act'], LINK.etax),
  todo(['保險受益人、緊急聯絡人等資料更新', 'Insurance beneficiaries and emergency contacts'], BANKS),
  benefit(['公教人員結婚補助', 'Public servants’ marriage grant'], ['服務機關', 'Your employer'], ['依服務機關規定期限申請', 'Apply within the employer’s deadline']),
];

/** The lists after a move share most lines; each kind of move adds its own. */
const MOVE_COMMON: SeedItem[] = [
  todo(
    ['全民健康保險投保單位轉出、轉入', 'Health insurance: moving your insuring unit'],
    ['新戶籍地鄉（鎮、市、區）公所', 'The township or district office of the new address'],
    ['以鄉（鎮、市、區）公所為投保單位者，請向新戶籍地公所辦理轉入', 'If you are insured through a township office, transfer to the one of your new address'],
    LINK.nhi,
  ),
  todo(['駕照、行照地址變更', 'Driving and vehicle licences: new address'], MOTOR, AGENCY_DEADLINE, LINK.mvdis),
  todo(['稅單送達地址', 'Where tax bills are sent'], [`${TAX_HSINCHU[0]}、${NTB[0]}`, `${TAX_HSINCHU[1]}; ${NTB[1]}`], ['房屋稅、地價稅、所得稅等送達地址有變更時，請通知稅捐機關', 'Tell the tax offices where house, land value and income tax bills should now go']),
  todo(
    ['選舉人資格', 'Where you vote'],
    ['新竹縣選舉委員會', 'Hsinchu County Election Commission'],
    ['在新選舉區繼續居住 4 個月以上，始為該選舉區之選舉人（公職人員選舉罷免法第15條）', 'You vote in the new district after living there for 4 months (Civil Servants Election and Recall Act, art. 15)'],
    LINK.cec,
  ),
  todo(['社會福利補助（低收入戶、身心障礙者生活補助等）', 'Welfare benefits (low-income, disability allowances)'], ['新戶籍地鄉（鎮、市）公所', 'Township or city office of the new address'], ['跨縣市遷徙者，請向新戶籍地重新申請', 'After moving to another county or city, apply again where you now live']),
  todo(['水、電、電信、瓦斯過戶或帳單地址', 'Water, power, telephone, gas: account or billing address'], UTILITIES),
  todo(['金融機構、保險、信用卡通訊地址', 'Banks, insurers, credit cards: postal address'], BANKS),
];

const MOVE_IN: SeedItem[] = [
  todo(['國民身分證、戶口名簿', 'ID card and household certificate book'], ['戶政事務所（辦理遷入登記時一併換領）', 'Household registration office (issued with the move-in registration)']),
  ...MOVE_COMMON,
  todo(['子女就學學區', 'School districts for your children'], ['新竹縣政府教育處、就讀學校', 'Education Department, Hsinchu County Government; the school'], ['國民中小學學區依戶籍劃分，轉學請洽學校', 'Primary and junior high school places follow the registered address: ask the school about transfers']),
];

const MOVE_OUT: SeedItem[] = [
  todo(['在新住址辦理遷入登記', 'Registering at the new address'], ['新住址所在地之戶政事務所', 'The household registration office of the new address'], ['遷入居住滿 3 個月後 30 日內申請（戶籍法）', 'Within 30 days after living there for 3 months (Household Registration Act)']),
  todo(
    ['出國者：全民健康保險停保', 'Going abroad: pausing health insurance'],
    ['投保單位或衛生福利部中央健康保險署', 'Your insuring unit or the National Health Insurance Administration'],
    ['預定出國 6 個月以上者可申請停保，依健保署規定辦理', 'If you will be abroad for 6 months or more you may pause cover, under the NHIA’s rules'],
    LINK.nhi,
  ),
  ...MOVE_COMMON,
];

export const SEED_LISTS: Readonly<Record<string, SeedItem[]>> = {
  death: DEATH,
  'name-change': NAME_CHANGE,
  birth: BIRTH,
  marriage: MARRIAGE,
  'move-in': MOVE_IN,
  'move-out': MOVE_OUT,
  'address-change': [todo(['國民身分證、戶口名簿', 'ID card and household certificate book'], ['戶政事務所（辦理住址變更登記時一併換領）', 'Household registration office (issued with the change of address)']), ...MOVE_COMMON],
};
