import type { Generated } from 'kysely';

/** Table types of this module, merged into the database's DB type (src/db/schema.ts). Words and states: README.md. */
export interface NewsletterSubscriberTable {
  id: Generated<number>;
  /** trimmed, lower case: one row per address (UNIQUE) */
  email: string;
  locale: string; // 'zh-Hant' | 'en'
  /** the office page it was signed up from; null: the county page */
  office_id: number | null;
  status: string; // 'pending' | 'active' | 'unsubscribed' | 'bounced'
  /** SHA-256 hex of the confirmation token while one is outstanding */
  confirm_hash: string | null;
  confirm_expires_at: string | null;
  confirmed_at: string | null;
  /** when it last became unsubscribed or bounced */
  left_at: string | null;
  soft_bounces: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface NewsletterIssueTable {
  id: Generated<number>;
  status: string; // 'draft' | 'sending' | 'sent'
  title_zh: string;
  title_en: string | null;
  intro_zh: string;
  intro_en: string | null;
  /** JSON array of the chosen news item ids, in order */
  items: string;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  send_started_at: string | null;
  /** 1 once a delivery row exists for every subscriber active when it was sent */
  fanned_out: Generated<number>;
  sent_at: string | null;
}

export interface NewsletterDeliveryTable {
  id: Generated<number>;
  issue_id: number;
  subscriber_id: number;
  status: string; // 'pending' | 'sent' | 'failed' | 'skipped'
  /** SHA-256 hex of the one-click unsubscribe token this mail carries */
  unsubscribe_hash: string;
  /** VERP tag: the mail's Return-Path is bounce+<tag>@<domain> */
  bounce_tag: string;
  sent_at: string | null;
  bounced_at: string | null;
  /** the DSN status code (5.1.1, 4.2.2 …) of the last bounce */
  bounce_status: string | null;
  created_at: string;
}

export interface NewsletterTables {
  newsletter_subscriber: NewsletterSubscriberTable;
  newsletter_issue: NewsletterIssueTable;
  newsletter_delivery: NewsletterDeliveryTable;
}
