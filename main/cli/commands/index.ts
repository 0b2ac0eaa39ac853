/** Every command of `matterline`, in the order `--help` lists them. Add a command module here. */
import type { RegisterCommand } from '../context';
import { registerAttestCommand } from './attest';
import { registerCdCommand } from './cd';
import { registerDacCommand } from './dac';
import { registerDoctorCommand } from './doctor';
import { registerImageCommand } from './image';
import { registerOnboardingCommand } from './onboarding';
import { registerProbeCommand } from './probe';
import { registerSimCommand } from './sim';
import { registerSpake2pCommand } from './spake2p';
import { registerWebCommand } from './web';

export const commands: readonly RegisterCommand[] = [registerDoctorCommand, registerWebCommand, registerOnboardingCommand, registerSpake2pCommand, registerDacCommand, registerAttestCommand, registerCdCommand, registerImageCommand, registerProbeCommand, registerSimCommand];
