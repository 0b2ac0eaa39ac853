/**
 * The label as a one-page PDF at the label's size, for any printer driver: QR modules as filled
 * rectangles, text in Helvetica (a PDF standard font: nothing embedded, nothing random). The dates
 * are an argument and pdf-lib's own metadata stamping is off, so the same inputs give the same bytes.
 */
import { PDFDocument, rgb, StandardFonts, type PDFFont } from 'pdf-lib';
import type { LabelTemplate } from '../../../preload/contract/settings';
import { layoutLabel, type LabelValues } from './labelLayout';

const POINTS_PER_MM = 72 / 25.4;
const BLACK = rgb(0, 0, 0);

export interface LabelPdfOptions {
  /** Written as the document's creation and modification date. */
  readonly date: Date;
}

/** Helvetica only encodes WinAnsi; anything else prints as "?" rather than failing the label. */
function printable(font: PDFFont, text: string): string {
  const supported = new Set(font.getCharacterSet());
  return Array.from(text, (char) => (supported.has(char.codePointAt(0) ?? 0) ? char : '?')).join('');
}

export async function renderLabelPdf(values: LabelValues, template: LabelTemplate, options: LabelPdfOptions): Promise<Uint8Array> {
  const layout = layoutLabel(values, template);
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(`Label for ${values.serialNumber}`);
  doc.setCreator('Matterline');
  doc.setProducer('Matterline');
  doc.setCreationDate(options.date);
  doc.setModificationDate(options.date);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const heightPt = layout.heightMm * POINTS_PER_MM;
  const page = doc.addPage([layout.widthMm * POINTS_PER_MM, heightPt]);

  // Horizontal runs of dark modules as one rectangle each: no seams between neighbours in viewers.
  const { qr } = layout;
  const moduleSize = qr.moduleMm * POINTS_PER_MM;
  const dark = new Set(qr.dark.map(([row, column]) => row * qr.size + column));
  for (let row = 0; row < qr.size; row += 1) {
    let column = 0;
    while (column < qr.size) {
      if (!dark.has(row * qr.size + column)) {
        column += 1;
        continue;
      }
      const start = column;
      while (column < qr.size && dark.has(row * qr.size + column)) column += 1;
      page.drawRectangle({
        x: (qr.x + start * qr.moduleMm) * POINTS_PER_MM,
        // PDF's y runs up from the bottom edge.
        y: heightPt - (qr.y + (row + 1) * qr.moduleMm) * POINTS_PER_MM,
        width: (column - start) * moduleSize,
        height: moduleSize,
        color: BLACK,
      });
    }
  }

  for (const line of layout.texts) {
    const font = line.bold ? bold : regular;
    const text = printable(font, line.text);
    const size = line.sizeMm * POINTS_PER_MM;
    const width = font.widthOfTextAtSize(text, size);
    const x = line.anchor === 'middle' ? line.x * POINTS_PER_MM - width / 2 : line.x * POINTS_PER_MM;
    page.drawText(text, { x, y: heightPt - line.baseline * POINTS_PER_MM, size, font, color: BLACK });
  }
  // Without object streams the document information (title, dates) stays readable as plain text.
  return doc.save({ useObjectStreams: false });
}
