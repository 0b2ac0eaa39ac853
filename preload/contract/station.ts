/**
 * The run screen: the station's probes, starting a lot on some of them, cancelling, and the
 * pipeline's progress pushed as it happens (one event per step change, flash progress, device
 * start and end). The window names probes by id only: main owns their addresses (which may name
 * state files), so the renderer never passes a path.
 */
import { z } from 'zod';
import { call, feature } from './define';

export const pipelineStepSchema = z.enum(['connect', 'lock-status', 'identify', 'recognise', 'agent', 'key', 'issue', 'write', 'verify', 'firmware', 'lock', 'reset', 'label', 'record']);
export type PipelineStepName = z.infer<typeof pipelineStepSchema>;

export const probeInfoSchema = z.object({
  /** Stable id the window uses, e.g. "sim-1". */
  id: z.string(),
  /** What the technician sees, e.g. "Simulated MG24 #1". */
  label: z.string(),
  kind: z.enum(['simulated', 'jlink', 'serial']),
  /** One sentence about the board on it, e.g. "a fresh board for each device" or "delivered debug-locked". */
  note: z.string(),
  state: z.enum(['idle', 'busy', 'unavailable']),
  /**
   * A probe with a fixture the technician puts boards on (a bench): the board on it now, if any, and
   * whether this station has worked on it already. Null for a feeder that always has the next board.
   */
  bench: z.object({ board: z.string().nullable(), worked: z.boolean(), simulated: z.boolean() }).nullable(),
});
export type ProbeInfo = z.infer<typeof probeInfoSchema>;

export const deviceOutcomeSchema = z.discriminatedUnion('result', [
  z.object({ result: z.literal('pass'), qrPayload: z.string(), manualCode: z.string() }),
  z.object({ result: z.literal('fail'), step: pipelineStepSchema, code: z.string(), message: z.string(), fix: z.string(), reason: z.string(), deviceState: z.string() }),
  z.object({ result: z.literal('cancelled'), step: pipelineStepSchema, deviceState: z.string() }),
]);
export type DeviceOutcomeView = z.infer<typeof deviceOutcomeSchema>;

export const runStateSchema = z.object({
  runId: z.number().int(),
  lotId: z.number().int(),
  lotName: z.string(),
  probeIds: z.array(z.string()),
  state: z.enum(['running', 'cancelling', 'finished']),
  startedAt: z.string(),
  handsFree: z.boolean(),
});
export type RunState = z.infer<typeof runStateSchema>;

export const stationContract = feature({
  calls: {
    probes: call(z.undefined(), z.array(probeInfoSchema)),
    /** Technician or engineer. Refused while another run is going on these probes. */
    start: call(
      z.object({
        lotId: z.number().int().positive(),
        probeIds: z.array(z.string().min(1)).min(1).max(8),
        /** Bench probes wait for each next board and start on it by themselves until the lot is done or cancelled. */
        handsFree: z.boolean().optional(),
      }),
      runStateSchema,
    ),
    /** The run going on now (for a window that opens mid-run), or null. */
    current: call(z.undefined(), runStateSchema.nullable()),
    cancel: call(z.object({ runId: z.number().int() }), z.null()),
    /** Technician or engineer; simulated bench probes only: what a technician's hands do on a real fixture. */
    placeBoard: call(z.object({ probeId: z.string().min(1) }), probeInfoSchema),
    removeBoard: call(z.object({ probeId: z.string().min(1) }), probeInfoSchema),
  },
  events: {
    deviceStarted: z.object({ runId: z.number().int(), probeId: z.string(), deviceId: z.number().int(), serialNumber: z.string() }),
    step: z.object({ runId: z.number().int(), probeId: z.string(), deviceId: z.number().int(), step: pipelineStepSchema, state: z.enum(['running', 'pass', 'fail', 'skipped']), ms: z.number(), detail: z.string() }),
    /** Hands-free: a bench probe waits for the next board, or for the finished one to be taken off. */
    waiting: z.object({ runId: z.number().int(), probeId: z.string(), waitingFor: z.enum(['board', 'removal']) }),
    progress: z.object({ runId: z.number().int(), probeId: z.string(), deviceId: z.number().int(), step: pipelineStepSchema, done: z.number(), total: z.number() }),
    deviceFinished: z.object({ runId: z.number().int(), probeId: z.string(), deviceId: z.number().int(), serialNumber: z.string(), eui64: z.string().nullable(), ms: z.number(), outcome: deviceOutcomeSchema }),
    /** The run ended: the lot complete, out of boards, too many failures, or cancelled. */
    runFinished: z.object({ runId: z.number().int(), lotId: z.number().int(), complete: z.boolean(), passed: z.number().int(), failed: z.number().int(), lotStatus: z.string(), error: z.object({ code: z.string(), message: z.string(), fix: z.string(), detail: z.string().optional() }).nullable() }),
  },
});
