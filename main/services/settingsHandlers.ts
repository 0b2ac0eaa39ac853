/** Placeholder until the settings service lands (issue 7). */
import type { MatterlineHandlers } from '../../preload/contract';
import { failure } from '../../preload/contract/errors';
import type { ServiceOptions } from './serviceOptions';

export function createSettingsHandlers(options: ServiceOptions): MatterlineHandlers['settings'] {
  void options;
  const notYet = () => failure('INTERNAL', 'settings is being built');
  return new Proxy({}, { get: () => notYet }) as MatterlineHandlers['settings'];
}
