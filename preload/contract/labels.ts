/**
 * Device labels: a preview (QR + manual code + serial, as SVG drawn by main from the recorded
 * values) and the label to print, as PDF or ZPL (PNG is rasterised by the window from the preview).
 */
import { z } from 'zod';
import { call, feature } from './define';
import { downloadSchema } from './files';

export const labelPreviewSchema = z.object({
  deviceId: z.number().int(),
  serialNumber: z.string(),
  qrPayload: z.string(),
  manualCode: z.string(),
  /** A self-contained SVG document at the label's size. */
  svg: z.string(),
  widthMm: z.number(),
  heightMm: z.number(),
  /** The printer resolution the template is laid out for: a PNG is rasterised at it. */
  dpi: z.number().int().positive(),
});
export type LabelPreview = z.infer<typeof labelPreviewSchema>;

export const labelsContract = feature({
  calls: {
    /** A device that passed (it has its onboarding codes). */
    preview: call(z.object({ deviceId: z.number().int().positive() }), labelPreviewSchema),
    export: call(z.object({ deviceId: z.number().int().positive(), format: z.enum(['pdf', 'zpl']) }), downloadSchema),
  },
  events: {},
});
