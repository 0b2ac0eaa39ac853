/**
 * History: find a device by serial, EUI-64, DAC serial or QR payload; a device's attempts, steps and
 * inspections; a lot's report to save; throughput and yield for the charts. Every role may look.
 */
import { z } from 'zod';
import { call, feature } from './define';
import { downloadSchema } from './files';

export const deviceRowSchema = z.object({
  id: z.number().int(),
  serialNumber: z.string(),
  eui64: z.string().nullable(),
  dacSerial: z.string().nullable(),
  qrPayload: z.string().nullable(),
  lotId: z.number().int(),
  lotName: z.string(),
  status: z.string(),
  updatedAt: z.string(),
});
export type DeviceRow = z.infer<typeof deviceRowSchema>;

export const deviceDetailSchema = z.object({
  device: deviceRowSchema.extend({
    manualCode: z.string().nullable(),
    discriminator: z.number().int().nullable(),
    vendorId: z.number().int().nullable(),
    productId: z.number().int().nullable(),
    createdAt: z.string(),
  }),
  attempts: z.array(
    z.object({
      id: z.number().int(),
      probe: z.string(),
      operator: z.string().nullable(),
      startedAt: z.string(),
      endedAt: z.string().nullable(),
      result: z.string(),
      reason: z.string().nullable(),
      steps: z.array(z.object({ step: z.string(), result: z.string(), ms: z.number().nullable(), detail: z.string().nullable() })),
    }),
  ),
  inspections: z.array(z.object({ id: z.number().int(), at: z.string(), result: z.string(), operator: z.string().nullable(), probe: z.string() })),
});
export type DeviceDetail = z.infer<typeof deviceDetailSchema>;

export const lotChartsSchema = z.object({
  /** Devices finished per hour (UTC hour start), passed and failed. */
  throughput: z.array(z.object({ hour: z.string(), passed: z.number().int(), failed: z.number().int() })),
  /** Per lot: passed, failed and passed ÷ finished (null before any finished). */
  yieldByLot: z.array(z.object({ lotId: z.number().int(), lotName: z.string(), passed: z.number().int(), failed: z.number().int(), yield: z.number().nullable() })),
});
export type LotCharts = z.infer<typeof lotChartsSchema>;

export const historyContract = feature({
  calls: {
    /** At most 100 devices, newest first; the text must match a whole value or its start (at least 3 characters). */
    search: call(z.object({ text: z.string().trim().min(3).max(200) }), z.array(deviceRowSchema)),
    device: call(z.object({ id: z.number().int().positive() }), deviceDetailSchema),
    /** All lots, or one. */
    charts: call(z.object({ lotId: z.number().int().positive().optional() }), lotChartsSchema),
    /** The lot report (CSV or JSON, docs/records.md) for the window to save. */
    exportReport: call(z.object({ lotId: z.number().int().positive(), format: z.enum(['csv', 'json']) }), downloadSchema),
  },
  events: {},
});
