import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { AppError } from './errors.js';

/**
 * PDFs citizens keep (notice slips, guide checklists): real text, tagged
 * for screen readers, language zh-TW, with a subset of a Traditional-Chinese
 * font embedded. Each block is a structure element (H1, H2, P, L/LI) so the
 * reading order survives.
 *
 * The font: CJK_FONT when set, else Debian's Noto Sans CJK TC (fonts-noto-cjk)
 * when present, else Noto Sans TC shipped through npm
 * (@expo-google-fonts/noto-sans-tc, OFL-1.1, its LICENSE_FONT travels with
 * it), so a fresh machine with Node and npm alone makes the same PDFs
 * (docs/decisions/0007).
 */
const require = createRequire(import.meta.url);
function npmFont(file: string): string | undefined {
  try {
    return require.resolve(`@expo-google-fonts/noto-sans-tc/${file}`);
  } catch {
    return undefined;
  }
}
const systemFonts = process.env.HZ_NO_SYSTEM_FONTS === 'true' ? [] : null;
const FONT_CANDIDATES = [
  process.env.CJK_FONT,
  ...(systemFonts ?? ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc']),
  npmFont('400Regular/NotoSansTC_400Regular.ttf'),
].filter((p): p is string => !!p);
const BOLD_CANDIDATES = [
  ...(systemFonts ?? ['/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', '/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc']),
  npmFont('700Bold/NotoSansTC_700Bold.ttf'),
].filter((p): p is string => !!p);

/** Which font file the PDFs embed (the first that exists). */
export function cjkFontFile(): string | undefined {
  return FONT_CANDIDATES.find((p) => existsSync(p));
}

export interface PdfWriter {
  h1(text: string): void;
  h2(text: string): void;
  p(text: string, opts?: { size?: number; bold?: boolean }): void;
  list(items: string[]): void;
  /** a tagged table (Table/TR/TH/TD), columns sharing the page width by the given weights */
  table(headers: string[], rows: (string | number | null)[][], weights?: number[]): void;
  rule(): void;
  done(): Promise<Buffer>;
}

export function createPdf(meta: { title: string; lang?: string; subject?: string }): PdfWriter {
  const regular = cjkFontFile();
  if (!regular) throw new AppError('unavailable', 'error.unavailable.title');
  const bold = BOLD_CANDIDATES.find((p) => existsSync(p)) ?? regular;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    lang: meta.lang ?? 'zh-TW',
    tagged: true,
    displayTitle: true,
    pdfVersion: '1.7',
    info: { Title: meta.title, Subject: meta.subject ?? meta.title, Creator: 'Huzheng', Producer: 'Huzheng' },
  });
  // a .ttc holds several faces and needs the face's name; a .ttf has one
  const face = (file: string, name: string) => (file.endsWith('.ttc') ? name : undefined);
  doc.registerFont('body', regular, face(regular, 'NotoSansCJKtc-Regular'));
  doc.registerFont('bold', bold, face(bold, 'NotoSansCJKtc-Bold'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const root = doc.struct('Document');
  doc.addStructure(root);

  const block = (tag: string, font: string, size: number, text: string, gap = 0.4) => {
    root.add(
      doc.struct(tag, {}, () => {
        doc.font(font).fontSize(size).text(text, { lineGap: 2 });
      }),
    );
    doc.moveDown(gap);
  };

  return {
    h1: (text) => block('H1', 'bold', 20, text, 0.6),
    h2: (text) => block('H2', 'bold', 14, text, 0.3),
    p: (text, opts = {}) => block('P', opts.bold ? 'bold' : 'body', opts.size ?? 11, text),
    list(items) {
      const list = doc.struct('L');
      root.add(list);
      items.forEach((item, i) => {
        list.add(
          doc.struct('LI', {}, () => {
            doc.font('body').fontSize(12).text(`${i + 1}. ${item}`, { indent: 8, lineGap: 2 });
          }),
        );
        doc.moveDown(0.25);
      });
      doc.moveDown(0.4);
    },
    table(headers, rows, weights) {
      const left = doc.page.margins.left;
      const width = doc.page.width - left - doc.page.margins.right;
      const w = weights ?? headers.map(() => 1);
      const total = w.reduce((a, b) => a + b, 0);
      const cols = w.map((x) => (x / total) * width);
      const table = doc.struct('Table');
      root.add(table);
      const line = (cells: (string | number | null)[], head: boolean) => {
        const texts = cells.map((c) => (c === null ? '—' : String(c)));
        doc.font(head ? 'bold' : 'body').fontSize(10);
        const h = Math.max(...texts.map((t, i) => doc.heightOfString(t, { width: (cols[i] ?? 0) - 6 }))) + 6;
        if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
        const y = doc.y;
        const tr = doc.struct('TR');
        table.add(tr);
        let x = left;
        texts.forEach((t, i) => {
          const cw = cols[i] ?? 0;
          tr.add(
            doc.struct(head ? 'TH' : 'TD', {}, () => {
              doc.font(head ? 'bold' : 'body').fontSize(10).text(t, x + 3, y + 3, { width: cw - 6 });
            }),
          );
          x += cw;
        });
        doc.markContent('Artifact', { type: 'Layout' } as PDFKit.Mixins.MarkingOptions);
        doc.moveTo(left, y + h).lineTo(left + width, y + h).strokeColor(head ? '#333333' : '#bbbbbb').stroke();
        doc.endMarkedContent();
        doc.x = left;
        doc.y = y + h;
      };
      line(headers, true);
      for (const r of rows) line(r, false);
      doc.moveDown(0.8);
    },
    rule() {
      // decoration, not content: marked as an artifact so screen readers skip it
      doc.markContent('Artifact', { type: 'Layout' } as PDFKit.Mixins.MarkingOptions);
      doc.moveTo(doc.page.margins.left, doc.y).lineTo(doc.page.width - doc.page.margins.right, doc.y).strokeColor('#888888').stroke();
      doc.endMarkedContent();
      doc.moveDown(0.6);
    },
    async done() {
      root.end();
      doc.end();
      return finished;
    },
  };
}
