import { z } from 'zod';
import type { Database, Executor } from '../../db/index.js';
import { writeTransaction } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import { fields } from '../../platform/http/forms.js';
import type { A11yBadge } from '../../platform/http/context.js';
import type { Locale } from '../../platform/i18n/index.js';
import { officeScope, readSetting, readSettingEverywhere, writeSetting } from '../../platform/settings.js';
import type { Change } from './admin.js';
import { dropCached } from '../../platform/cache.js';

/**
 * The 無障礙網站標章 an office (or the county site) was granted: its public
 * footer shows the badge image linking to the certificate's page, with the
 * alt text the certificate came with. A setting, not a column: scope
 * 'office:<id>', or 'global' for the county site; no setting, no badge.
 *
 * The image is a file shipped under /static/img/ or an uploaded one kept
 * inline as a data: URL: the CSP lets pages show only our own images and
 * data:, and a badge is a few kilobytes.
 */
export const BADGE_KEY = 'a11yBadge';
export const BADGE_IMAGE_MAX_BYTES = 20 * 1024;
export const BADGE_IMAGE_TYPES = ['image/png', 'image/gif', 'image/jpeg', 'image/webp'];

function isHttps(v: string): boolean {
  try {
    const u = new URL(v);
    return u.protocol === 'https:' && u.hostname.includes('.');
  } catch {
    return false;
  }
}

const imageSchema = z.union([
  z.string().regex(/^\/static\/img\/[a-z0-9][a-z0-9_-]*\.(?:svg|png|gif|jpe?g|webp)$/),
  z
    .string()
    .max(Math.ceil(BADGE_IMAGE_MAX_BYTES / 3) * 4 + 40)
    .regex(/^data:image\/(?:png|gif|jpeg|webp);base64,[A-Za-z0-9+/]+={0,2}$/),
]);

export const storedBadgeSchema = z.object({
  image: imageSchema,
  href: z.string().max(300).refine(isHttps),
  altZh: z.string().min(1).max(80),
  altEn: z.string().max(160).default(''),
});
export type StoredBadge = z.infer<typeof storedBadgeSchema>;

/** A missing, removed (null) or no longer valid value all mean: no badge. */
const settingSchema = storedBadgeSchema.nullable().catch(null);

/** What staff type; the image comes as a file beside it. */
export const badgeFormSchema = z.object({
  href: z.string({ error: 'err.required' }).trim().min(1, 'err.required').max(300, 'err.tooLong').refine(isHttps, 'offices.err.mapUrl'),
  altZh: fields.text(80),
  altEn: fields.optionalText(160).transform((v) => v ?? ''),
});
export type BadgeForm = z.infer<typeof badgeFormSchema>;

export const badgeScope = (officeId: number | null): string => (officeId === null ? 'global' : officeScope(officeId));

export function readBadge(db: Executor, officeId: number | null): Promise<StoredBadge | null> {
  return readSetting(db, badgeScope(officeId), BADGE_KEY, settingSchema);
}

/** Every badge of the deployment by settings scope, for the footers of the county and its offices. */
export async function badgesByScope(db: Executor): Promise<Map<string, StoredBadge>> {
  const all = await readSettingEverywhere(db, BADGE_KEY, settingSchema);
  const out = new Map<string, StoredBadge>();
  for (const [scope, badge] of all) if (badge) out.set(scope, badge);
  return out;
}

/** The badge as a page in this language shows it; an English page without English alt text says so with lang. */
export function showBadge(b: StoredBadge, locale: Locale): A11yBadge {
  if (locale !== 'en') return { image: b.image, href: b.href, alt: b.altZh };
  return b.altEn ? { image: b.image, href: b.href, alt: b.altEn } : { image: b.image, href: b.href, alt: b.altZh, altLang: 'zh-Hant-TW' };
}

export function imageDataUrl(mime: string, bytes: Uint8Array): string {
  return `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`;
}

export interface BadgeOwner {
  officeId: number | null;
  countyId: number;
}

/** Sets (or with null, removes) a badge, with its audit row; the audit names an uploaded image by size, never its bytes. */
export async function saveBadge(database: Database, owner: BadgeOwner, badge: StoredBadge | null, c: Change): Promise<void> {
  const value = badge === null ? null : storedBadgeSchema.parse(badge);
  await writeTransaction(database, async (trx) => {
    await writeSetting(trx, badgeScope(owner.officeId), BADGE_KEY, value, c.actor.id, c.now);
    const detail = value
      ? { href: value.href, altZh: value.altZh, altEn: value.altEn, image: value.image.startsWith('data:') ? `upload ${value.image.length} chars` : value.image }
      : {};
    await recordAudit(
      trx,
      {
        actor: c.actor,
        action: value ? 'offices.badge.save' : 'offices.badge.remove',
        target: owner.officeId === null ? { type: 'county', id: owner.countyId } : { type: 'office', id: owner.officeId },
        officeId: owner.officeId,
        countyId: owner.countyId,
        detail,
        ip: c.ip ?? null,
      },
      c.now,
    );
  });
  // every page's footer shows the badge: the cached county record goes (platform/cache.ts)
  dropCached('offices');
}

/** The demo's badge: a drawn image that says 示範 on it, linking to the badge programme's own site. Not a certificate. */
export function seedDemoBadge(db: Executor, officeId: number, now: Date): Promise<void> {
  const demo: StoredBadge = {
    image: '/static/img/a11y-badge-demo.svg',
    href: 'https://accessibility.moda.gov.tw/',
    altZh: '通過AA檢測等級無障礙網頁檢測（示範用，非正式標章）',
    altEn: 'Passed the level AA web accessibility check (demo, not a real badge)',
  };
  return writeSetting(db, badgeScope(officeId), BADGE_KEY, demo, null, now);
}
