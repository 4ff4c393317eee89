import type { Generated } from 'kysely';
import type { FormsTables } from '../modules/forms/tables.js';
import type { LinkCheckTables } from '../modules/link-check/tables.js';
import type { ManualTables } from '../modules/manual/tables.js';
import type { NewsletterTables } from '../modules/newsletter/tables.js';
import type { PrecheckTables } from '../modules/precheck/tables.js';
import type { TrainingTables } from '../modules/training/tables.js';

/**
 * Table types. Instants are ISO-8601 UTC text (`2026-11-24T03:36:00.000Z`,
 * fixed width so text order is time order) and dates are `YYYY-MM-DD` text,
 * on both databases (docs/decisions/0002). Flags are integers 0/1.
 */
export interface CountyTable {
  id: Generated<number>;
  code: string;
  name_zh: string;
  name_en: string;
  website: string | null;
  phone: string | null;
  email: string | null;
  address_zh: string | null;
  address_en: string | null;
  /** the site's own name and the text beside the logo; null: the county name */
  site_name_zh: string | null;
  site_name_en: string | null;
  logo_text: string | null;
  /** English offered beside zh-Hant (always on) */
  english: Generated<number>;
  updated_at: string | null;
}

export interface OfficeTable {
  id: Generated<number>;
  county_id: number;
  code: string;
  kind: string; // 'city' | 'township' | 'district'
  name_zh: string;
  name_en: string;
  address_zh: string;
  address_en: string;
  phone: string;
  fax: string | null;
  email: string | null;
  director_name: string | null;
  updated_at: string;
  /** a branch office (辦公室) names its office */
  parent_id: number | null;
  /** villages (里/村) served, one a line */
  villages: Generated<string>;
  map_url: string | null;
  /** 0: deactivated; the row stays and its code is never reused */
  active: Generated<number>;
  closed_at: string | null;
  /** where a deactivated office's public pages send people */
  successor_id: number | null;
}

export interface OfficeHoursTable {
  id: Generated<number>;
  office_id: number;
  weekday: number; // 0 = Sunday
  opens: string; // HH:MM
  closes: string; // HH:MM
  note_zh: string | null;
  note_en: string | null;
  /** 1: open through lunch (中午彈性服務); 0: closed lunch_from–lunch_to */
  lunch_open: Generated<number>;
  lunch_from: string | null;
  lunch_to: string | null;
  /** evening service (夜間延時服務): the later close that day; the note says so */
  evening_closes: string | null;
}

/** One date with other hours, or closed, with the reason (beyond the office calendar). */
export interface OfficeHoursExceptionTable {
  id: Generated<number>;
  office_id: number;
  date: string;
  closed: number;
  opens: string | null;
  closes: string | null;
  reason_zh: string;
  reason_en: string;
  updated_at: string;
}

export interface CounterTable {
  id: Generated<number>;
  office_id: number;
  number: number;
  name_zh: string;
  name_en: string;
  active: number;
  /** 博愛窗口: priority tickets always first at this counter */
  priority_first: Generated<number>;
  /** 1: staffed every day; 0: a support counter opened at a peak (open today = a counter_open row) */
  open_default: Generated<number>;
}

export interface ServiceTable {
  id: Generated<number>;
  office_id: number;
  code: string;
  queue_prefix: string;
  name_zh: string;
  name_en: string;
  sort: number;
  active: number;
  /** usual minutes per person, for the wait estimate before the day has its own times; null: the office setting */
  avg_minutes: number | null;
}

export interface StaffTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  email: string | null;
  password_hash: string;
  role: string;
  county_id: number | null;
  office_id: number | null;
  active: number;
  must_change_password: number;
  created_at: string;
  updated_at: string;
  password_changed_at: string;
}

export interface SessionTable {
  /** sha256 of the cookie token: a database leak gives no usable session */
  id: string;
  staff_id: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginThrottleTable {
  /** keyed hash of the lower-cased username, kept for unknown names too */
  username_key: string;
  failures: number;
  locked_until: string | null;
  updated_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_staff_id: number | null;
  actor_label: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  office_id: number | null;
  county_id: number | null;
  detail: string | null; // JSON
  ip: string | null;
}

export interface CalendarDayTable {
  date: string;
  off: number;
  note: string;
  year: number;
}

export interface CalendarImportTable {
  id: Generated<number>;
  year: number;
  encoding: string;
  days: number;
  days_off: number;
  filename: string | null;
  imported_by: number | null;
  imported_at: string;
}

export interface OfficeClosureTable {
  id: Generated<number>;
  office_id: number;
  date: string;
  reason: string;
  created_by: number | null;
  created_at: string;
}

/** A one-time record: (purpose, key) may be used once until it expires (anti-bot stamps, ALTCHA solutions). */
export interface OnceTokenTable {
  purpose: string;
  key: string;
  expires_at: string;
}

/** A request counter shared by every process: `key` is the limiter's scope plus a SHA-256 of the client key (never the address or ID itself). */
export interface RateLimitTable {
  key: string;
  count: number;
  /** ISO time the window ends; the next hit after it starts a new window */
  reset_at: string;
}

export interface JobTable {
  id: Generated<number>;
  kind: string;
  payload: string; // JSON
  status: string; // pending | running | done | failed
  run_at: string;
  attempts: number;
  max_attempts: number;
  locked_until: string | null;
  last_error: string | null;
  dedupe_key: string | null;
  created_at: string;
  updated_at: string;
}

export interface SettingTable {
  /** 'global' or 'office:<id>' */
  scope: string;
  key: string;
  value: string; // JSON
  updated_at: string;
  updated_by: number | null;
}

export interface CounterServiceTable {
  counter_id: number;
  service_id: number;
}

export interface CounterOpenTable {
  counter_id: number;
  staff_id: number;
  opened_at: string;
  support: number;
  /** normal calls since this counter last took a priority ticket (every-Nth rule) */
  calls_since_priority: number;
}

export interface QueueSequenceTable {
  office_id: number;
  day: string;
  prefix: string;
  last: number;
}

/** Tickets given per office, service and day: the daily and phone caps are held here by conditional updates and a CHECK. */
export interface QueueIssuedTable {
  office_id: number;
  service_id: number;
  day: string;
  issued: number;
  phone_issued: number;
  /** the cap in force at the last ticket; null when the service has none */
  cap: number | null;
  phone_cap: number | null;
}

export interface TicketTable {
  id: Generated<number>;
  office_id: number;
  service_id: number;
  day: string;
  prefix: string;
  number: number;
  label: string;
  priority: number;
  channel: string; // kiosk | phone | booking | counter
  status: string; // waiting | called | serving | parked | done | no_show | cancelled
  /** random code in the follow link and QR: shows the ticket, nothing personal */
  code: string;
  counter_id: number | null;
  staff_id: number | null;
  issued_at: string;
  /** place in line: issued_at, kept on transfer */
  queue_at: string;
  called_at: string | null;
  last_called_at: string | null;
  /** transferred to one counter: only it may call the ticket */
  target_counter_id: number | null;
  started_at: string | null;
  finished_at: string | null;
  recall_count: number;
  transfer_count: number;
  waited_ms: number | null;
  served_ms: number | null;
  booking_id: number | null;
}

export interface TicketEventTable {
  id: Generated<number>;
  ticket_id: number;
  office_id: number;
  at: string;
  kind: string;
  counter_id: number | null;
  staff_id: number | null;
  detail: string | null;
}

export interface WalkInTable {
  id: Generated<number>;
  office_id: number;
  counter_id: number;
  staff_id: number;
  service_id: number;
  day: string;
  at: string;
}

export interface PeakEventTable {
  id: Generated<number>;
  office_id: number;
  kind: string;
  at: string;
  waiting: number;
  oldest_wait_min: number;
  counter_id: number | null;
  staff_id: number | null;
  detail: string | null;
}

export interface ServiceGuideTable {
  id: Generated<number>;
  code: string;
  category: string;
  name_zh: string;
  name_en: string;
  who_zh: string;
  who_en: string;
  /** JSON: [{ zh, en, basis }] */
  documents: string;
  fee_ntd: number | null;
  fee_zh: string;
  fee_en: string;
  /** legal deadline to register, in days; null when none */
  deadline_days: number | null;
  deadline_zh: string;
  deadline_en: string;
  /** 1 when late filing is fined under 戶籍法 §79 */
  late_fine: number;
  /** 0 = same day; otherwise working days */
  processing_days: number;
  service_code: string | null;
  sort: number;
  updated_at: string;
  updated_by: number | null;
  /** null = the county library; otherwise the office whose own guide this is */
  office_id: number | null;
  /** 0 = retired: off the public list and search; cases opened with it keep reading it */
  active: number;
  /** the guide (library or another office's) this one was copied from */
  copied_from: number | null;
}

export interface CaseFileTable {
  id: Generated<number>;
  office_id: number;
  /** the office's running number, for staff: `<office>-<ROC date>-<seq>` */
  number: string;
  /** the citizen's look-up code, random and unique (e.g. K7QM-4XP2-9D) */
  reference: string;
  /** the language the citizen reads the case e-mails in */
  locale: string;
  /** wrong look-up answers; 5 lock the look-up of this case for 15 minutes */
  lookup_failures: number;
  lookup_locked_until: string | null;
  guide_code: string;
  status: string;
  applicant_name: string;
  id_hash: string;
  id_enc: string;
  birth_hash: string;
  email: string | null;
  phone: string | null;
  received_on: string;
  limit_days: number;
  due_on: string;
  notices: number;
  ticket_id: number | null;
  booking_id: number | null;
  created_by: number;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface CaseEventTable {
  id: Generated<number>;
  case_id: number;
  at: string;
  status: string;
  public_note: string | null;
  staff_id: number | null;
}

export interface CasePauseTable {
  id: Generated<number>;
  case_id: number;
  from_date: string;
  to_date: string | null;
}

export interface NoticeSlipTable {
  id: Generated<number>;
  office_id: number;
  case_id: number | null;
  code: string;
  guide_code: string;
  applicant_name: string;
  missing: string;
  note: string | null;
  bring_by: string;
  officer_name: string;
  created_by: number;
  created_at: string;
}

export interface LostIdReportTable {
  id: Generated<number>;
  reference: string;
  id_hash: string;
  id_enc: string;
  name_enc: string;
  birth_hash: string;
  address_enc: string;
  contact_enc: string;
  revoke_hash: string;
  status: string;
  /** the office where it was reported, or the one chosen on the county form; staff see their office's */
  office_id: number;
  reported_at: string;
  ended_at: string | null;
  ended_by: number | null;
  /** 'web' (the public form) or 'phone' (taken by staff for a caller) */
  channel: string;
  /** the staff member who took a phone report */
  created_by: number | null;
}

export interface BookingServiceTable {
  id: Generated<number>;
  office_id: number;
  code: string;
  kind: string; // 'counter' | 'marriage' | 'home_visit' | 'director' | 'hall'
  name_zh: string;
  name_en: string;
  desc_zh: string;
  desc_en: string;
  queue_service_code: string | null;
  guide_code: string | null;
  slot_minutes: number;
  capacity: number;
  min_days: number;
  min_working_days: number;
  max_days: number;
  cutoff: string | null; // HH:MM the day before the earliest bookable day
  parties: number;
  needs_approval: number;
  /** bookable only on special openings (holiday marriage registration) */
  openings_only: number;
  /** 1: the weekly hours are the office's opening hours (no booking_hours rows of its own) */
  uses_office_hours: number;
  documents: string; // JSON [{zh,en}]
  in_person_zh: string;
  in_person_en: string;
  active: number;
  sort: number;
  updated_at: string;
}

export interface BookingHoursTable {
  id: Generated<number>;
  booking_service_id: number;
  weekday: number;
  starts: string;
  ends: string;
}

export interface BookingOpeningTable {
  id: Generated<number>;
  booking_service_id: number;
  day: string;
  starts: string;
  ends: string;
  capacity: number | null;
  note_zh: string;
  note_en: string;
  /** a lucky date: anti-automation on, and the lottery may be used */
  hot: number;
}

export interface BookingClosureTable {
  id: Generated<number>;
  office_id: number;
  booking_service_id: number | null;
  day: string;
  reason: string;
  created_by: number;
  created_at: string;
}

export interface BookingSlotTable {
  id: Generated<number>;
  booking_service_id: number;
  day: string;
  starts: string;
  ends: string;
  capacity: number;
  booked: Generated<number>;
}

export interface BookingTable {
  id: Generated<number>;
  office_id: number;
  booking_service_id: number;
  code: string;
  token: string;
  status: string;
  day: string | null;
  starts: string | null;
  ends: string | null;
  name: string;
  id_hash: string;
  id_enc: string;
  birth_hash: string;
  phone: string;
  email: string | null;
  partner_name: string | null;
  partner_id_hash: string | null;
  partner_id_enc: string | null;
  details: string;
  locale: string;
  channel: string;
  ticket_id: number | null;
  petition_id: number | null;
  assigned_staff_id: number | null;
  due_on: string | null;
  created_at: string;
  updated_at: string;
  checked_in_at: string | null;
  ended_at: string | null;
  end_reason: string | null;
  /** the staff member who booked for a caller (phone, counter, referral); null online */
  placed_by: number | null;
  /** a home visit's referring body: welfare | hotline1999 | line0800 | village_chief | other */
  referral: string | null;
  referral_note: string | null;
}

export interface BookingSeatTable {
  booking_id: number;
  slot_id: number;
}

export interface BookingPersonTable {
  id: Generated<number>;
  booking_id: number;
  id_hash: string;
  day: string;
  active: number;
}

export interface BookingSuspensionTable {
  id: Generated<number>;
  id_hash: string;
  starts_on: string;
  ends_on: string;
  reason: string;
  created_at: string;
  lifted_at: string | null;
  lifted_by: number | null;
  lift_reason: string | null;
}

export interface BookingLotteryTable {
  id: Generated<number>;
  booking_service_id: number;
  day: string;
  apply_until: string;
  seed: string | null;
  drawn_at: string | null;
  drawn_by: number | null;
  result_hash: string | null;
}

export interface PetitionTable {
  id: Generated<number>;
  office_id: number;
  /** given when the citizen confirms the e-mail (or at once for staff intake) */
  number: string | null;
  view_token: string;
  channel: string;
  status: string;
  subject: string;
  category: string;
  body: string;
  language: string;
  name: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  wants_reply: number;
  read_back: number;
  password_hash: string | null;
  confirm_hash: string | null;
  confirm_until: string | null;
  class: string;
  limit_days: number;
  received_on: string | null;
  due_on: string | null;
  extended_reason: string | null;
  assignee_id: number | null;
  escalation: number;
  reply_body: string | null;
  replied_at: string | null;
  replied_on: string | null;
  decline_ground: string | null;
  transfer_to: string | null;
  rating: number | null;
  rating_comment: string | null;
  rated_at: string | null;
  rate_until: string | null;
  booking_id: number | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  /** channel 'superior' (上級機關交辦): the agency, its document number and its own deadline */
  superior_agency: string | null;
  superior_doc_no: string | null;
  superior_due_on: string | null;
}

export interface PetitionEventTable {
  id: Generated<number>;
  petition_id: number;
  at: string;
  kind: string;
  public: number;
  text: string | null;
  staff_id: number | null;
}

export interface PetitionPauseTable {
  id: Generated<number>;
  petition_id: number;
  from_date: string;
  to_date: string | null;
}

export interface PetitionAttachmentTable {
  id: Generated<number>;
  petition_id: number;
  filename: string;
  mime: string;
  size: number;
  content: Uint8Array;
}

export interface ReplyTemplateTable {
  id: Generated<number>;
  office_id: number | null;
  category: string;
  title: string;
  body_zh: string;
  body_en: string;
  updated_at: string;
}

export interface PetitionFollowupTable {
  id: Generated<number>;
  petition_id: number;
  office_id: number;
  reason: string;
  status: string;
  created_at: string;
  done_at: string | null;
  done_by: number | null;
  note: string | null;
}

export interface MediaLogTable {
  id: Generated<number>;
  office_id: number;
  seen_on: string;
  source: string;
  title: string;
  url: string | null;
  facts: string;
  clarification: string | null;
  clarified_on: string | null;
  created_by: number;
  created_at: string;
}

export interface SurveyTable {
  id: Generated<number>;
  /** null: a county-wide questionnaire every office collects (peer comparison) */
  office_id: number | null;
  county_id: number;
  kind: string;
  title_zh: string;
  title_en: string;
  status: string;
  min_group: number;
  current_version_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface SurveyVersionTable {
  id: Generated<number>;
  survey_id: number;
  version: number;
  definition: string;
  questions: string;
  created_at: string;
  created_by: number | null;
}

export interface SurveyResponseTable {
  id: Generated<number>;
  survey_id: number;
  version_id: number;
  office_id: number;
  channel: string;
  visit_hash: string | null;
  service_code: string | null;
  counter_number: number | null;
  wait_minutes: number | null;
  gender: string | null;
  age_band: string | null;
  identity: string | null;
  day: string;
  created_at: string;
}

export interface SurveyAnswerTable {
  response_id: number;
  question: string;
  score: number | null;
  choice: string | null;
  text: string | null;
}

export interface PhoneTestTable {
  id: Generated<number>;
  office_id: number;
  called_at: string;
  answered_by: string;
  checks: string;
  score: number;
  note: string | null;
  recorded_by: number;
  created_at: string;
}

/** Readers' answers to "was this helpful?" per FAQ item and Taipei day. */
export interface ContentFeedbackTable {
  item_id: number;
  day: string;
  yes: Generated<number>;
  no: Generated<number>;
}

export interface ContentItemTable {
  id: Generated<number>;
  office_id: number | null;
  kind: string;
  category: string;
  audience: Generated<string>;
  status: string;
  publish_from: string | null;
  publish_until: string | null;
  marquee: Generated<number>;
  guide_code: string | null;
  opengov_category: number | null;
  owner: string | null;
  review_on: string | null;
  file_name: string | null;
  file_mime: string | null;
  file_size: number | null;
  file: Uint8Array | null;
  helpful_yes: Generated<number>;
  helpful_no: Generated<number>;
  created_at: string;
  updated_at: string;
  updated_by: number | null;
}

export interface ContentTextTable {
  id: Generated<number>;
  item_id: number;
  locale: string;
  title: string;
  body: string;
}

export interface ContentRevisionTable {
  id: Generated<number>;
  item_id: number;
  locale: string;
  title: string;
  body: string;
  status: string;
  saved_at: string;
  saved_by: number | null;
}

export interface SearchSynonymTable {
  id: Generated<number>;
  terms: string;
  updated_at: string;
}

export interface SearchLogTable {
  id: Generated<number>;
  query: string;
  locale: string;
  results: number;
  at: string;
}

/** One office's tally for one day (office 0: what belongs to no office); see modules/figures. */
export interface FigureDayTable {
  office_id: number;
  day: string;
  data: string; // JSON Tally
  computed_at: string;
}

export interface FigureMonthTable {
  office_id: number;
  month: string;
  data: string; // JSON Tally
  computed_at: string;
}

export interface FigureDirtyTable {
  id: Generated<number>;
  office_id: number;
  day: string;
  at: string;
}

export interface FigureStateTable {
  name: string;
  value: string;
}

/** The county's business report template, one row per version; see modules/reports. */
export interface ReportTemplateTable {
  id: Generated<number>;
  county_id: number;
  version: number;
  lines: string; // JSON TemplateLine[]
  created_at: string;
  created_by: number | null;
  created_by_name: string;
}

/** One office's monthly business report. */
export interface BusinessReportTable {
  id: Generated<number>;
  office_id: number;
  county_id: number;
  month: string;
  state: string;
  template_id: number | null;
  hand_values: string; // JSON
  line_notes: string; // JSON
  overall_note: string | null;
  snapshot: string | null; // JSON, set on submission
  county_comment: string | null;
  created_at: string;
  updated_at: string;
}

/** Append-only: every state change of a business report. */
export interface BusinessReportEventTable {
  id: Generated<number>;
  report_id: number;
  at: string;
  action: string;
  from_state: string;
  to_state: string;
  staff_id: number | null;
  staff_name: string;
  comment: string | null;
}

/** The yearly service-quality plan of an office (office_id null: the county's); see modules/plan. */
export interface PlanTable {
  id: Generated<number>;
  county_id: number;
  office_id: number | null;
  year: number;
  title: string;
  basis: string;
  goals: string;
  state: string;
  source: string;
  filed_on: string | null;
  filed_doc: string | null;
  published_on: string | null;
  closed_on: string | null;
  revision: number;
  created_at: string;
  updated_at: string;
}

export interface PlanItemTable {
  id: Generated<number>;
  plan_id: number;
  parent_id: number | null;
  position: number;
  code: string;
  title: string;
  strategy: string;
  points10: number;
  deadline: string | null;
  lead_unit: string;
  co_units: string;
  benefit: string;
}

export interface PlanMeasureTable {
  id: Generated<number>;
  plan_id: number;
  item_id: number;
  position: number;
  indicator_key: string | null;
  label: string;
  unit: string;
  better: string;
  target: number | null;
}

/** Append-only: the plan as it was after each save or state change. */
export interface PlanRevisionTable {
  id: Generated<number>;
  plan_id: number;
  revision: number;
  at: string;
  staff_id: number | null;
  staff_name: string;
  reason: string;
  snapshot: string;
}

export interface PlanFileTable {
  id: Generated<number>;
  office_id: number | null;
  county_id: number;
  filename: string;
  mime: string;
  size: number;
  content: Uint8Array;
  uploaded_by: number | null;
  uploaded_at: string;
}

export interface PlanHandValueTable {
  id: Generated<number>;
  measure_id: number;
  month: string;
  value: number;
  note: string;
  file_id: number | null;
  entered_by: number | null;
  entered_at: string;
}

export interface PlanReviewTable {
  id: Generated<number>;
  plan_id: number;
  month: string;
  held_on: string;
  minutes: string;
  snapshot: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface PlanActionTable {
  id: Generated<number>;
  plan_id: number;
  item_id: number | null;
  raised_month: string;
  text: string;
  owner: string;
  due_on: string;
  state: string;
  closed_month: string | null;
  closed_on: string | null;
  closing_note: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface PlanCheckTable {
  id: Generated<number>;
  office_id: number;
  checked_on: string;
  kind: string;
  area: string;
  checker: string;
  items_checked: number;
  defects: number;
  findings: string;
  fixed_on: string | null;
  created_by: number | null;
  created_at: string;
}

export interface PlanProposalTable {
  id: Generated<number>;
  office_id: number;
  proposer_id: number | null;
  proposer_name: string;
  title: string;
  problem: string;
  proposal: string;
  state: string;
  reason: string | null;
  decided_by: number | null;
  decided_on: string | null;
  plan_item_id: number | null;
  usage_label: string | null;
  created_at: string;
  updated_at: string;
}

export interface PlanProposalUseTable {
  proposal_id: number;
  month: string;
  count: number;
}

export interface PlanProcessReviewTable {
  id: Generated<number>;
  office_id: number;
  reviewed_on: string;
  guide_code: string | null;
  title: string;
  before_figures: string;
  after_figures: string;
  summary: string;
  created_by: number | null;
  created_at: string;
}

export interface PlanAwardTable {
  id: Generated<number>;
  office_id: number;
  year: number;
  name: string;
  awarded_by: string;
  state: string;
  decided_on: string | null;
  note: string;
  file_id: number | null;
  created_by: number | null;
  created_at: string;
}

export interface PlanEvaluationTable {
  id: Generated<number>;
  plan_id: number;
  state: string;
  frozen_at: string | null;
  snapshot: string | null;
  submitted_by: number | null;
  submitted_at: string | null;
  county_comment: string | null;
  reviewed_by: number | null;
  reviewed_at: string | null;
  updated_at: string;
}

export interface PlanItemScoreTable {
  plan_id: number;
  item_id: number;
  self10: number | null;
  account: string;
  evidence: string;
  county10: number | null;
  county_comment: string | null;
  updated_at: string;
}

/** A recipient agency of cross-agency change notices (跨機關通報), kept by the county. */
export interface NotifyRecipientTable {
  id: Generated<number>;
  county_id: number;
  code: string;
  name: string;
  name_en: string;
  sector: string;
  channel: 'email' | 'webhook' | 'batch';
  email: string | null;
  webhook_url: string | null;
  secret_enc: string | null;
  /** JSON LifeEvent[] */
  events: string;
  /** JSON NoticeField[] */
  fields: string;
  ack_days: number;
  contact_name: string;
  contact_phone: string;
  contact_email: string | null;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface NotifyConsentTable {
  id: Generated<number>;
  case_id: number;
  office_id: number;
  event: string;
  event_date: string;
  recipients: number;
  read_back: number;
  slip_code: string;
  details_enc: string | null;
  recorded_by: number;
  recorded_at: string;
}

export interface NotifyNoticeTable {
  id: Generated<number>;
  consent_id: number;
  case_id: number;
  office_id: number;
  recipient_id: number;
  event: string;
  status: 'queued' | 'sent' | 'acknowledged' | 'failed';
  body_enc: string | null;
  attempts: Generated<number>;
  last_error: string | null;
  ack_token_hash: string;
  batch_id: number | null;
  queued_at: string;
  sent_at: string | null;
  acked_at: string | null;
  failed_at: string | null;
  purge_after: string | null;
  purged_at: string | null;
}

export interface NotifyAttemptTable {
  id: Generated<number>;
  notice_id: number;
  at: string;
  outcome: 'sent' | 'failed' | 'acknowledged' | 'requeued' | 'listed';
  detail: string | null;
}

export interface NotifyBatchTable {
  id: Generated<number>;
  recipient_id: number;
  office_id: number;
  created_by: number;
  created_at: string;
  notices: number;
  handed_over_at: string | null;
}

export interface CitizenMessageTable {
  id: Generated<number>;
  office_id: number;
  case_id: number | null;
  reminder_id: number | null;
  purpose: string;
  channel: 'email' | 'sms';
  to_enc: string | null;
  body_enc: string | null;
  parts: number;
  status: 'queued' | 'sent' | 'failed';
  attempts: Generated<number>;
  last_error: string | null;
  provider_id: string | null;
  dedupe_key: string;
  created_at: string;
  sent_at: string | null;
}

export interface FollowupItemTable {
  id: Generated<number>;
  guide_code: string;
  office_id: number | null;
  position: number;
  kind: 'todo' | 'benefit';
  title: string;
  title_en: string;
  place: string;
  place_en: string;
  deadline_days: number | null;
  deadline_note: string;
  deadline_note_en: string;
  link: string | null;
  updated_by: number | null;
  updated_at: string;
}

export interface FollowupListTable {
  id: Generated<number>;
  case_id: number;
  office_id: number;
  code: string;
  guide_code: string;
  event_date: string;
  locale: string;
  /** JSON snapshot of the items */
  items: string;
  channel: 'email' | 'sms' | 'print';
  created_at: string;
}

export interface BirthBundleTable {
  id: Generated<number>;
  case_id: number;
  office_id: number;
  kind: string;
  unit: string;
  status: 'received' | 'handed_over' | 'accepted' | 'returned';
  handed_over_on: string | null;
  handover_doc: string | null;
  note: string;
  updated_by: number;
  created_at: string;
  updated_at: string;
}

export interface ReminderTable {
  id: Generated<number>;
  office_id: number;
  kind: 'court_judgment' | 'hospital_birth' | 'hospital_death' | 'abroad_two_years';
  person_name: string;
  id_hash: string | null;
  id_enc: string | null;
  address: string;
  phone_enc: string | null;
  email: string | null;
  source_ref: string;
  reported_on: string;
  due_on: string;
  status: 'open' | 'reminded' | 'registered' | 'closed';
  outcome_note: string;
  resolved_on: string | null;
  created_by: number;
  created_at: string;
  updated_at: string;
}

export interface ReminderContactTable {
  id: Generated<number>;
  reminder_id: number;
  at: string;
  channel: 'letter' | 'sms' | 'email' | 'phone' | 'visit';
  note: string;
  letter_code: string | null;
  staff_id: number;
}

export interface StatFileTable {
  id: Generated<number>;
  county_id: number;
  kind: 'households' | 'ages' | 'events' | 'addresses' | 'boundaries';
  /** YYYY-MM for the monthly kinds */
  month: string | null;
  source: 'upload' | 'cli' | 'fetch' | 'demo';
  filename: string;
  encoding: 'utf-8' | 'big5';
  format: 'csv' | 'json' | 'geojson' | 'topojson';
  content: Uint8Array;
  sha256: string;
  rows: number;
  imported_at: string;
  imported_by: number | null;
  replaced_by: number | null;
}

export interface StatTownTable {
  /** 8 digits: county (5) + town (3) */
  code: string;
  county_id: number;
  name_zh: string;
  name_en: string | null;
  area_km2: number | null;
  office_id: number | null;
}

export interface StatVillageTable {
  /** 11 digits: town (8) + village (3) */
  code: string;
  town_code: string;
  name_zh: string;
  area_km2: number | null;
  /** GeoJSON geometry (Polygon or MultiPolygon) in WGS84 */
  boundary: string | null;
}

export interface PopVillageMonthTable {
  /** YYYY-MM */
  month: string;
  village_code: string;
  town_code: string;
  county_id: number;
  households: number;
  people: number;
  male: number;
  female: number;
  file_id: number;
}

export interface PopAgeTable {
  month: string;
  village_code: string;
  /** 0 … 100; 100 is "100 and over" */
  age: number;
  male: number;
  female: number;
  file_id: number;
}

export interface PopEventsTable {
  month: string;
  village_code: string;
  births_m: number;
  births_f: number;
  deaths_m: number;
  deaths_f: number;
  marriages: number;
  divorces: number;
  moved_in: number;
  moved_out: number;
  file_id: number;
}

export interface AddrPointTable {
  id: Generated<number>;
  county_id: number;
  village_code: string;
  /** 鄰 */
  neighbourhood: number;
  /** 路/街 without 段 */
  road: string;
  /** 段 in Chinese numerals, '' when none */
  section: string;
  lane: string;
  alley: string;
  number: string;
  number_sub: string;
  floor: string;
  floor_sub: string;
  /** addressKey() of the parts */
  match_key: string;
  label: string;
  /** TWD97 TM2 */
  x: number;
  y: number;
  lon: number;
  lat: number;
  state: 'current' | 'retired';
  file_id: number | null;
}

export interface AddrEventTable {
  id: Generated<number>;
  point_id: number;
  /** 初編 initial, 改編 changed, 整編 renumbered, 廢止 abolished */
  kind: 'initial' | 'changed' | 'renumbered' | 'abolished';
  date: string;
  doc_no: string;
  /** the number this one replaced */
  from_point_id: number | null;
}

export interface RenumberingTable {
  id: Generated<number>;
  office_id: number;
  title: string;
  /** JSON: village codes */
  villages: string;
  effective_on: string;
  doc_no: string;
  note: string;
  state: 'draft' | 'published' | 'withdrawn';
  published_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface RenumberingItemTable {
  renumbering_id: number;
  old_key: string;
  old_label: string;
  new_label: string;
  new_point_id: number | null;
}

export interface DB extends NewsletterTables, LinkCheckTables, TrainingTables, ManualTables, PrecheckTables, FormsTables {
  plan: PlanTable;
  plan_item: PlanItemTable;
  plan_measure: PlanMeasureTable;
  plan_revision: PlanRevisionTable;
  plan_file: PlanFileTable;
  plan_hand_value: PlanHandValueTable;
  plan_review: PlanReviewTable;
  plan_action: PlanActionTable;
  plan_check: PlanCheckTable;
  plan_proposal: PlanProposalTable;
  plan_proposal_use: PlanProposalUseTable;
  plan_process_review: PlanProcessReviewTable;
  plan_award: PlanAwardTable;
  plan_evaluation: PlanEvaluationTable;
  plan_item_score: PlanItemScoreTable;
  report_template: ReportTemplateTable;
  business_report: BusinessReportTable;
  business_report_event: BusinessReportEventTable;
  figure_day: FigureDayTable;
  figure_month: FigureMonthTable;
  figure_state: FigureStateTable;
  figure_dirty: FigureDirtyTable;
  content_item: ContentItemTable;
  content_feedback: ContentFeedbackTable;
  content_text: ContentTextTable;
  content_revision: ContentRevisionTable;
  search_synonym: SearchSynonymTable;
  search_log: SearchLogTable;
  survey: SurveyTable;
  survey_version: SurveyVersionTable;
  survey_response: SurveyResponseTable;
  survey_answer: SurveyAnswerTable;
  phone_test: PhoneTestTable;
  petition: PetitionTable;
  petition_event: PetitionEventTable;
  petition_pause: PetitionPauseTable;
  petition_attachment: PetitionAttachmentTable;
  reply_template: ReplyTemplateTable;
  petition_followup: PetitionFollowupTable;
  media_log: MediaLogTable;
  booking_service: BookingServiceTable;
  booking_hours: BookingHoursTable;
  booking_opening: BookingOpeningTable;
  booking_closure: BookingClosureTable;
  booking_slot: BookingSlotTable;
  booking: BookingTable;
  booking_seat: BookingSeatTable;
  booking_person: BookingPersonTable;
  booking_suspension: BookingSuspensionTable;
  booking_lottery: BookingLotteryTable;
  service_guide: ServiceGuideTable;
  case_file: CaseFileTable;
  case_event: CaseEventTable;
  case_pause: CasePauseTable;
  notice_slip: NoticeSlipTable;
  lost_id_report: LostIdReportTable;
  counter_service: CounterServiceTable;
  counter_open: CounterOpenTable;
  queue_sequence: QueueSequenceTable;
  queue_issued: QueueIssuedTable;
  ticket: TicketTable;
  ticket_event: TicketEventTable;
  walk_in: WalkInTable;
  peak_event: PeakEventTable;
  setting: SettingTable;
  county: CountyTable;
  office: OfficeTable;
  office_hours: OfficeHoursTable;
  office_hours_exception: OfficeHoursExceptionTable;
  counter: CounterTable;
  service: ServiceTable;
  staff: StaffTable;
  session: SessionTable;
  login_throttle: LoginThrottleTable;
  audit_log: AuditLogTable;
  calendar_day: CalendarDayTable;
  calendar_import: CalendarImportTable;
  office_closure: OfficeClosureTable;
  job: JobTable;
  once_token: OnceTokenTable;
  rate_limit: RateLimitTable;
  notify_recipient: NotifyRecipientTable;
  notify_consent: NotifyConsentTable;
  notify_notice: NotifyNoticeTable;
  notify_attempt: NotifyAttemptTable;
  notify_batch: NotifyBatchTable;
  citizen_message: CitizenMessageTable;
  followup_item: FollowupItemTable;
  followup_list: FollowupListTable;
  birth_bundle: BirthBundleTable;
  reminder: ReminderTable;
  reminder_contact: ReminderContactTable;
  stat_file: StatFileTable;
  stat_town: StatTownTable;
  stat_village: StatVillageTable;
  pop_village_month: PopVillageMonthTable;
  pop_age: PopAgeTable;
  pop_events: PopEventsTable;
  addr_point: AddrPointTable;
  addr_event: AddrEventTable;
  renumbering: RenumberingTable;
  renumbering_item: RenumberingItemTable;
}
