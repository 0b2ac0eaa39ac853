/**
 * The steps after verification: leave the agent, flash the production firmware, apply the debug
 * lock and reset. After the reset a configured lock must be in effect: the reset step reads the
 * lock state back, so a lock that did not take is a failure and not a silent unlocked device.
 */
import { failure, success, type Result } from '../../../preload/contract/errors';
import type { FirmwareImage } from '../../firmware';
import type { DebugPort } from '../../probes/debugPort';
import { applyLock, programImage, readLockStatus, resetTarget, type TargetIdentity } from '../../target';
import type { ProductConfig } from '../config/schema';
import type { StepContext } from './stepRunner';
import type { AgentHandle } from './writeSteps';

const callOptions = (ctx: StepContext) => ({ signal: ctx.signal, timeoutMs: ctx.remainingMs() });

/** Finish tells the agent to leave provisioning mode; a session already gone is fine. */
export async function finishAgent(agent: AgentHandle | null): Promise<void> {
  if (agent === null) return;
  const finished = await agent.session.finish();
  if (!finished.ok) await agent.session.close();
}

export async function flashProductionFirmware(port: DebugPort, identity: TargetIdentity, image: FirmwareImage, ctx: StepContext): Promise<Result<number>> {
  const programmed = await programImage(port, image, identity.pageSize, (p) => ctx.progress(p.doneBytes, p.totalBytes), callOptions(ctx));
  return programmed.ok ? success(programmed.value.bytes) : programmed;
}

type LockSetting = ProductConfig['security']['debugLock'];

export const lockAndReset = {
  async lock(port: DebugPort, mode: Exclude<LockSetting, 'none'>, ctx: StepContext): Promise<Result<string>> {
    const applied = await applyLock(port, mode, callOptions(ctx));
    if (!applied.ok) return applied;
    return success(`${mode} debug lock configured; it takes effect at the reset`);
  },

  async reset(port: DebugPort, mode: LockSetting, ctx: StepContext): Promise<Result<string>> {
    const reset = await resetTarget(port, 'hardware', callOptions(ctx));
    if (!reset.ok) return reset;
    const status = await readLockStatus(port, callOptions(ctx));
    if (!status.ok) return status;
    if (mode === 'none') return status.value.locked ? failure('STATION_LOCK_NOT_EFFECTIVE', 'reset: the chip came back locked, and no lock was configured') : success('chip restarted, debug access open');
    if (!status.value.locked) return failure('STATION_LOCK_NOT_EFFECTIVE', `reset: the ${mode} debug lock is not in effect after the reset`);
    return success(`chip restarted; ${mode} debug lock in effect`);
  },
};
