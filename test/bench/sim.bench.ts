// npm run bench: the simulated EFR32 with its timing model ON (SWD clock, page erase and word program
// times), so the numbers say how long a station step takes on a real MG24 over a 4 MHz SWD link.
// Tests run the simulator at full speed; nothing here is asserted.
import { bench, describe } from 'vitest';
import { SimulatedDebugPort } from '../../main/sim';
import { identify, programPages, readLockStatus } from '../../main/target';

const PART = 'EFR32MG24B210F1536IM48';
// Datasheet-order figures for Series 2 flash (page erase ~12 ms, word write ~20 us); see docs/simulator.md.
const timing = { swdKHz: 4000, pageEraseMs: 12, wordProgramUs: 20 };
const NVM3_AND_CREDENTIALS = { address: 0x0817_4000, length: 6 * 8192 };

function board(withTiming: boolean): SimulatedDebugPort {
  const created = SimulatedDebugPort.create({ part: PART, ...(withTiming ? { timing } : {}) });
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
}

const image = new Uint8Array(NVM3_AND_CREDENTIALS.length).fill(0x5a);

describe('simulated MG24, timing model on', () => {
  bench('identify + debug-lock status through the DCI', async () => {
    const port = board(true);
    const identity = await identify(port);
    const status = await readLockStatus(port);
    if (!identity.ok || !status.ok) throw new Error('identify failed');
  }, { iterations: 10, time: 0 });

  bench('program NVM3 region + credentials page (48 KiB, 6 pages)', async () => {
    const port = board(true);
    const programmed = await programPages(port, NVM3_AND_CREDENTIALS.address, image);
    if (!programmed.ok) throw new Error(programmed.error.message);
  }, { iterations: 3, time: 0 });
});

describe('simulated MG24, full speed (what the tests see)', () => {
  bench('program NVM3 region + credentials page (48 KiB, 6 pages)', async () => {
    const port = board(false);
    const programmed = await programPages(port, NVM3_AND_CREDENTIALS.address, image);
    if (!programmed.ok) throw new Error(programmed.error.message);
  });
});
