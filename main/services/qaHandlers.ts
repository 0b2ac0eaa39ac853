/** Placeholder until the qa service lands (issue 7). */
import type { MatterlineHandlers } from '../../preload/contract';
import { failure } from '../../preload/contract/errors';
import type { ServiceOptions } from './serviceOptions';

export function createQaHandlers(options: ServiceOptions): MatterlineHandlers['qa'] {
  void options;
  const notYet = () => failure('INTERNAL', 'qa is being built');
  return new Proxy({}, { get: () => notYet }) as MatterlineHandlers['qa'];
}
