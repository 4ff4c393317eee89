import type { Executor } from '../../../db/index.js';
import { addDays, taipeiToday } from '../../../platform/calendar/index.js';
import { officeCalendar } from '../../../platform/calendar/store.js';
import { generateIdNumber, type Vault } from '../../../platform/identity/index.js';
import * as repo from './repo.js';
import { dueOn, maskPhone, type ReminderKind, type ReminderState } from './rules.js';

interface DemoContact {
  /** days before today */
  ago: number;
  channel: 'letter' | 'sms' | 'email' | 'phone' | 'visit';
  note?: string;
}

interface DemoEntry {
  office: 'zhubei' | 'jianshi';
  kind: ReminderKind;
  name: string;
  id: boolean;
  address: string;
  phone: string | null;
  email: string | null;
  ref: (rocYear: number) => string;
  /** the event, days before today */
  eventAgo: number;
  status: ReminderState;
  contacts: DemoContact[];
  /** registered or closed this many days ago, with this note */
  resolved?: { ago: number; note: string };
}

const TWO_YEARS = 730;

// invented people at invented addresses in the two demo offices' areas
const ENTRIES: DemoEntry[] = [
  { office: 'zhubei', kind: 'hospital_birth', name: '陳怡君', id: true, address: '新竹縣竹北市光明六路東一段10號5樓', phone: '0912345678', email: null, ref: (y) => `出生通報第${y}0412號`, eventAgo: 18, status: 'open', contacts: [] },
  { office: 'zhubei', kind: 'hospital_birth', name: '黃建宏', id: true, address: '新竹縣竹北市嘉豐南路二段100號12樓之3', phone: '0933210456', email: 'huang.jh@example.com', ref: (y) => `出生通報第${y}0377號`, eventAgo: 72, status: 'open', contacts: [] },
  {
    office: 'zhubei',
    kind: 'court_judgment',
    name: '林志明',
    id: true,
    address: '新竹縣竹北市中正西路88巷3號',
    phone: null,
    email: null,
    ref: (y) => `臺灣新竹地方法院${y}年度婚字第123號`,
    eventAgo: 41,
    status: 'reminded',
    contacts: [{ ago: 20, channel: 'letter' }],
  },
  {
    office: 'zhubei',
    kind: 'hospital_death',
    name: '王淑芬（王大明君家屬）',
    id: false,
    address: '新竹縣竹北市文興路一段50號',
    phone: '035551234',
    email: null,
    ref: (y) => `死亡通報第${y}0088號`,
    eventAgo: 12,
    status: 'reminded',
    contacts: [{ ago: 3, channel: 'phone', note: '與家屬通話，預定下週來所辦理。' }],
  },
  { office: 'zhubei', kind: 'abroad_two_years', name: '張家豪', id: true, address: '新竹縣竹北市自強南路8號3樓', phone: null, email: 'chang.jh@example.com', ref: (y) => `出境滿二年名冊${y}年第7號`, eventAgo: TWO_YEARS - 25, status: 'open', contacts: [] },
  {
    office: 'zhubei',
    kind: 'hospital_birth',
    name: '吳雅婷',
    id: true,
    address: '新竹縣竹北市福興東路一段200號',
    phone: '0955678123',
    email: null,
    ref: (y) => `出生通報第${y}0301號`,
    eventAgo: 50,
    status: 'registered',
    contacts: [{ ago: 30, channel: 'sms' }],
    resolved: { ago: 22, note: '' },
  },
  {
    office: 'zhubei',
    kind: 'court_judgment',
    name: '李美玲',
    id: true,
    address: '新竹縣竹北市縣政九路60號',
    phone: null,
    email: null,
    ref: (y) => `臺灣新竹地方法院${y}年度親字第45號`,
    eventAgo: 90,
    status: 'closed',
    contacts: [{ ago: 55, channel: 'visit', note: '家訪未遇，鄰居表示已搬離。' }],
    resolved: { ago: 40, note: '已遷出轄區，移請新住所地戶政事務所處理。' },
  },
  { office: 'jianshi', kind: 'hospital_death', name: '瓦旦・達利（家屬）', id: false, address: '新竹縣尖石鄉嘉樂村1鄰嘉樂12號', phone: '0921456789', email: null, ref: (y) => `死亡通報第${y}0015號`, eventAgo: 5, status: 'open', contacts: [] },
  {
    office: 'jianshi',
    kind: 'court_judgment',
    name: '比黛・尤命',
    id: true,
    address: '新竹縣尖石鄉義興村2鄰5號',
    phone: '0987123456',
    email: null,
    ref: (y) => `臺灣新竹地方法院${y}年度親字第9號`,
    eventAgo: 48,
    status: 'reminded',
    contacts: [
      { ago: 25, channel: 'sms' },
      { ago: 10, channel: 'visit', note: '到宅說明認領登記應備文件，本人表示月底前辦理。' },
    ],
  },
  {
    office: 'jianshi',
    kind: 'hospital_birth',
    name: '哈勇・諾幹',
    id: true,
    address: '新竹縣尖石鄉秀巒村5鄰泰崗12號',
    phone: null,
    email: null,
    ref: (y) => `出生通報第${y}0021號`,
    eventAgo: 40,
    status: 'registered',
    contacts: [{ ago: 20, channel: 'letter' }],
    resolved: { ago: 15, note: '由母親至本所辦理。' },
  },
  {
    office: 'jianshi',
    kind: 'abroad_two_years',
    name: '高志強',
    id: true,
    address: '新竹縣尖石鄉新樂村4鄰水田20號',
    phone: null,
    email: null,
    ref: (y) => `出境滿二年名冊${y}年第2號`,
    eventAgo: TWO_YEARS + 10,
    status: 'closed',
    contacts: [{ ago: 30, channel: 'letter' }],
    resolved: { ago: 8, note: '已於期限前入境，免辦遷出。' },
  },
  { office: 'jianshi', kind: 'hospital_birth', name: '林秀英', id: true, address: '新竹縣尖石鄉錦屏村3鄰那羅8號', phone: '0966321654', email: null, ref: (y) => `出生通報第${y}0007號`, eventAgo: 260, status: 'open', contacts: [] },
];

/** A small fixed-seed generator: the same demo IDs every time (checksum-valid, never real people). */
function seeded(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (x * 1664525 + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

const instantAgo = (now: Date, days: number, hour = 2) => {
  const d = new Date(now.getTime() - days * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

/**
 * The demo's reminders register: a dozen invented people in every state, in
 * both offices, dated around `now` (some due soon, some overdue, some done),
 * with their letters, texts, calls and visits.
 */
export async function seedReminders(db: Executor, officeIds: { zhubei: number; jianshi: number }, vault: Vault, staffId: number, now: Date): Promise<void> {
  const random = seeded(20261125);
  const today = taipeiToday(now);
  for (const e of ENTRIES) {
    const officeId = officeIds[e.office];
    const event = addDays(today, -e.eventAgo);
    const idNumber = e.id ? generateIdNumber(random) : null;
    const created = instantAgo(now, Math.max(0, Math.min(e.eventAgo - 1, 30)), 1);
    const id = await repo.insertReminder(db, {
      office_id: officeId,
      kind: e.kind,
      person_name: e.name,
      id_hash: idNumber ? vault.hash(idNumber) : null,
      id_enc: idNumber ? vault.encrypt(idNumber) : null,
      address: e.address,
      phone_enc: e.phone ? vault.encrypt(e.phone) : null,
      email: e.email,
      source_ref: e.ref(Number(event.slice(0, 4)) - 1911),
      reported_on: event,
      due_on: dueOn(e.kind, event, await officeCalendar(db, officeId)),
      status: e.status,
      outcome_note: e.resolved?.note ?? '',
      resolved_on: e.resolved ? addDays(today, -e.resolved.ago) : null,
      created_by: staffId,
      created_at: created,
      updated_at: e.resolved ? instantAgo(now, e.resolved.ago) : created,
    });
    for (const [i, c] of e.contacts.entries()) {
      const note = c.note ?? (c.channel === 'sms' && e.phone ? maskPhone(e.phone) : '');
      const letter = c.channel === 'letter' ? `R${addDays(today, -c.ago).slice(2).replace(/-/g, '')}${(id * 16 + i).toString(16).toUpperCase().padStart(8, '0')}` : null;
      await repo.insertContact(db, { reminder_id: id, at: instantAgo(now, c.ago), channel: c.channel, note, letter_code: letter, staff_id: staffId });
    }
  }
}
