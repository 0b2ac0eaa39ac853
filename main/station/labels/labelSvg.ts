/**
 * The label as a self-contained SVG document at its real size (width/height in mm, a viewBox in
 * mm), for the window's preview and its PNG. One <rect> per dark QR module, so a test can count
 * them against the QR matrix; text is escaped for XML and uses fonts every system has. The root
 * carries the template's printer resolution (data-dpi), so the window rasterises its PNG at it.
 */
import type { LabelTemplate } from '../../../preload/contract/settings';
import { layoutLabel, type LabelValues } from './labelLayout';

/** Millimetres with at most 3 decimals (a micrometre): short output, the same text on every call. */
function mm(value: number): string {
  return String(Number(value.toFixed(3)));
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export function renderLabelSvg(values: LabelValues, template: LabelTemplate): string {
  const layout = layoutLabel(values, template);
  const { qr } = layout;
  const size = mm(qr.moduleMm);
  const modules = qr.dark.map(([row, column]) => `<rect x="${mm(qr.x + column * qr.moduleMm)}" y="${mm(qr.y + row * qr.moduleMm)}" width="${size}" height="${size}"/>`);
  const texts = layout.texts.map(
    (line) =>
      `<text x="${mm(line.x)}" y="${mm(line.baseline)}" font-size="${mm(line.sizeMm)}"${line.bold ? ' font-weight="bold"' : ''}${line.anchor === 'middle' ? ' text-anchor="middle"' : ''}>${escapeXml(line.text)}</text>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${mm(layout.widthMm)}mm" height="${mm(layout.heightMm)}mm" viewBox="0 0 ${mm(layout.widthMm)} ${mm(layout.heightMm)}" data-dpi="${layout.dpi}">`,
    `<title>${escapeXml(`Label for ${values.serialNumber}`)}</title>`,
    `<rect class="label-background" width="${mm(layout.widthMm)}" height="${mm(layout.heightMm)}" fill="#fff"/>`,
    // crispEdges: neighbouring modules meet without the hairline seams anti-aliasing leaves.
    `<g class="qr" fill="#000" shape-rendering="crispEdges">${modules.join('')}</g>`,
    `<g class="label-text" fill="#000" font-family="Helvetica, Arial, 'Liberation Sans', sans-serif">${texts.join('')}</g>`,
    '</svg>',
  ].join('\n');
}
