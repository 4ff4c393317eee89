import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/errors.js';
import { type Locale, translator } from '../../../platform/i18n/index.js';
import type { AppServices } from '../../../platform/module.js';
import { listPdf, listRow, listView } from './public.js';
import { FollowupListPage } from './views/public.js';

// the code generateFollowupList makes: 9 random bytes in base64url (12 characters); a little room either side
const CODE = /^[\w-]{8,32}$/;

/**
 * The language of a list: ?lang= when the link asks for one, else the
 * language the citizen chose at the counter (the list's locale), not
 * whatever this browser last used on the site.
 */
function localeFor(req: FastifyRequest, listLocale: string): Locale {
  const asked = (req.query as { lang?: unknown } | undefined)?.lang;
  if (asked === 'en' || asked === 'zh-Hant') return asked;
  return listLocale === 'en' ? 'en' : 'zh-Hant';
}

/** The citizen's follow-up list, by its code alone: a page and a printable PDF, kept out of search engines and shared caches. */
export function publicRoutes(app: FastifyInstance, s: AppServices) {
  const db = s.database.db;

  app.get('/f/:code', async (req, reply) => {
    const raw = String((req.params as { code: string }).code);
    const pdf = raw.endsWith('.pdf');
    const code = pdf ? raw.slice(0, -4) : raw;
    reply.header('x-robots-tag', 'noindex, nofollow').header('cache-control', 'private, no-store');
    if (!CODE.test(code)) throw new AppError('not_found', 'error.notFound.title');
    const row = await listRow(db, code);
    const locale = localeFor(req, row.locale);
    req.locale = locale;
    req.t = translator(locale);
    const view = await listView(db, row, locale);
    if (pdf) return reply.type('application/pdf').header('content-disposition', `inline; filename="followups-${code}.pdf"`).send(await listPdf(view, req.t));
    return reply.render(FollowupListPage({ ctx: await req.view(), list: view }));
  });
}
