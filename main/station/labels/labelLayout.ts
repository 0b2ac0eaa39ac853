/**
 * Where things go on a device label, in millimetres from the top-left corner: the QR code's dark
 * modules and three lines of text (a small "Matter", the manual pairing code, the serial number).
 * SVG, PDF and ZPL all draw this one layout, so the three outputs agree. Pure: values in, numbers out.
 *
 * A label wider than tall has the QR on the left and the text beside it; a taller one has the text
 * centred below the QR.
 */
import { create } from 'qrcode';
import type { LabelTemplate } from '../../../preload/contract/settings';
import { QR_ERROR_CORRECTION_LEVEL } from '../../matter/onboarding/qrImage';

/** What a label shows: the values recorded for a device that passed. */
export interface LabelValues {
  readonly serialNumber: string;
  /** "MT:…" */
  readonly qrPayload: string;
  /** 11 or 21 digits, as recorded (formatted for print here). */
  readonly manualCode: string;
}

/**
 * Quiet zone of 4 modules on every side, as ISO/IEC 18004 asks. Fewer (2) would let the QR grow by
 * ~15 % on a small label, but the label is often stuck on a dark or printed housing, so nothing
 * outside the label can be counted as quiet zone, and phone cameras in a dim workshop are the
 * scanners that most need it; the Matter codes are short (version 2–3), so 4 modules still fit.
 */
export const QUIET_ZONE_MODULES = 4;

/** Kept blank at the label's edge: die-cut and printer registration tolerance. */
const EDGE_MM = 1;
const MM_PER_INCH = 25.4;
/** Helvetica's cap height, as a fraction of the font size. */
const CAP_HEIGHT = 0.72;

export interface LabelText {
  readonly text: string;
  /** Left edge ('start') or centre ('middle') of the line. */
  readonly x: number;
  readonly baseline: number;
  /** Font size (em) in millimetres. */
  readonly sizeMm: number;
  readonly bold: boolean;
  readonly anchor: 'start' | 'middle';
  /** The width the line may take (for ZPL's field block and for checks). */
  readonly maxWidthMm: number;
}

export interface LabelQr {
  /** Top-left of the first module (inside the quiet zone). */
  readonly x: number;
  readonly y: number;
  readonly moduleMm: number;
  /** Modules per side. */
  readonly size: number;
  /** Each dark module as [row, column]. */
  readonly dark: ReadonlyArray<readonly [number, number]>;
}

export interface LabelLayout {
  readonly widthMm: number;
  readonly heightMm: number;
  readonly dpi: number;
  readonly qr: LabelQr;
  readonly texts: readonly LabelText[];
}

/** As Matter apps and packaging show it: 11 digits as 4-3-4 ("3497-011-2332"), 21 digits as 4-3-4-5-5. */
export function formatManualCode(code: string): string {
  const digits = code.replace(/[\s-]/g, '');
  const groups = digits.length === 11 ? [4, 3, 4] : digits.length === 21 ? [4, 3, 4, 5, 5] : null;
  if (groups === null || !/^\d+$/.test(digits)) return code;
  const parts: string[] = [];
  let at = 0;
  for (const length of groups) {
    parts.push(digits.slice(at, at + length));
    at += length;
  }
  return parts.join('-');
}

/** The QR symbol's modules, at error correction M like every other QR image the station makes. */
export function qrModules(payload: string): { size: number; dark: Array<[number, number]> } {
  const { modules } = create(payload, { errorCorrectionLevel: QR_ERROR_CORRECTION_LEVEL });
  const dark: Array<[number, number]> = [];
  for (let row = 0; row < modules.size; row += 1) {
    for (let column = 0; column < modules.size; column += 1) {
      if (modules.data[row * modules.size + column] !== 0) dark.push([row, column]);
    }
  }
  return { size: modules.size, dark };
}

/**
 * Helvetica advance widths (per em), by kind of character; a little generous so text measured here
 * fits in every renderer (the window's sans-serif, PDF Helvetica, the printer's font 0).
 */
function textWidthEm(text: string, bold: boolean): number {
  let width = 0;
  for (const char of text) {
    if (/[0-9]/.test(char)) width += 0.556;
    else if (char === '-' || char === ' ' || char === '.' || char === ':' || char === '/') width += 0.34;
    else if (/[A-Z]/.test(char)) width += bold ? 0.76 : 0.72;
    else if (/[a-z]/.test(char)) width += bold ? 0.6 : 0.56;
    else width += 0.7;
  }
  return width;
}

/** The largest font size (mm) at which `text` fits `widthMm`, but no larger than `capMm`. */
function fitSize(text: string, bold: boolean, widthMm: number, capMm: number): number {
  const em = textWidthEm(text, bold);
  return em === 0 ? capMm : Math.min(capMm, (widthMm * 0.97) / em);
}

/** Three lines stacked and centred vertically in [top, bottom]. */
function stackLines(
  lines: ReadonlyArray<{ text: string; bold: boolean; sizeMm: number }>,
  area: { x: number; width: number; top: number; bottom: number; anchor: 'start' | 'middle' },
): LabelText[] {
  const gap = Math.max(...lines.map((line) => line.sizeMm)) * 0.4;
  const total = lines.reduce((sum, line) => sum + line.sizeMm * CAP_HEIGHT, 0) + gap * (lines.length - 1);
  let baseline = area.top + Math.max(0, (area.bottom - area.top - total) / 2);
  return lines.map((line, index) => {
    baseline += line.sizeMm * CAP_HEIGHT + (index === 0 ? 0 : gap);
    return { ...line, x: area.x, baseline, anchor: area.anchor, maxWidthMm: area.width };
  });
}

/** Module size snapped down to whole printer dots, so a print at the template's dpi has even modules. */
function snappedModuleMm(blockMm: number, modulesPerSide: number, dpi: number): number {
  const dots = Math.max(1, Math.floor(((blockMm / modulesPerSide) * dpi) / MM_PER_INCH));
  return (dots * MM_PER_INCH) / dpi;
}

export function layoutLabel(values: LabelValues, template: LabelTemplate): LabelLayout {
  const { widthMm, heightMm, dpi } = template;
  const symbol = qrModules(values.qrPayload);
  const blockModules = symbol.size + 2 * QUIET_ZONE_MODULES;
  const landscape = widthMm >= heightMm;
  const maxBlock = landscape ? Math.min(heightMm - 2 * EDGE_MM, (widthMm - 2 * EDGE_MM) * 0.55) : Math.min(widthMm - 2 * EDGE_MM, (heightMm - 2 * EDGE_MM) * 0.6);
  const moduleMm = snappedModuleMm(maxBlock, blockModules, dpi);
  const blockMm = moduleMm * blockModules;
  const blockX = landscape ? EDGE_MM : (widthMm - blockMm) / 2;
  const blockY = landscape ? (heightMm - blockMm) / 2 : EDGE_MM;
  const qr: LabelQr = {
    x: blockX + QUIET_ZONE_MODULES * moduleMm,
    y: blockY + QUIET_ZONE_MODULES * moduleMm,
    moduleMm,
    size: symbol.size,
    dark: symbol.dark,
  };

  // The quiet zone already separates the text from the modules; the text column starts after it.
  const area = landscape
    ? { x: blockX + blockMm, width: widthMm - EDGE_MM - (blockX + blockMm), top: EDGE_MM, bottom: heightMm - EDGE_MM, anchor: 'start' as const }
    : { x: widthMm / 2, width: widthMm - 2 * EDGE_MM, top: blockY + blockMm, bottom: heightMm - EDGE_MM, anchor: 'middle' as const };
  const room = area.bottom - area.top;
  const code = formatManualCode(values.manualCode);
  const serial = `SN ${values.serialNumber}`;
  const codeSize = fitSize(code, true, area.width, room * (landscape ? 0.2 : 0.3));
  const serialSize = fitSize(serial, false, area.width, codeSize * 0.75);
  const matterSize = fitSize('Matter', false, area.width, codeSize * 0.6);
  const texts = stackLines(
    [
      { text: 'Matter', bold: false, sizeMm: matterSize },
      { text: code, bold: true, sizeMm: codeSize },
      { text: serial, bold: false, sizeMm: serialSize },
    ],
    area,
  );
  return { widthMm, heightMm, dpi, qr, texts };
}
