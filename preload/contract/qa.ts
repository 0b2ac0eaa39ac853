/**
 * QA read-back in the window (PRODUCT.md Workflow step 3): read a board on a probe, every check with
 * pass/fail, the decoded DAC, PAI and CD, the commissioning values, the onboarding codes, the
 * debug-lock state and the comparison with the station's record; the inspection is recorded.
 * QA and engineers only.
 */
import { z } from 'zod';
import { call, feature } from './define';

export const readbackProbeSchema = z.object({
  /** Stable id the window uses; main owns the address. */
  id: z.string(),
  label: z.string(),
  kind: z.enum(['simulated', 'jlink', 'serial']),
  note: z.string(),
});
export type ReadbackProbe = z.infer<typeof readbackProbeSchema>;

const row = z.object({ label: z.string(), value: z.string() });

export const readbackViewSchema = z.object({
  passed: z.boolean(),
  checks: z.array(z.object({ name: z.string(), status: z.enum(['pass', 'fail', 'skip']), message: z.string() })),
  /** Decoded certificates and CD, each a list of labelled values in reading order. */
  dac: z.array(row),
  pai: z.array(row),
  cd: z.array(row),
  /** Discriminator, iterations, salt, verifier present, serial number, … */
  commissioning: z.array(row),
  onboarding: z.object({ qrPayload: z.string().nullable(), manualCode: z.string().nullable() }),
  lockState: z.string(),
  eui64: z.string().nullable(),
  /** The station's record of the board, compared field by field with what was read. */
  record: z.object({
    deviceId: z.number().int(),
    serialNumber: z.string(),
    lotId: z.number().int(),
    lotName: z.string(),
    status: z.string(),
    comparison: z.array(z.object({ field: z.string(), recorded: z.string(), onBoard: z.string(), match: z.boolean() })),
  }),
  inspection: z.object({ id: z.number().int(), at: z.string(), operator: z.string() }).nullable(),
});
export type ReadbackView = z.infer<typeof readbackViewSchema>;

export const qaContract = feature({
  calls: {
    /** Where a board can be read: the station's probes, and in simulation each board this station provisioned. */
    probes: call(z.undefined(), z.array(readbackProbeSchema)),
    /** Reads the board on the probe, checks it and records the inspection. */
    readBack: call(z.object({ probeId: z.string().min(1) }), readbackViewSchema),
  },
  events: {},
});
