import { describe, expect, it } from 'vitest';
import { translator } from '../../platform/i18n/index.js';
import { allIndicators, indicatorDef } from '../../platform/indicators/index.js';
import '../booking/index.js';
import '../content/index.js';
import '../figures/index.js';
import '../petitions/index.js';
import '../surveys/index.js';
import './index.js';
import { type TemplateItem, TEMPLATES, templateIndicators } from './templates.js';

/**
 * The built-in templates against the registry the modules fill: a plan
 * started from a template must find every indicator it names, measured in
 * the unit and direction the template gives its target in, and score out
 * of 100 points.
 */
const leafPoints = (items: TemplateItem[]): number => items.reduce((sum, i) => sum + (i.children?.length ? leafPoints(i.children) : (i.points10 ?? 0)), 0);

const measures = (items: TemplateItem[]): NonNullable<TemplateItem['measures']> => items.flatMap((i) => [...(i.measures ?? []), ...measures(i.children ?? [])]);

describe('plan templates', () => {
  for (const t of TEMPLATES) {
    it(`${t.key}: every indicator it names is registered`, () => {
      const missing = templateIndicators(t).filter((key) => !indicatorDef(key));
      expect(missing).toEqual([]);
    });

    it(`${t.key}: each indicator's unit and direction are the ones the template's targets are written in`, () => {
      const wrong = measures(t.items)
        .filter((m) => m.indicator)
        .map((m) => ({ key: m.indicator, def: indicatorDef(m.indicator!), m }))
        .filter(({ def, m }) => def && (def.unit !== m.unit || def.better !== m.better))
        .map(({ key, def, m }) => `${key}: registry ${def?.unit}/${def?.better}, template ${m.unit}/${m.better}`);
      expect(wrong).toEqual([]);
    });

    it(`${t.key}: points add up to 100 (1000 tenths), and no leaf is without points`, () => {
      expect(leafPoints(t.items)).toBe(1000);
      const leaves = (items: TemplateItem[]): TemplateItem[] => items.flatMap((i) => (i.children?.length ? leaves(i.children) : [i]));
      expect(leaves(t.items).filter((i) => !i.points10)).toEqual([]);
    });
  }

  it('every registered indicator has a title and a description in Chinese and English', () => {
    const missing: string[] = [];
    for (const locale of ['zh-Hant', 'en'] as const) {
      const t = translator(locale);
      for (const d of allIndicators()) for (const key of [d.titleKey, `${d.titleKey}.desc`]) if (t(key) === key) missing.push(`${locale} ${key}`);
    }
    expect(missing).toEqual([]);
  });

  it('the modules register the 25 indicators outside the plan registers', () => {
    const keys = allIndicators()
      .map((d) => d.key)
      .filter((k) => !k.startsWith('plan.') && !k.startsWith('reviewtest.'));
    expect(keys.sort()).toEqual(
      [
        ...['queue.waitP50', 'queue.waitP90', 'queue.within15', 'queue.supportOpened'],
        ...['booking.onlineShare', 'booking.onlineShareGrowth', 'booking.noShowRate', 'booking.homeVisitWithin3'],
        ...['cases.onTime', 'cases.daysOfLimit', 'cases.oneNotice'],
        ...['petitions.onTime', 'petitions.handlingSatisfaction', 'petitions.handlingSatisfactionGrowth', 'petitions.mediaItems', 'petitions.mediaClarifyDays'],
        ...['surveys.satisfaction', 'surveys.satisfactionGrowth', 'surveys.staffSatisfaction', 'surveys.phoneCourtesy'],
        ...['content.opengovCategories', 'content.reviewsOverdue', 'content.faqHelpful', 'content.newsPublished'],
        'search.noResultShare',
      ].sort(),
    );
  });
});
