/** Every command of `matterline`, in the order `--help` lists them. Add a command module here. */
import type { RegisterCommand } from '../context';
import { registerDoctorCommand } from './doctor';
import { registerWebCommand } from './web';

export const commands: readonly RegisterCommand[] = [registerDoctorCommand, registerWebCommand];
