import type { Executor } from '../../db/index.js';
import { writeTransaction, type Database } from '../../db/index.js';
import type { ContentItemTable } from '../../db/schema.js';
import { recordAudit } from '../../platform/audit/index.js';
import { cached } from '../../platform/cache.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { taipeiToday } from '../../platform/calendar/index.js';
import type { Locale } from '../../platform/i18n/index.js';
import { type Kind, isPublished } from './model.js';
import * as repo from './repo.js';

export type ItemRow = Omit<ContentItemTable, 'id' | 'audience' | 'marquee' | 'helpful_yes' | 'helpful_no'> & { id: number; audience: string; marquee: number; helpful_yes: number; helpful_no: number };

export interface PublicItem {
  id: number;
  kind: Kind;
  officeId: number | null;
  category: string;
  audience: string;
  title: string;
  body: string;
  date: string;
  /** when this item last changed on the public site: it went live (publish_from) or was edited, whichever is later */
  changedAt: string;
  marquee: boolean;
  guideCode: string | null;
  opengov: number | null;
  owner: string | null;
  reviewOn: string | null;
  file: { name: string; mime: string; size: number } | null;
  helpful: { yes: number; no: number };
}

/**
 * Published items of a kind for an office (its own and the county's), in
 * the reader's language, falling back to Chinese when a translation is
 * missing. Content changes rarely: the rows marked published and their
 * texts are kept per process until content changes (platform/cache.ts);
 * the publishing window is checked on each call, so an item still goes
 * live and off at its minute.
 */
export async function published(db: Executor, kind: Kind | null, officeId: number | null, locale: Locale | string, now: Date): Promise<PublicItem[]> {
  const { rows, texts } = await cached(db, ['content'], `content:published:${kind}:${officeId}`, async () => {
    const rows = await repo.publishedItems(db, kind, officeId);
    return { rows, texts: await repo.textsOf(db, rows.map((i) => i.id)) };
  });
  const items = rows.filter((i) => isPublished(i, now));
  return items
    .map((i) => {
      const t = texts.find((x) => x.item_id === i.id && x.locale === locale) ?? texts.find((x) => x.item_id === i.id && x.locale === 'zh-Hant');
      return {
        id: i.id,
        kind: i.kind as Kind,
        officeId: i.office_id,
        category: i.category,
        audience: i.audience,
        title: t?.title ?? '',
        body: t?.body ?? '',
        date: (i.publish_from ?? i.created_at).slice(0, 10),
        changedAt: latestInstant([i.publish_from ?? i.created_at, i.updated_at]) ?? i.updated_at,
        marquee: i.marquee === 1,
        guideCode: i.guide_code,
        opengov: i.opengov_category,
        owner: i.owner,
        reviewOn: i.review_on,
        file: i.file_name ? { name: i.file_name, mime: i.file_mime ?? 'application/octet-stream', size: i.file_size ?? 0 } : null,
        helpful: { yes: i.helpful_yes, no: i.helpful_no },
      };
    })
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : b.id - a.id));
}

/** The latest of some ISO instants (null when there are none): a list page changed when its latest item did. */
export function latestInstant(instants: (string | null | undefined)[]): string | null {
  let best: string | null = null;
  for (const i of instants) if (i && (best === null || new Date(i).getTime() > new Date(best).getTime())) best = i;
  return best;
}

/** What the hall's display board scrolls: published news marked for the marquee, newest first. */
export async function marqueeItems(db: Executor, officeId: number, locale: Locale, now: Date): Promise<string[]> {
  return (await published(db, 'news', officeId, locale, now)).filter((n) => n.marquee).map((n) => n.title);
}

export interface SaveInput {
  id: number | null;
  kind: Kind;
  officeId: number | null;
  category: string;
  audience: string;
  status: 'draft' | 'published';
  publishFrom: string | null;
  publishUntil: string | null;
  marquee: boolean;
  guideCode: string | null;
  opengov: number | null;
  owner: string | null;
  reviewOn: string | null;
  file: { name: string; mime: string; bytes: Buffer } | null;
  texts: { locale: string; title: string; body: string }[];
}

/** Saves an item and its translations; every save of a text is kept as a revision with who and when. */
/** A reader's answer to "was this helpful?": the running count and the day's count move together. */
export async function answerHelpful(database: Database, itemId: number, yes: boolean, now: Date): Promise<void> {
  await writeTransaction(database, async (trx) => {
    await repo.countHelpful(trx, itemId, yes);
    await repo.countHelpfulOnDay(trx, itemId, taipeiToday(now), yes);
  });
}

export async function saveItem(database: Database, input: SaveInput, staff: StaffPrincipal, ip: string | null, now: Date): Promise<number> {
  const iso = now.toISOString();
  const id = await writeTransaction(database, async (trx) => {
    const values = {
      office_id: input.officeId,
      kind: input.kind,
      category: input.category,
      audience: input.audience,
      status: input.status,
      publish_from: input.publishFrom,
      publish_until: input.publishUntil,
      marquee: input.marquee ? 1 : 0,
      guide_code: input.guideCode,
      opengov_category: input.opengov,
      owner: input.owner,
      review_on: input.reviewOn,
      updated_at: iso,
      updated_by: staff.id,
      ...(input.file ? { file_name: input.file.name, file_mime: input.file.mime, file_size: input.file.bytes.length, file: input.file.bytes } : {}),
    };
    let itemId = input.id;
    if (itemId === null) itemId = await repo.insertItem(trx, { ...values, created_at: iso });
    else await repo.updateItem(trx, itemId, values);
    for (const t of input.texts) await repo.saveText(trx, itemId, t, { status: input.status, at: iso, by: staff.id });
    await recordAudit(trx, { actor: staff, action: 'content.save', target: { type: 'content', id: itemId }, officeId: input.officeId, detail: { kind: input.kind, status: input.status }, ip }, now);
    return itemId;
  });
  return id;
}

/** Every text of every item live now (all offices, every language), for the link check: id, kind, language, title and body. */
export async function liveTexts(db: Executor, now: Date): Promise<{ id: number; kind: Kind; locale: string; title: string; body: string }[]> {
  const items = (await repo.publishedItems(db, null, null)).filter((i) => isPublished(i, now));
  const kinds = new Map(items.map((i) => [i.id, i.kind as Kind]));
  const texts = await repo.textsOf(db, [...kinds.keys()]);
  return texts.map((t) => ({ id: t.item_id, kind: kinds.get(t.item_id) ?? 'news', locale: t.locale, title: t.title, body: t.body }));
}

/** Kinds that get a review date one year after publishing when the editor leaves it empty (news dates itself; §7 items ask for one). */
export const REVIEW_DEFAULT_KINDS: readonly Kind[] = ['faq', 'page', 'download'];

/** The review date an item is saved with: the one typed, else a year after it goes live for FAQ, pages and downloads. */
export function reviewDateFor(kind: Kind, typed: string | null, publishFrom: string | null, status: string, now: Date): string | null {
  if (typed) return typed;
  if (status !== 'published' || !REVIEW_DEFAULT_KINDS.includes(kind)) return null;
  const day = taipeiToday(publishFrom ? new Date(publishFrom) : now);
  return `${Number(day.slice(0, 4)) + 1}${day.slice(4) === '-02-29' ? '-02-28' : day.slice(4)}`;
}

/** Items whose review date has passed (any kind, draft or published), oldest date first, for the editors' list. */
export async function overdueReviews(db: Executor, today: string, officeIds: number[] | null) {
  const rows = await repo.reviewsOverdue(db, today, officeIds);
  const texts = await repo.textsOf(db, rows.map((r) => r.id), 'zh-Hant');
  return rows.map((r) => ({ id: r.id, kind: r.kind as Kind, officeId: r.office_id, reviewOn: r.review_on ?? '', owner: r.owner, status: r.status, title: texts.find((t) => t.item_id === r.id)?.title ?? '' }));
}
