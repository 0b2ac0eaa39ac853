/** Every command of `matterline`, in the order `--help` lists them. Add a command module here. */
import type { RegisterCommand } from '../context';
import { registerAttestCommand } from './attest';
import { registerAuditCommand } from './audit';
import { registerCdCommand } from './cd';
import { registerConfigCommand } from './config';
import { registerDacCommand } from './dac';
import { registerDemoCommand } from './demo';
import { registerDoctorCommand } from './doctor';
import { registerImageCommand } from './image';
import { registerLotCommand } from './lot';
import { registerOnboardingCommand } from './onboarding';
import { registerOperatorCommand } from './operator';
import { registerProbeCommand } from './probe';
import { registerProbesCommand } from './probes';
import { registerReadbackCommand } from './readback';
import { registerSimCommand } from './sim';
import { registerSpake2pCommand } from './spake2p';
import { registerWebCommand } from './web';

export const commands: readonly RegisterCommand[] = [
  registerDoctorCommand,
  registerDemoCommand,
  registerConfigCommand,
  registerLotCommand,
  registerReadbackCommand,
  registerOperatorCommand,
  registerAuditCommand,
  registerWebCommand,
  registerOnboardingCommand,
  registerSpake2pCommand,
  registerDacCommand,
  registerAttestCommand,
  registerCdCommand,
  registerImageCommand,
  registerProbeCommand,
  registerProbesCommand,
  registerSimCommand,
];
