/**
 * A PNG image of the QR code, for labels and the CLI's --qr-png. Bytes out, no file I/O here.
 * Error correction: the fact sheet names no level for Matter labels, so 'M' (15 % recovery) is used,
 * the common choice for printed labels; the "MT:" text stays in QR alphanumeric mode, so the symbol
 * is small (version 2, 25×25 modules, for a 22-character code).
 */
import { toBuffer } from 'qrcode';

export const QR_ERROR_CORRECTION_LEVEL = 'M';

export async function renderQrCodePng(text: string, options: { scale?: number; margin?: number } = {}): Promise<Uint8Array> {
  const png = await toBuffer(text, { type: 'png', errorCorrectionLevel: QR_ERROR_CORRECTION_LEVEL, scale: options.scale ?? 8, margin: options.margin ?? 4 });
  return new Uint8Array(png);
}
