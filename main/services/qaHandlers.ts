/**
 * QA read-back in the window (PRODUCT.md Workflow step 3): the boards QA can read (qaProbes.ts) and
 * reading one back with the same service as `matterline readback` (inspectBoard): every check, the
 * record found by DAC serial or EUI-64, and the inspection recorded under the signed-in operator.
 * QA and engineers only; a technician provisions but does not inspect.
 */
import type { MatterlineHandlers } from '../../preload/contract';
import { failure, success, type Result } from '../../preload/contract/errors';
import type { OperatorRole } from '../../preload/contract/session';
import type { ReadbackView } from '../../preload/contract/qa';
import { openProbe } from '../probes/open';
import { inspectBoard, recordExpectation } from '../station/qa/inspectBoard';
import { keptBoardAddress, keptBoardProbes } from './qaProbes';
import { readbackViewOf } from './readbackView';
import type { ServiceOptions } from './serviceOptions';
import { signedInWithDatabase } from './sessions';
import { simulatedBoardsFolder } from './stationFolders';
import { provisionedBoardsDir } from './stationHandlers';

const INSPECTORS: readonly OperatorRole[] = ['qa', 'engineer'];

export function createQaHandlers(options: ServiceOptions): MatterlineHandlers['qa'] {
  const { sessions, database } = options;
  const now = options.now ?? ((): Date => new Date());
  // Where runs keep the boards they provisioned (the same folder the station service writes to).
  const keptDir = provisionedBoardsDir(simulatedBoardsFolder(options.userDataDir));
  // One read-back per board at a time: two would both write the board's state file back.
  const reading = new Set<string>();

  return {
    probes: (_input, caller) => {
      const ready = signedInWithDatabase(sessions, database, caller, INSPECTORS, 'listing the boards QA can read back');
      if (!ready.ok) return ready;
      return success(keptBoardProbes(keptDir, ready.value.db));
    },

    readBack: async (input, caller) => {
      const ready = signedInWithDatabase(sessions, database, caller, INSPECTORS, `reading back ${input.probeId}`);
      if (!ready.ok) return ready;
      const { db, operator } = ready.value;
      const address = keptBoardAddress(keptDir, input.probeId);
      if (!address.ok) return address;
      if (reading.has(input.probeId)) return failure('QA_PROBE_BUSY', `${input.probeId} is being read back in another window`);
      reading.add(input.probeId);
      try {
        return await readBack(address.value, input.probeId, operator);
      } finally {
        reading.delete(input.probeId);
      }

      async function readBack(probeAddress: string, probeId: string, who: { id: number; name: string }): Promise<Result<ReadbackView>> {
        const opened = await openProbe(probeAddress);
        if (!opened.ok) return opened;
        try {
          // The probe id, not the file's path, names the probe in the inspection row (the window shows it).
          const inspected = await inspectBoard(db, opened.value.port, { probe: probeId, now: now(), operatorId: who.id, actor: who.name, record: true });
          if (!inspected.ok) return inspected;
          const { device, lot } = inspected.value;
          if (device === null || lot === null) return failure('READBACK_UNKNOWN_DEVICE', `${probeId} holds no device this station provisioned`);
          return success(readbackViewOf({ inspected: inspected.value, device, lot, record: recordExpectation(db, device), operatorName: who.name }));
        } finally {
          await opened.value.save();
          await opened.value.port.close();
        }
      }
    },
  };
}
