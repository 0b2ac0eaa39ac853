/** Placeholder until the history service lands (issue 7). */
import type { MatterlineHandlers } from '../../preload/contract';
import { failure } from '../../preload/contract/errors';
import type { ServiceOptions } from './serviceOptions';

export function createHistoryHandlers(options: ServiceOptions): MatterlineHandlers['history'] {
  void options;
  const notYet = () => failure('INTERNAL', 'history is being built');
  return new Proxy({}, { get: () => notYet }) as MatterlineHandlers['history'];
}
