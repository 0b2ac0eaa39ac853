/** Placeholder until the configs service lands (issue 7). */
import type { MatterlineHandlers } from '../../preload/contract';
import { failure } from '../../preload/contract/errors';
import type { ServiceOptions } from './serviceOptions';

export function createConfigsHandlers(options: ServiceOptions): MatterlineHandlers['configs'] {
  void options;
  const notYet = () => failure('INTERNAL', 'configs is being built');
  return new Proxy({}, { get: () => notYet }) as MatterlineHandlers['configs'];
}
