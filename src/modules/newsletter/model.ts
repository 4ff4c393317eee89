import { createHash, randomBytes } from 'node:crypto';

/** Words and states: README.md. */
export const SUBSCRIBER_STATES = ['pending', 'active', 'unsubscribed', 'bounced'] as const;
export type SubscriberState = (typeof SUBSCRIBER_STATES)[number];
export const ISSUE_STATES = ['draft', 'sending', 'sent'] as const;
export type IssueState = (typeof ISSUE_STATES)[number];
export type DeliveryState = 'pending' | 'sent' | 'failed' | 'skipped';

/** A confirmation link works this long. */
export const CONFIRM_DAYS = 7;
/** One confirmation mail per address in this window, however often the form is sent. */
export const CONFIRM_MAIL_WINDOW_MS = 10 * 60_000;
/** Soft bounces (4.x.x) in a row that count as a hard one. */
export const SOFT_BOUNCE_LIMIT = 3;
/** Tries of one issue mail before its delivery is failed. */
export const MAIL_ATTEMPTS = 5;
/** Most news items in one issue. */
export const MAX_ITEMS = 20;

export const SEND_JOB = 'newsletter.send';
export const MAIL_JOB_KIND = 'newsletter.mail';

/** A token for a link: 32 random bytes, URL-safe. Only its SHA-256 is stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The VERP tag of one delivery: lower-case hex, since some servers fold the local part's case. */
export function newBounceTag(): string {
  return randomBytes(10).toString('hex');
}

/** A link token as it may appear in a path: what newToken makes, nothing else reaches the database. */
export const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** How an address is kept: trimmed and lower case (one row per mailbox, whatever case it was typed in). */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The domain of the From address (`Name <a@b>` or `a@b`), for the bounce and unsubscribe addresses. */
export function mailDomain(from: string): string {
  const m = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from.trim());
  return m?.[1] ?? 'localhost';
}

export function bounceAddress(from: string, tag: string): string {
  return `bounce+${tag}@${mailDomain(from)}`;
}

/** The tag in a VERP bounce address, if the address is one of ours. */
export function tagOfBounceAddress(address: string): string | null {
  return /^bounce\+([0-9a-f]{20})@/i.exec(address.trim())?.[1]?.toLowerCase() ?? null;
}
