/** Preflight: the same checks as `matterline doctor`, shown in the window with their fixes. */
import { z } from 'zod';
import { call, feature } from './define';

export const preflightCheckSchema = z.object({
  /** Stable identifier, e.g. `database`, `jlink-library`. */
  name: z.string(),
  /** Human title, e.g. "Database writable". */
  title: z.string(),
  ok: z.boolean(),
  /**
   * A required check that is not ok makes doctor fail (exit code 1). An optional one only warns:
   * a station running on the simulated probe needs no J-Link library.
   */
  required: z.boolean(),
  /** One sentence: what was found. */
  message: z.string(),
  /** One sentence: what to do; null when the check passed. */
  fix: z.string().nullable(),
  /** Raw detail (paths, versions, OS errors), one click away. */
  detail: z.string().optional(),
});
export type PreflightCheck = z.infer<typeof preflightCheckSchema>;

export const preflightReportSchema = z.object({
  /** False when any required check failed. */
  ok: z.boolean(),
  checks: z.array(preflightCheckSchema),
});
export type PreflightReport = z.infer<typeof preflightReportSchema>;

export const preflightContract = feature({
  calls: {
    run: call(z.undefined(), preflightReportSchema),
  },
  events: {
    /** Pushed as each check finishes, so the screen fills in while slow checks run. */
    checkDone: preflightCheckSchema,
  },
});
