import type { Executor } from '../../../db/index.js';
import type { Vault } from '../../../platform/identity/index.js';
import { type Channel, LIFE_EVENTS, type LifeEvent, NOTICE_FIELDS, type NoticeField, type Sector } from '../../../platform/life-events.js';
import { ALWAYS_SENT } from './form.js';
import { insertRecipient } from './repo.js';
import { newWebhookSecret } from './service.js';

interface SeedRecipient {
  code: string;
  name: string;
  nameEn: string;
  sector: Sector;
  channel: Channel;
  /** the e-mail address or the webhook URL */
  to?: string;
  events: LifeEvent[];
  /** besides name and event date, which every notice carries */
  fields: NoticeField[];
  ackDays: number;
  contact: [name: string, phone: string, email?: string];
}

const CHANGES: LifeEvent[] = ['move', 'name_change', 'death'];

/**
 * The agencies the demo county (新竹縣) notifies after a move, a change of
 * name, a death, a birth or a marriage (DOMAIN.md, "Cross-agency notices").
 * Real agency names; addresses, URLs and contacts are made up
 * (example.gov.tw, 555 numbers).
 */
const AGENCIES: SeedRecipient[] = [
  {
    code: 'zhubei-land',
    name: '新竹縣竹北地政事務所',
    nameEn: 'Zhubei Land Office, Hsinchu County',
    sector: 'land',
    channel: 'email',
    to: 'notice.zhubei-land@example.gov.tw',
    events: CHANGES,
    fields: ['id_number', 'birth_date', 'address', 'previous_name'],
    ackDays: 7,
    contact: ['陳承辦（登記課）', '03-555-0211', 'chen.land@example.gov.tw'],
  },
  {
    code: 'county-tax',
    name: '新竹縣政府稅務局',
    nameEn: 'Local Tax Bureau, Hsinchu County Government',
    sector: 'tax',
    channel: 'webhook',
    to: 'https://tax.example.gov.tw/huzheng/notices',
    events: CHANGES,
    fields: ['id_number', 'birth_date', 'address', 'previous_name'],
    ackDays: 5,
    contact: ['林工程師（資訊室）', '03-555-0221', 'it.tax@example.gov.tw'],
  },
  {
    code: 'ntbna-hsinchu',
    name: '財政部北區國稅局新竹縣分局',
    nameEn: 'Hsinchu County Branch, National Taxation Bureau of the Northern Area, Ministry of Finance',
    sector: 'tax',
    channel: 'email',
    to: 'notice.hsinchu-county@example.gov.tw',
    events: [...CHANGES, 'marriage'],
    fields: ['id_number', 'address', 'previous_name', 'spouse_name'],
    ackDays: 7,
    contact: ['黃承辦（綜合所得稅股）', '03-555-0231'],
  },
  {
    code: 'mvo-hsinchu',
    name: '交通部公路局新竹區監理所',
    nameEn: 'Hsinchu Motor Vehicles Office, Highway Bureau, Ministry of Transportation and Communications',
    sector: 'motor',
    channel: 'webhook',
    to: 'https://mvdis.example.gov.tw/api/huzheng/notices',
    events: CHANGES,
    fields: ['id_number', 'birth_date', 'address', 'previous_name'],
    ackDays: 5,
    contact: ['張承辦（駕籍課）', '03-555-0241', 'license.mvo@example.gov.tw'],
  },
  {
    code: 'nhia-north',
    name: '衛生福利部中央健康保險署北區業務組',
    nameEn: 'Northern Division, National Health Insurance Administration, Ministry of Health and Welfare',
    sector: 'health',
    channel: 'batch',
    events: [...CHANGES, 'birth', 'marriage'],
    fields: ['id_number', 'birth_date', 'address', 'previous_name', 'spouse_name'],
    ackDays: 14,
    contact: ['吳承辦（承保科）', '03-555-0251'],
  },
  {
    code: 'bli',
    name: '勞動部勞工保險局',
    nameEn: 'Bureau of Labor Insurance, Ministry of Labor (labour insurance and national pension)',
    sector: 'labor',
    channel: 'batch',
    events: CHANGES,
    fields: ['id_number', 'birth_date', 'address', 'previous_name'],
    ackDays: 14,
    contact: ['許承辦（新竹辦事處）', '03-555-0261'],
  },
  {
    code: 'twc-3',
    name: '台灣自來水公司第三區管理處',
    nameEn: 'Third Branch, Taiwan Water Corporation',
    sector: 'water',
    channel: 'batch',
    events: CHANGES,
    fields: ['address', 'previous_name'],
    ackDays: 14,
    contact: ['蔡承辦（營業課）', '03-555-0271'],
  },
  {
    code: 'taipower-hsinchu',
    name: '台灣電力公司新竹區營業處',
    nameEn: 'Hsinchu District Office, Taiwan Power Company',
    sector: 'power',
    channel: 'batch',
    events: CHANGES,
    fields: ['address', 'previous_name'],
    ackDays: 14,
    contact: ['鄭承辦（業務課）', '03-555-0281'],
  },
  {
    code: 'cht',
    name: '中華電信',
    nameEn: 'Chunghwa Telecom',
    sector: 'telecom',
    channel: 'batch',
    events: CHANGES,
    fields: ['id_number', 'address', 'previous_name'],
    ackDays: 14,
    contact: ['謝承辦（新竹營運處）', '03-555-0291'],
  },
  {
    code: 'lia-roc',
    name: '中華民國人壽保險商業同業公會',
    nameEn: 'The Life Insurance Association of the Republic of China',
    sector: 'insurance',
    channel: 'email',
    to: 'death-notice@lia-roc.example.org.tw',
    events: ['death'],
    fields: ['id_number', 'birth_date'],
    ackDays: 7,
    contact: ['王專員（保險業通報作業）', '02-2555-0301'],
  },
  {
    code: 'hccg-social',
    name: '新竹縣政府社會處',
    nameEn: 'Department of Social Affairs, Hsinchu County Government',
    sector: 'social',
    channel: 'email',
    to: 'birth.social@example.gov.tw',
    events: ['birth'],
    fields: ['id_number', 'birth_date', 'address', 'phone'],
    ackDays: 7,
    contact: ['劉承辦（兒少福利科）', '03-555-0311', 'child.social@example.gov.tw'],
  },
];

/**
 * The demo county's recipient agencies: two linked by webhook (with a fresh
 * signing secret each, stored encrypted), four by e-mail, the rest on the
 * printed batch list.
 */
export async function seedRecipients(db: Executor, countyId: number, vault: Vault, now: Date): Promise<void> {
  const at = now.toISOString();
  for (const a of AGENCIES) {
    const fields = new Set<NoticeField>([...ALWAYS_SENT, ...a.fields]);
    await insertRecipient(db, {
      county_id: countyId,
      code: a.code,
      name: a.name,
      name_en: a.nameEn,
      sector: a.sector,
      channel: a.channel,
      email: a.channel === 'email' ? (a.to ?? null) : null,
      webhook_url: a.channel === 'webhook' ? (a.to ?? null) : null,
      secret_enc: a.channel === 'webhook' ? vault.encrypt(newWebhookSecret()) : null,
      events: JSON.stringify(LIFE_EVENTS.filter((e) => a.events.includes(e))),
      fields: JSON.stringify(NOTICE_FIELDS.filter((f) => fields.has(f))),
      ack_days: a.ackDays,
      contact_name: a.contact[0],
      contact_phone: a.contact[1],
      contact_email: a.contact[2] ?? null,
      active: 1,
      created_at: at,
      updated_at: at,
    });
  }
}
