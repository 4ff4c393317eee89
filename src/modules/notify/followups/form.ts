import { z } from 'zod';
import { fields } from '../../../platform/http/forms.js';

/** Longest deadline a checklist item may name: ten years covers every limitation period the lists cite. */
export const MAX_DEADLINE_DAYS = 3650;

export const ITEM_KINDS = ['todo', 'benefit'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** What one checklist item holds, as the service takes it. */
export interface ItemInput {
  kind: ItemKind;
  titleZh: string;
  titleEn: string;
  placeZh: string;
  placeEn: string;
  deadlineDays: number | null;
  noteZh: string;
  noteEn: string;
  link: string | null;
}

const days = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    const n = /^\d{1,5}$/.test(v.normalize('NFKC')) ? Number(v.normalize('NFKC')) : Number.NaN;
    if (!Number.isInteger(n) || n < 1 || n > MAX_DEADLINE_DAYS) {
      ctx.addIssue({ code: 'custom', message: 'notify.followups.err.days' });
      return z.NEVER;
    }
    return n;
  });

const link = z
  .string()
  .trim()
  .max(300, 'err.tooLong')
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    // only web addresses a citizen can open: no javascript:, no relative paths, no spaces
    let ok = false;
    try {
      const u = new URL(v);
      ok = (u.protocol === 'https:' || u.protocol === 'http:') && !/\s/.test(v) && u.hostname.includes('.');
    } catch {
      ok = false;
    }
    if (!ok) {
      ctx.addIssue({ code: 'custom', message: 'notify.followups.err.link' });
      return z.NEVER;
    }
    return v;
  });

/**
 * The item form. A deadline in days needs its legal wording (the note says
 * which period of which law, so the date shown is never a bare number), and
 * a note in one language needs the other: the list is read in both.
 */
export const itemSchema = z
  .object({
    kind: z.enum(ITEM_KINDS, { error: 'err.choice' }),
    titleZh: fields.text(120),
    titleEn: fields.text(200),
    placeZh: fields.text(120),
    placeEn: fields.text(200),
    deadlineDays: days,
    noteZh: z.string().trim().max(300, 'err.tooLong').optional().default(''),
    noteEn: z.string().trim().max(400, 'err.tooLong').optional().default(''),
    link,
  })
  .superRefine((v, ctx) => {
    if (v.deadlineDays !== null && !v.noteZh) ctx.addIssue({ code: 'custom', path: ['noteZh'], message: 'notify.followups.err.noteForDays' });
    if (v.noteZh && !v.noteEn) ctx.addIssue({ code: 'custom', path: ['noteEn'], message: 'notify.followups.err.noteEn' });
    if (v.noteEn && !v.noteZh) ctx.addIssue({ code: 'custom', path: ['noteZh'], message: 'notify.followups.err.noteZh' });
  })
  .transform(
    (v): ItemInput => ({
      kind: v.kind,
      titleZh: v.titleZh,
      titleEn: v.titleEn,
      placeZh: v.placeZh,
      placeEn: v.placeEn,
      deadlineDays: v.deadlineDays,
      noteZh: v.noteZh,
      noteEn: v.noteEn,
      link: v.link,
    }),
  );

/** The form's values for an item already stored (the edit page starts from these). */
export function valuesOf(r: { kind: string; title: string; title_en: string; place: string; place_en: string; deadline_days: number | null; deadline_note: string; deadline_note_en: string; link: string | null }) {
  return {
    kind: r.kind,
    titleZh: r.title,
    titleEn: r.title_en,
    placeZh: r.place,
    placeEn: r.place_en,
    deadlineDays: r.deadline_days === null ? '' : String(r.deadline_days),
    noteZh: r.deadline_note,
    noteEn: r.deadline_note_en,
    link: r.link ?? '',
  };
}

export const ITEM_FIELDS = ['kind', 'titleZh', 'titleEn', 'placeZh', 'placeEn', 'deadlineDays', 'noteZh', 'noteEn', 'link'] as const;
