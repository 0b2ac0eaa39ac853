/**
 * Device labels, pure: the values recorded for a passed device and the station's label template in,
 * an SVG (preview), PDF bytes or ZPL text out. No I/O; the PDF's date is an argument.
 */
export { formatManualCode, layoutLabel, qrModules, QUIET_ZONE_MODULES, type LabelLayout, type LabelQr, type LabelText, type LabelValues } from './labelLayout';
export { renderLabelPdf, type LabelPdfOptions } from './labelPdf';
export { escapeXml, renderLabelSvg } from './labelSvg';
export { escapeZplField, renderLabelZpl } from './labelZpl';
