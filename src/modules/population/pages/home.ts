import type { HomeBlock, HuzhengModule } from '../../../platform/module.js';
import { translator } from '../../../platform/i18n/index.js';
import { latestTotals } from './service.js';
import { areaName, count, monthLabel } from './views/format.js';

/**
 * The 人口統計 block of a home page: the latest month's people and
 * households of the office's town (of the county on the county home),
 * 「人口 212,345 人（115年10月）」, linking to the population page. No block
 * before anything is published.
 */
export const populationHomeBlock: NonNullable<HuzhengModule['homeBlock']> = async (officeId, officeCode, locale, s): Promise<HomeBlock | null> => {
  const totals = await latestTotals(s.database.db, officeId);
  if (totals.length === 0) return null;
  const t = translator(locale);
  const page = officeCode ? `/o/${officeCode}/population` : '/population';
  const several = totals.length > 1;
  const items = totals.flatMap((row, i) => {
    // an office serving several towns names each; its own page shows the first, the others have theirs
    const href = i === 0 ? page : `/population/t/${row.area.code}`;
    const params = { n: '', month: monthLabel(row.month, locale), town: areaName(row.area, locale) };
    return [
      { href, label: t(several ? 'population.pages.home.townPeople' : 'population.pages.home.people', { ...params, n: count(row.people, locale) }), date: null },
      { href: `${href}#summary`, label: t(several ? 'population.pages.home.townHouseholds' : 'population.pages.home.households', { ...params, n: count(row.households, locale) }), date: null },
    ];
  });
  return { titleKey: 'population.pages.title', moreHref: page, items };
};
