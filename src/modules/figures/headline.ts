import { get, histogramPercentile, histogramSum, mean, partsOf, share, type Tally } from '../../platform/figures/index.js';
import { wilsonPercent } from '../../platform/figures/index.js';
import type { Locale, Translate } from '../../platform/i18n/index.js';

/**
 * The figures a county compares and a plan's indicators read, each worked
 * out from a tally of any grain. `better` says which way is good (for the
 * league tables' order and the colour of a change); null for plain volumes.
 */
export interface FigureDef {
  key: string;
  group: 'queue' | 'booking' | 'cases' | 'petitions' | 'surveys' | 'other';
  unit: 'count' | 'percent' | 'minutes' | 'days';
  better: 'higher' | 'lower' | null;
  value(t: Tally): number | null;
}

const sumParts = (t: Tally, prefix: string) => Object.values(partsOf(t, prefix)).reduce((a, b) => a + b, 0);
const tenths = (v: number | null) => (v === null ? null : v / 10);
const satisfied = (t: Tally, prefix: string) => get(t, `${prefix}4`) + get(t, `${prefix}5`);

export const FIGURES: FigureDef[] = [
  { key: 'tickets', group: 'queue', unit: 'count', better: null, value: (t) => get(t, 'q.tickets') },
  { key: 'waitP50', group: 'queue', unit: 'minutes', better: 'lower', value: (t) => tenths(histogramPercentile(t, 'q.wait.', 50)) },
  { key: 'waitP90', group: 'queue', unit: 'minutes', better: 'lower', value: (t) => tenths(histogramPercentile(t, 'q.wait.', 90)) },
  { key: 'within15', group: 'queue', unit: 'percent', better: 'higher', value: (t) => share(get(t, 'q.within15'), get(t, 'q.waited')) },
  { key: 'serviceP50', group: 'queue', unit: 'minutes', better: 'lower', value: (t) => tenths(histogramPercentile(t, 'q.serve.', 50)) },
  { key: 'queueNoShowRate', group: 'queue', unit: 'percent', better: 'lower', value: (t) => share(get(t, 'q.noShow'), get(t, 'q.tickets')) },
  { key: 'transfers', group: 'queue', unit: 'count', better: null, value: (t) => get(t, 'q.transfers') },
  { key: 'supportOpened', group: 'queue', unit: 'count', better: null, value: (t) => get(t, 'q.support') },
  { key: 'onlineShare', group: 'booking', unit: 'percent', better: 'higher', value: (t) => share(get(t, 'q.ch.booking'), get(t, 'q.tickets')) },
  { key: 'bookings', group: 'booking', unit: 'count', better: null, value: (t) => get(t, 'b.booked') },
  { key: 'bookingsOnline', group: 'booking', unit: 'percent', better: 'higher', value: (t) => share(get(t, 'b.online'), get(t, 'b.booked')) },
  { key: 'bookingCancelled', group: 'booking', unit: 'count', better: null, value: (t) => get(t, 'b.cancelled') },
  { key: 'bookingNoShowRate', group: 'booking', unit: 'percent', better: 'lower', value: (t) => share(get(t, 'b.noShow'), get(t, 'b.noShow') + get(t, 'b.came')) },
  { key: 'leadDays', group: 'booking', unit: 'days', better: null, value: (t) => mean(get(t, 'b.lead'), get(t, 'b.booked')) },
  { key: 'homeVisits', group: 'booking', unit: 'count', better: null, value: (t) => get(t, 'b.home') },
  { key: 'homeVisitDays', group: 'booking', unit: 'days', better: 'lower', value: (t) => mean(get(t, 'b.homeLead'), get(t, 'b.homeServed')) },
  { key: 'casesReceived', group: 'cases', unit: 'count', better: null, value: (t) => get(t, 'c.received') },
  { key: 'casesClosed', group: 'cases', unit: 'count', better: null, value: (t) => get(t, 'c.closed') },
  { key: 'caseOnTime', group: 'cases', unit: 'percent', better: 'higher', value: (t) => share(get(t, 'c.onTime'), get(t, 'c.closed')) },
  { key: 'caseDays', group: 'cases', unit: 'days', better: 'lower', value: (t) => mean(sumParts(t, 'c.wd.'), get(t, 'c.closed')) },
  { key: 'caseLimitDays', group: 'cases', unit: 'days', better: null, value: (t) => mean(sumParts(t, 'c.limit.'), get(t, 'c.closed')) },
  { key: 'oneNotice', group: 'cases', unit: 'percent', better: 'higher', value: (t) => share(get(t, 'c.oneNotice'), get(t, 'c.noticed')) },
  { key: 'petitions', group: 'petitions', unit: 'count', better: null, value: (t) => get(t, 'p.received') },
  { key: 'petitionOnTime', group: 'petitions', unit: 'percent', better: 'higher', value: (t) => share(get(t, 'p.onTime'), get(t, 'p.replied')) },
  { key: 'petitionDays', group: 'petitions', unit: 'days', better: 'lower', value: (t) => mean(histogramSum(t, 'p.wd.'), get(t, 'p.replied')) },
  { key: 'handlingSatisfaction', group: 'petitions', unit: 'percent', better: 'higher', value: (t) => share(satisfied(t, 'p.rating.'), get(t, 'p.rated')) },
  { key: 'questionnaires', group: 'surveys', unit: 'count', better: null, value: (t) => get(t, 's.n.service') },
  { key: 'satisfaction', group: 'surveys', unit: 'percent', better: 'higher', value: (t) => share(satisfied(t, 's.sc.service.'), sumParts(t, 's.sc.service.')) },
  { key: 'lostIdReports', group: 'other', unit: 'count', better: null, value: (t) => get(t, 'l.reports') },
  { key: 'searches', group: 'other', unit: 'count', better: null, value: (t) => get(t, 'x.searches') },
  { key: 'searchesNone', group: 'other', unit: 'percent', better: 'lower', value: (t) => share(get(t, 'x.none'), get(t, 'x.searches')) },
];

export const FIGURE_KEYS = FIGURES.map((f) => f.key);
export const figureDef = (key: string): FigureDef | undefined => FIGURES.find((f) => f.key === key);

/** The satisfaction rate's 95% interval (Wilson), in percent with one decimal; null without answers. */
export function satisfactionInterval(t: Tally): { low: number; high: number } | null {
  return wilsonPercent(satisfied(t, 's.sc.service.'), sumParts(t, 's.sc.service.'));
}

/** Every figure of a tally, by key. */
export function figuresOf(t: Tally): Record<string, number | null> {
  return Object.fromEntries(FIGURES.map((f) => [f.key, f.value(t)]));
}

/** Change from a previous value: percentage points for percentages, per cent growth for the rest; null when either is missing or the base is 0. */
export function change(def: FigureDef, now: number | null, before: number | null): number | null {
  if (now === null || before === null) return null;
  if (def.unit === 'percent') return Math.round((now - before) * 10) / 10;
  if (before === 0) return null;
  return Math.round(((now - before) / before) * 1000) / 10;
}

/** +2.5 個百分點（進步） / −12%（退步） / —: the word says better or worse, so colour is never the only sign (figures pages and the business report alike). */
export function changeInWords(def: Pick<FigureDef, 'unit' | 'better'>, change: number | null, t: Translate, locale: Locale, digits = 1): { text: string; tone: 'better' | 'worse' | 'same' | 'none' } {
  if (change === null) return { text: '—', tone: 'none' };
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±';
  const abs = Math.abs(change).toLocaleString(locale === 'en' ? 'en-GB' : 'zh-TW', { maximumFractionDigits: digits });
  const text = def.unit === 'percent' ? t('figures.change.points', { n: `${sign}${abs}` }) : `${sign}${abs}%`;
  if (change === 0 || def.better === null) return { text, tone: 'same' };
  const good = def.better === 'higher' ? change > 0 : change < 0;
  return { text: `${text}${t(good ? 'figures.change.better' : 'figures.change.worse')}`, tone: good ? 'better' : 'worse' };
}
