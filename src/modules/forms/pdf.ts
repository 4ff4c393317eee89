import PDFDocument from 'pdfkit';
import { AppError } from '../../platform/errors.js';
import { cjkFontFile } from '../../platform/pdf.js';

/**
 * A filled application form in the paper form's layout: a title, a bordered
 * table per section (label box with its English sub-label, value box), and
 * empty signature/seal boxes for signing at the counter. Tagged: language
 * zh-Hant-TW, the title shown, H1/H2/Table/TR/TH/TD structure; the lines are
 * artifacts so a screen reader skips them.
 */
export interface PdfRow {
  label: string;
  sub: string;
  value: string;
}
export interface PdfSection {
  heading: string;
  sub: string;
  rows: PdfRow[];
}
export interface FormPdf {
  title: string;
  subTitle: string;
  note: string;
  sections: PdfSection[];
  /** the empty boxes at the bottom: 申請人簽名或蓋章 … */
  signatures: { label: string; sub: string }[];
  /** 申請日期 and the date, printed above the signature boxes */
  dated: PdfRow;
}

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;
const MARGIN = 40;
const LABEL_W = 170;

function artifact(doc: Doc, draw: () => void) {
  doc.markContent('Artifact', { type: 'Layout' } as PDFKit.Mixins.MarkingOptions);
  draw();
  doc.endMarkedContent();
}

function ensureRoom(doc: Doc, h: number) {
  if (doc.y + h > doc.page.height - MARGIN) {
    doc.addPage();
    doc.y = MARGIN;
  }
}

function labelCell(doc: Doc, tr: Struct, row: { label: string; sub: string }, x: number, y: number, h: number) {
  artifact(doc, () => doc.rect(x, y, LABEL_W, h).fillAndStroke('#f2f2f2', '#333333'));
  tr.add(
    doc.struct('TH', {}, () => {
      doc.fillColor('#000000').fontSize(10.5).text(row.label, x + 5, y + 3, { width: LABEL_W - 10 });
      doc.fillColor('#444444').fontSize(7.5).text(row.sub, x + 5, doc.y, { width: LABEL_W - 10 });
    }),
  );
}

function rowHeight(doc: Doc, row: PdfRow, valueW: number): number {
  const label = doc.fontSize(10.5).heightOfString(row.label, { width: LABEL_W - 10 }) + doc.fontSize(7.5).heightOfString(row.sub, { width: LABEL_W - 10 });
  const value = doc.fontSize(11).heightOfString(row.value || ' ', { width: valueW - 10 });
  return Math.max(26, label + 6, value + 10);
}

function fieldRow(doc: Doc, table: Struct, row: PdfRow, valueW: number) {
  const h = rowHeight(doc, row, valueW);
  ensureRoom(doc, h);
  const y = doc.y;
  const tr = doc.struct('TR');
  table.add(tr);
  labelCell(doc, tr, row, MARGIN, y, h);
  const x = MARGIN + LABEL_W;
  artifact(doc, () => doc.rect(x, y, valueW, h).strokeColor('#333333').stroke());
  tr.add(
    doc.struct('TD', {}, () => {
      doc.fillColor('#000000').fontSize(11).text(row.value || '—', x + 5, y + 5, { width: valueW - 10 });
    }),
  );
  doc.x = MARGIN;
  doc.y = y + h;
}

function heading(doc: Doc, root: Struct, tag: 'H1' | 'H2', text: string, sub: string, width: number) {
  if (tag === 'H1') {
    root.add(doc.struct('H1', {}, () => doc.fillColor('#000000').fontSize(18).text(text, MARGIN, doc.y, { width, align: 'center' })));
    root.add(doc.struct('P', {}, () => doc.fillColor('#444444').fontSize(10).text(sub, MARGIN, doc.y, { width, align: 'center' })));
    doc.moveDown(0.4);
    return;
  }
  ensureRoom(doc, 50);
  // the section's name and its English one on one line, one heading
  root.add(
    doc.struct('H2', {}, () => {
      doc.fillColor('#000000').fontSize(12).text(`${text}  `, MARGIN, doc.y, { continued: true });
      doc.fillColor('#444444').fontSize(8).text(sub);
    }),
  );
  doc.moveDown(0.2);
}

function signatureBoxes(doc: Doc, root: Struct, form: FormPdf, width: number) {
  const head = 30;
  const h = 70;
  // the date and the boxes stay together on one page
  ensureRoom(doc, 30 + head + h);
  const table = doc.struct('Table');
  root.add(table);
  fieldRow(doc, table, form.dated, width - LABEL_W);
  const w = width / form.signatures.length;
  const y = doc.y;
  const tr = doc.struct('TR');
  table.add(tr);
  form.signatures.forEach((s, i) => {
    const x = MARGIN + i * w;
    artifact(doc, () => {
      doc.rect(x, y, w, head).fillAndStroke('#f2f2f2', '#333333');
      doc.rect(x, y + head, w, h).strokeColor('#333333').stroke();
    });
    tr.add(
      doc.struct('TH', {}, () => {
        doc.fillColor('#000000').fontSize(10).text(s.label, x + 5, y + 3, { width: w - 10, lineBreak: false });
        doc.fillColor('#444444').fontSize(7.5).text(s.sub, x + 5, doc.y, { width: w - 10, lineBreak: false });
      }),
    );
  });
  doc.x = MARGIN;
  doc.y = y + head + h + 8;
}

export async function renderFormPdf(form: FormPdf): Promise<Buffer> {
  const font = cjkFontFile();
  if (!font) throw new AppError('unavailable', 'error.unavailable.title');
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    lang: 'zh-Hant-TW',
    tagged: true,
    displayTitle: true,
    pdfVersion: '1.7',
    info: { Title: form.title, Subject: form.subTitle, Creator: 'Huzheng', Producer: 'Huzheng' },
  });
  doc.registerFont('body', font, font.endsWith('.ttc') ? 'NotoSansCJKtc-Regular' : undefined);
  doc.font('body');
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const root = doc.struct('Document');
  doc.addStructure(root);
  const width = doc.page.width - 2 * MARGIN;

  heading(doc, root, 'H1', form.title, form.subTitle, width);
  for (const section of form.sections) {
    heading(doc, root, 'H2', section.heading, section.sub, width);
    const table = doc.struct('Table');
    root.add(table);
    for (const row of section.rows) fieldRow(doc, table, row, width - LABEL_W);
    doc.moveDown(0.5);
  }
  signatureBoxes(doc, root, form, width);
  root.add(
    doc.struct('P', {}, () => {
      doc.fillColor('#444444').fontSize(8).text(form.note, MARGIN, doc.y, { width });
    }),
  );
  root.end();
  doc.end();
  return finished;
}
