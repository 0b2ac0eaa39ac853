/**
 * The label as ZPL II for Zebra-compatible label printers, at the template's resolution
 * (dots = mm / 25.4 × dpi). The QR code is the printer's own (^BQ, model 2, error correction M like
 * the other outputs), so it prints crisp at any dpi; text is the printer's scalable font 0.
 * Field data is hex-escaped (^FH, "_" + two hex digits) for ^ ~ _ and anything outside printable
 * ASCII (as UTF-8 bytes, ^CI28), so a serial number can never end a field or start a command.
 */
import type { LabelTemplate } from '../../../preload/contract/settings';
import { layoutLabel, type LabelValues } from './labelLayout';

const MM_PER_INCH = 25.4;
/** ^BQ accepts magnification 1–10 (dots per module). */
const MAX_QR_MAGNIFICATION = 10;
/** Font 0's cell top sits about this much of its height above the baseline. */
const FONT0_ASCENT = 0.8;

/** "^", "~" and "_" (and non-ASCII bytes) as _XX, for a field opened with ^FH. */
export function escapeZplField(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0x20 && code < 0x7f && char !== '^' && char !== '~' && char !== '_') {
      out += char;
      continue;
    }
    for (const byte of new TextEncoder().encode(char)) out += `_${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function renderLabelZpl(values: LabelValues, template: LabelTemplate): string {
  const layout = layoutLabel(values, template);
  const dots = (mmValue: number): number => Math.round((mmValue / MM_PER_INCH) * layout.dpi);
  const { qr } = layout;
  const magnification = Math.min(MAX_QR_MAGNIFICATION, Math.max(1, dots(qr.moduleMm)));
  const lines = [
    '^XA',
    '^CI28',
    `^PW${dots(layout.widthMm)}`,
    `^LL${dots(layout.heightMm)}`,
    '^LH0,0',
    `^FO${dots(qr.x)},${dots(qr.y)}^BQN,2,${magnification},M^FH^FDMA,${escapeZplField(values.qrPayload)}^FS`,
  ];
  for (const text of layout.texts) {
    const height = Math.max(10, dots(text.sizeMm));
    const width = dots(text.maxWidthMm);
    const left = text.anchor === 'middle' ? dots(text.x - text.maxWidthMm / 2) : dots(text.x);
    const top = Math.max(0, dots(text.baseline) - Math.round(height * FONT0_ASCENT));
    lines.push(`^FO${left},${top}^A0N,${height},${height}^FB${width},1,0,${text.anchor === 'middle' ? 'C' : 'L'}^FH^FD${escapeZplField(text.text)}^FS`);
  }
  lines.push('^XZ');
  return `${lines.join('\n')}\n`;
}
