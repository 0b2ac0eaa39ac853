/** Placeholder until the labels service lands (issue 7). */
import type { MatterlineHandlers } from '../../preload/contract';
import { failure } from '../../preload/contract/errors';
import type { ServiceOptions } from './serviceOptions';

export function createLabelsHandlers(options: ServiceOptions): MatterlineHandlers['labels'] {
  void options;
  const notYet = () => failure('INTERNAL', 'labels is being built');
  return new Proxy({}, { get: () => notYet }) as MatterlineHandlers['labels'];
}
