import type { Db } from '../../db/index.js';
import type { Sheet } from '../../platform/export/index.js';
import type { Translate } from '../../platform/i18n/index.js';
import { calendarFor } from './escalation.js';
import * as repo from './repo.js';
import { workingDaysTaken } from './rules.js';

export interface PetitionFigures {
  byChannel: { key: string; n: number }[];
  byCategory: { key: string; n: number }[];
  total: number;
  replied: number;
  onTime: number;
  onTimeRate: number | null;
  meanDays: number | null;
  p90Days: number | null;
  rated: number;
  satisfied: number;
  satisfactionRate: number | null;
  meanRating: number | null;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Cases by channel and category, on-time reply rate, working days to reply (mean, p90), satisfaction. */
export async function petitionFigures(db: Db, officeId: number, from: string, to: string): Promise<PetitionFigures> {
  const rows = await repo.receivedBetween(db, officeId, from, to);
  const pauses = await repo.pausesOfMany(
    db,
    rows.map((r) => r.id),
  );
  const cal = await calendarFor(db, officeId);
  const count = (key: (r: (typeof rows)[number]) => string) => {
    const m = new Map<string, number>();
    for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
    return [...m].map(([k, n]) => ({ key: k, n })).sort((a, b) => b.n - a.n);
  };
  const answered = rows.filter((r) => r.replied_on && r.received_on);
  const days = answered
    .map((r) => workingDaysTaken(cal, r.received_on!, r.replied_on!, pauses.filter((p) => p.petition_id === r.id).map((p) => ({ from: p.from_date, to: p.to_date ?? r.replied_on! }))))
    .sort((a, b) => a - b);
  const onTime = answered.filter((r) => r.due_on && r.replied_on! <= r.due_on).length;
  const rated = rows.filter((r) => r.rating !== null);
  const satisfied = rated.filter((r) => (r.rating ?? 0) >= 4).length;
  return {
    byChannel: count((r) => r.channel),
    byCategory: count((r) => r.category),
    total: rows.length,
    replied: answered.length,
    onTime,
    onTimeRate: answered.length ? round1((onTime / answered.length) * 100) : null,
    meanDays: days.length ? round1(days.reduce((a, b) => a + b, 0) / days.length) : null,
    // nearest-rank p90
    p90Days: days.length ? (days[Math.ceil((90 * days.length) / 100) - 1] ?? null) : null,
    rated: rated.length,
    satisfied,
    satisfactionRate: rated.length ? round1((satisfied / rated.length) * 100) : null,
    meanRating: rated.length ? round1(rated.reduce((a, r) => a + (r.rating ?? 0), 0) / rated.length) : null,
  };
}

export function figureSheets(f: PetitionFigures, t: Translate): Sheet[] {
  return [
    {
      name: t('petitions.fig.summary'),
      headers: [t('petitions.fig.measure'), t('petitions.fig.value')],
      rows: [
        [t('petitions.fig.total'), f.total],
        [t('petitions.fig.replied'), f.replied],
        [t('petitions.fig.onTimeRate'), f.onTimeRate],
        [t('petitions.fig.meanDays'), f.meanDays],
        [t('petitions.fig.p90Days'), f.p90Days],
        [t('petitions.fig.rated'), f.rated],
        [t('petitions.fig.satisfactionRate'), f.satisfactionRate],
        [t('petitions.fig.meanRating'), f.meanRating],
      ],
    },
    { name: t('petitions.fig.byChannel'), headers: [t('petitions.f.channel'), t('petitions.fig.count')], rows: f.byChannel.map((r) => [t(`petitions.channel.${r.key}`), r.n]) },
    { name: t('petitions.fig.byCategory'), headers: [t('petitions.f.category'), t('petitions.fig.count')], rows: f.byCategory.map((r) => [t(`petitions.category.${r.key}`), r.n]) },
  ];
}
