import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseForm } from '../../../platform/http/forms.js';
import { knowsMessage, registerCatalog } from '../../../platform/i18n/index.js';
import { followupsCatalog } from './i18n.js';
import { ITEM_FIELDS, ITEM_KINDS, itemSchema, MAX_DEADLINE_DAYS, valuesOf } from './form.js';

registerCatalog(followupsCatalog);

// what a browser (or anything else) may send for one field: nothing, text of any kind, a number-ish string, a repeated field
const anyValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(''),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 400 }),
  fc.integer({ min: -10, max: 5000 }).map(String),
  fc.constantFrom('todo', 'benefit', 'https://www.bli.gov.tw', 'javascript:alert(1)', '//evil.example', '１８１', ' 89 ', '3.5'),
  fc.array(fc.string({ maxLength: 10 }), { minLength: 2, maxLength: 3 }),
);
const randomBody = fc.record(Object.fromEntries(ITEM_FIELDS.map((f) => [f, anyValue])) as Record<(typeof ITEM_FIELDS)[number], typeof anyValue>, { requiredKeys: [] });
// a good item with one to three fields replaced: most of what a person gets wrong is one field at a time
const GOOD: Record<string, unknown> = { kind: 'todo', titleZh: '遺產稅申報', titleEn: 'Estate tax return', placeZh: '國稅局', placeEn: 'Tax bureau', deadlineDays: '181', noteZh: '死亡之日起 6 個月內', noteEn: 'Within 6 months', link: 'https://www.etax.nat.gov.tw' };
const nearlyGood = fc
  .array(fc.tuple(fc.constantFrom(...ITEM_FIELDS), anyValue), { minLength: 1, maxLength: 3 })
  .map((changes) => {
    const body: Record<string, unknown> = { ...GOOD };
    for (const [f, v] of changes) if (v === undefined) delete body[f];
    else body[f] = v;
    return body;
  });
const anyBody = fc.oneof(randomBody, nearlyGood);

const text = (max: number) =>
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: max })
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && s.length <= max);

describe('the checklist item form under random input', () => {
  it('never throws; what it accepts keeps every rule, what it refuses is explained beside a known field and kept', () => {
    fc.assert(
      fc.property(anyBody, (body) => {
        const r = parseForm(itemSchema, body);
        if (r.ok) {
          const d = r.data;
          expect(ITEM_KINDS).toContain(d.kind);
          for (const [v, max] of [
            [d.titleZh, 120],
            [d.titleEn, 200],
            [d.placeZh, 120],
            [d.placeEn, 200],
          ] as const) {
            expect(v.length).toBeGreaterThan(0);
            expect(v.length).toBeLessThanOrEqual(max);
            expect(v).toBe(v.trim());
          }
          if (d.deadlineDays !== null) {
            expect(Number.isInteger(d.deadlineDays)).toBe(true);
            expect(d.deadlineDays).toBeGreaterThanOrEqual(1);
            expect(d.deadlineDays).toBeLessThanOrEqual(MAX_DEADLINE_DAYS);
            expect(d.noteZh.length).toBeGreaterThan(0);
          }
          expect(d.noteZh === '').toBe(d.noteEn === '');
          if (d.link !== null) expect(d.link).toMatch(/^https?:\/\/[^\s]+$/);
        } else {
          expect(r.state.errors.length).toBeGreaterThan(0);
          for (const e of r.state.errors) {
            expect(ITEM_FIELDS as readonly string[]).toContain(e.field);
            expect(knowsMessage(e.key), e.key).toBe(true);
          }
          for (const [k, v] of Object.entries(body)) if (typeof v === 'string') expect(r.state.values[k]).toBe(v);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts every well-formed item and gives it back unchanged through the edit form', () => {
    const item = fc.record({
      kind: fc.constantFrom(...ITEM_KINDS),
      titleZh: text(120),
      titleEn: text(200),
      placeZh: text(120),
      placeEn: text(200),
      deadline: fc.option(fc.integer({ min: 1, max: MAX_DEADLINE_DAYS })),
      note: fc.option(fc.tuple(text(300), text(400))),
      link: fc.option(fc.webUrl({ validSchemes: ['https'] }).filter((u) => u.length <= 300 && new URL(u).hostname.includes('.'))),
    });
    fc.assert(
      fc.property(item, (i) => {
        const note = i.note ?? (i.deadline === null ? null : (['依主管機關公告', 'As announced'] as [string, string]));
        const body = {
          kind: i.kind,
          titleZh: i.titleZh,
          titleEn: i.titleEn,
          placeZh: i.placeZh,
          placeEn: i.placeEn,
          deadlineDays: i.deadline === null ? '' : String(i.deadline),
          noteZh: note?.[0] ?? '',
          noteEn: note?.[1] ?? '',
          link: i.link ?? '',
        };
        const r = parseForm(itemSchema, body);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.data).toEqual({ kind: i.kind, titleZh: i.titleZh, titleEn: i.titleEn, placeZh: i.placeZh, placeEn: i.placeEn, deadlineDays: i.deadline, noteZh: body.noteZh, noteEn: body.noteEn, link: i.link });
        // stored, then opened for editing: the same values come back
        const stored = { kind: r.data.kind, title: r.data.titleZh, title_en: r.data.titleEn, place: r.data.placeZh, place_en: r.data.placeEn, deadline_days: r.data.deadlineDays, deadline_note: r.data.noteZh, deadline_note_en: r.data.noteEn, link: r.data.link };
        expect(valuesOf(stored)).toEqual(body);
      }),
      { numRuns: 500 },
    );
  });
});
