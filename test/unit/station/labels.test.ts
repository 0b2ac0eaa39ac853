// Device labels, pure: SVG, PDF and ZPL from a device's recorded values and the label template.
import { create } from 'qrcode';
import { describe, expect, it } from 'vitest';
import type { LabelTemplate } from '../../../preload/contract/settings';
import { formatManualCode, layoutLabel, QUIET_ZONE_MODULES, renderLabelPdf, renderLabelSvg, renderLabelZpl, type LabelValues } from '../../../main/station/labels';

// The Matter SDK's example codes (discriminator 3840, passcode 20202021).
const values: LabelValues = { serialNumber: 'ML-000123', qrPayload: 'MT:Y.K9042C00KA0648G00', manualCode: '34970112332' };
const template: LabelTemplate = { template: 'qr-manual-serial', widthMm: 50, heightMm: 30, dpi: 203 };
const date = new Date('2026-03-04T05:06:07Z');

/** Dark modules of the symbol as the qrcode package makes it, at the station's error correction. */
function darkModuleCount(payload: string): number {
  return create(payload, { errorCorrectionLevel: 'M' }).modules.data.reduce((sum, bit) => sum + (bit === 0 ? 0 : 1), 0);
}

describe('manual code as printed', () => {
  it('groups 11 digits 4-3-4 and 21 digits 4-3-4-5-5', () => {
    expect(formatManualCode('34970112332')).toBe('3497-011-2332');
    expect(formatManualCode('749701123365521327694')).toBe('7497-011-2336-55213-27694');
  });

  it('leaves anything that is not a manual code alone', () => {
    expect(formatManualCode('12345')).toBe('12345');
  });
});

describe('label SVG', () => {
  const svg = renderLabelSvg(values, template);

  it('is a standalone document at the label size in millimetres', () => {
    expect(svg).toMatch(/^<\?xml /);
    expect(svg).toContain('width="50mm" height="30mm" viewBox="0 0 50 30"');
  });

  it('shows the serial number and the manual code as Matter prints it', () => {
    expect(svg).toContain('ML-000123');
    expect(svg).toContain('>3497-011-2332</text>');
    expect(svg).toContain('>Matter</text>');
  });

  it('draws one rectangle per dark module of the QR symbol', () => {
    const group = /<g class="qr"[^>]*>(.*?)<\/g>/s.exec(svg)?.[1] ?? '';
    const rects = group.match(/<rect /g) ?? [];
    expect(rects.length).toBe(darkModuleCount(values.qrPayload));
    expect(rects.length).toBeGreaterThan(100);
  });

  it('escapes text for XML', () => {
    const odd = renderLabelSvg({ ...values, serialNumber: 'A<B>&"C' }, template);
    expect(odd).toContain('A&#60;B&#62;&#38;&#34;C');
    expect(odd).not.toContain('A<B');
  });
});

describe('label layout', () => {
  const templates: LabelTemplate[] = [
    template,
    { template: 'qr-manual-serial', widthMm: 15, heightMm: 10, dpi: 600 },
    { template: 'qr-manual-serial', widthMm: 25, heightMm: 40, dpi: 300 },
    { template: 'qr-manual-serial', widthMm: 150, heightMm: 150, dpi: 203 },
  ];
  it.each(templates)('keeps the QR and its quiet zone on a $widthMm × $heightMm mm label, modules in whole dots', (shape) => {
    const { qr } = layoutLabel(values, shape);
    const quiet = QUIET_ZONE_MODULES * qr.moduleMm;
    expect(qr.x - quiet).toBeGreaterThanOrEqual(0);
    expect(qr.y - quiet).toBeGreaterThanOrEqual(0);
    expect(qr.x + (qr.size * qr.moduleMm) + quiet).toBeLessThanOrEqual(shape.widthMm + 1e-9);
    expect(qr.y + (qr.size * qr.moduleMm) + quiet).toBeLessThanOrEqual(shape.heightMm + 1e-9);
    const dots = (qr.moduleMm / 25.4) * shape.dpi;
    expect(dots).toBeCloseTo(Math.round(dots), 9);
  });

  it('puts every line of text inside the label', () => {
    for (const shape of templates) {
      for (const line of layoutLabel(values, shape).texts) {
        expect(line.baseline).toBeLessThanOrEqual(shape.heightMm);
        expect(line.sizeMm).toBeGreaterThan(0);
      }
    }
  });
});

describe('label PDF', () => {
  it('is a PDF, byte-identical for the same inputs', async () => {
    const first = await renderLabelPdf(values, template, { date });
    const second = await renderLabelPdf(values, template, { date });
    expect(Buffer.from(first.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
  });

  it('records the date it is given and the label size in points', async () => {
    const text = Buffer.from(await renderLabelPdf(values, template, { date })).toString('latin1');
    expect(text).toContain('D:20260304050607Z');
    // 50 × 30 mm = 141.73 × 85.04 pt.
    expect(text).toMatch(/\/MediaBox \[ 0 0 141\.7\d* 85\.03\d* \]/);
    const later = await renderLabelPdf(values, template, { date: new Date('2027-01-01T00:00:00Z') });
    expect(Buffer.from(later).toString('latin1')).not.toContain('D:20260304050607Z');
  });
});

describe('label ZPL', () => {
  it('is one label at the printer resolution with the printer drawing the QR code', () => {
    const zpl = renderLabelZpl(values, template);
    expect(zpl.startsWith('^XA\n')).toBe(true);
    expect(zpl.trimEnd().endsWith('^XZ')).toBe(true);
    expect(zpl).toContain('^PW400\n^LL240');
    expect(zpl).toMatch(/\^BQN,2,\d+,M\^FH\^FDMA,MT:Y\.K9042C00KA0648G00\^FS/);
    expect(zpl).toContain('^FD3497-011-2332^FS');
    expect(renderLabelZpl(values, { ...template, dpi: 300 })).toContain('^PW591\n^LL354');
  });

  it('escapes ^, ~ and _ in text so a serial number cannot start a command', () => {
    const zpl = renderLabelZpl({ ...values, serialNumber: 'A^B~C_D' }, template);
    expect(zpl).toContain('^FH^FDSN A_5EB_7EC_5FD^FS');
    expect(zpl).not.toContain('A^B');
  });
});
