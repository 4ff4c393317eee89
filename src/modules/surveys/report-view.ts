import { showPeriod } from '../../platform/layout/dates.js';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Executor } from '../../db/index.js';
import { addDays, taipeiToday } from '../../platform/calendar/index.js';
import type { Sheet } from '../../platform/export/index.js';
import type { OfficeInfo } from '../../platform/http/context.js';
import type { Locale, Translate } from '../../platform/i18n/index.js';
import { officesService } from '../offices/index.js';
import { type GroupSummary, keywords, type ReportFilter, texts } from './report.js';
import { reportFigures } from './report-rollup.js';
import { currentVersion, type SurveyRow } from './service.js';
import { fromDistribution, type ScaleSummary } from './stats.js';
import type { ReportView } from './views/report.js';

/** The offices' services, and the name a report shows for a service code in the reader's language. */
export async function serviceNames(db: Executor, offices: OfficeInfo[], req: FastifyRequest) {
  const services = await officesService.servicesOfOffices(
    db,
    offices.map((o) => o.id),
  );
  const serviceName = (code: string) => {
    const x = services.find((v) => v.code === code);
    return x ? (req.locale === 'en' ? x.name_en : x.name_zh) : code || req.t('surveys.r.noService');
  };
  return { services, serviceName };
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined);
const opt = (n: number) => z.string().max(n).optional().catch(undefined);
const query = z.object({ from: day, to: day, office: opt(40), service: opt(40), channel: opt(20), gender: opt(20), age: opt(20), identity: opt(20), counter: z.coerce.number().int().min(1).max(99).optional().catch(undefined) });

/** Whether an office's interval sits above, across or below the county's rate. */
function band(s: ScaleSummary, county: ScaleSummary): string {
  if (s.low === null || s.high === null || county.rate === null) return 'few';
  if (s.low > county.rate) return 'above';
  if (s.high < county.rate) return 'below';
  return 'within';
}

/** The director's report; `raw` reads the raw tables even when the roll-up could answer (the tests' and the bench's yardstick). */
export async function buildReport(db: Executor, survey: SurveyRow, offices: OfficeInfo[], req: FastifyRequest, now: Date, opts: { raw?: boolean } = {}): Promise<ReportView> {
  const q = query.parse(req.query ?? {});
  const today = taipeiToday(now);
  const chosen = offices.filter((o) => !q.office || o.code === q.office);
  const f: ReportFilter = {
    surveyId: survey.id,
    officeIds: chosen.map((o) => o.id),
    from: q.from ?? addDays(today, -365),
    to: q.to ?? today,
    service: q.service || undefined,
    channel: q.channel || undefined,
    gender: q.gender || undefined,
    age: q.age || undefined,
    identity: q.identity || undefined,
    counter: q.counter,
  };
  const version = await currentVersion(db, survey);
  // the same questionnaire in every office of the county: everyone is compared with the county
  const all = survey.office_id === null ? (await officesService.listOfficeInfos(db, req.locale)).filter((o) => o.countyId === survey.county_id) : null;
  const [figures, comments] = await Promise.all([reportFigures(db, f, { now, peerOffices: all?.map((o) => o.id), ...(opts.raw ? { raw: true } : {}) }), texts(db, f, 30)]);
  const { responses: count, perQuestion: perQ, trend: tr, byService: svc, byChannel: ch, byWait: wait, choices: ch2 } = figures;
  const { services, serviceName } = await serviceNames(db, offices, req);
  let peers: ReportView['peers'] = null;
  let countyAverage: GroupSummary | null = null;
  if (all && figures.byOffice) {
    const m = figures.byOffice;
    const pooled: [number, number, number, number, number] = [0, 0, 0, 0, 0];
    let questionnaires = 0;
    for (const s of m.values()) {
      questionnaires += s.responses;
      s.distribution.forEach((n, i) => {
        pooled[i] = (pooled[i] ?? 0) + n;
      });
    }
    countyAverage = { ...fromDistribution(pooled), responses: questionnaires };
    const avg = countyAverage;
    peers = all
      .map((o) => ({ o, s: m.get(String(o.id)) ?? { ...fromDistribution([0, 0, 0, 0, 0]), responses: 0 } }))
      .sort((a, b) => (b.s.rate ?? -1) - (a.s.rate ?? -1))
      .map(({ o, s }) => ({ label: o.name, s, band: band(s, avg), mine: offices.some((x) => x.id === o.id) }));
    // an office sees itself against the county; only county staff see every office by name
    if (offices.length < all.length) peers = peers.filter((p) => p.mine);
  }
  const en = req.locale === 'en';
  return {
    surveyId: survey.id,
    title: en ? survey.title_en : survey.title_zh,
    kind: survey.kind,
    minGroup: survey.min_group,
    filters: { from: f.from, to: f.to, office: q.office ?? '', service: q.service ?? '', channel: q.channel ?? '', gender: q.gender ?? '', age: q.age ?? '', identity: q.identity ?? '', counter: q.counter ? String(q.counter) : '' },
    officeOptions: offices.length > 1 ? [{ value: '', label: req.t('surveys.r.all') }, ...offices.map((o) => ({ value: o.code, label: o.name }))] : [],
    serviceOptions: [...new Map(services.map((x) => [x.code, { value: x.code, label: en ? x.name_en : x.name_zh }])).values()],
    responses: count,
    overall: perQ.overall,
    questions: version.q.questions.filter((x) => x.type === 'scale').map((x) => ({ q: x, s: perQ.questions.get(x.key) })),
    choices: version.q.questions
      .filter((x) => x.type === 'single' || x.type === 'multi')
      .map((x) => ({ q: x, counts: x.options.map((o) => ({ label: en ? o.en : o.zh, n: ch2.get(x.key)?.get(o.value) ?? 0 })) })),
    months: tr.months,
    quarters: tr.quarters,
    byService: [...svc].map(([k, s]) => ({ label: serviceName(k), s })),
    byChannel: [...ch].map(([k, s]) => ({ label: req.t(`surveys.channel.${k || 'web'}`), s })),
    byWait: wait.map((w) => ({ label: w.band === 'none' ? req.t('surveys.r.noWait') : req.t('surveys.r.minutes', { band: w.band }), s: w.summary })),
    peers,
    countyAverage,
    comments: comments.map((c) => ({ id: c.id, day: c.day, text: c.text, low: c.low })),
    keywords: keywords(comments.map((c) => c.text)),
    query: new URLSearchParams(Object.entries({ from: f.from, to: f.to, office: q.office ?? '', service: q.service ?? '', channel: q.channel ?? '', gender: q.gender ?? '', age: q.age ?? '', identity: q.identity ?? '', counter: q.counter ? String(q.counter) : '' }).filter(([, v]) => v)).toString(),
  };
}

export function reportSheets(r: ReportView, t: Translate, locale: Locale = 'zh-Hant'): Sheet[] {
  const staff = r.kind === 'staff';
  // the anonymity rule counts people: a group of fewer questionnaires than min_group shows nothing
  const blank = [null, null, null, null, null];
  const group = (s: GroupSummary | undefined) => (!s || (staff && s.responses < r.minGroup) ? blank : [s.responses, s.rate, s.low, s.high, s.mean]);
  const question = (s: ScaleSummary | undefined, people: number) => (!s || (staff && people < r.minGroup) ? blank : [s.n, s.rate, s.low, s.high, s.mean]);
  const head = [t('surveys.r.n'), t('surveys.r.rate'), 'CI low', 'CI high', t('surveys.r.mean')];
  const answerHead = [t('surveys.r.answers'), ...head.slice(1)];
  return [
    // per question the count is of answers (the pooled row has several per questionnaire), and the heading says so
    { name: t('surveys.r.byQuestion'), headers: [t('surveys.r.question'), ...answerHead], rows: [[t('surveys.r.overall'), ...question(r.overall, r.responses)], ...r.questions.map((x) => [x.q.zh, ...question(x.s, x.s?.n ?? 0)])] },
    { name: t('surveys.r.byMonth'), headers: [t('surveys.r.period'), ...head, t('surveys.r.vsPrevious'), t('surveys.r.vsLastYear')], rows: r.months.map((p) => [showPeriod(p.period, locale), ...group(p.summary), p.vsPrevious, p.vsLastYear]) },
    { name: t('surveys.r.byQuarter'), headers: [t('surveys.r.period'), ...head, t('surveys.r.vsPrevious'), t('surveys.r.vsLastYear')], rows: r.quarters.map((p) => [showPeriod(p.period, locale), ...group(p.summary), p.vsPrevious, p.vsLastYear]) },
    { name: t('surveys.r.byService'), headers: [t('surveys.r.service'), ...head], rows: r.byService.map((x) => [x.label, ...group(x.s)]) },
    { name: t('surveys.r.byWait'), headers: [t('surveys.r.wait'), ...head], rows: r.byWait.map((x) => [x.label, ...group(x.s)]) },
    { name: t('surveys.r.byChannel'), headers: [t('surveys.r.channel'), ...head], rows: r.byChannel.map((x) => [x.label, ...group(x.s)]) },
    ...(r.peers ? [{ name: t('surveys.r.peers'), headers: [t('surveys.r.office'), ...head], rows: r.peers.map((x) => [x.label, ...group(x.s)]) }] : []),
  ];
}
