import { describe, expect, it } from 'vitest';
import { readImageRange } from '../../../main/firmware';
import { parseDeviceCsr } from '../../../main/matter/dac';
import {
  AGENT_DAC_KEY_ID,
  buildSimulatedFirmware,
  recogniseSimulatedFirmware,
  resolveSimConfig,
  SIM_FIRMWARE_MAGIC,
  SimulatedDebugPort,
  type SimFirmwareKind,
} from '../../../main/sim';
import { openAgentSession } from '../../../main/target';
import { board, expectFailure, unwrap, word } from './simHelpers';

const MG24 = 'EFR32MG24B210F1536IM48';
const MG12 = 'EFR32MG12P332F1024GL125';

/** Programs a simulated image at the flash base the way the station does: page-aligned programFlash. */
async function flash(port: SimulatedDebugPort, kind: SimFirmwareKind, version = 1): Promise<void> {
  const image = unwrap(buildSimulatedFirmware({ kind, part: port.chip.part, version }));
  const segment = image.segments[0]!;
  unwrap(await port.programFlash(segment.address, segment.bytes));
}

async function initAnswers(port: SimulatedDebugPort): Promise<void> {
  const session = unwrap(await openAgentSession(port, { commandTimeoutMs: 500 }));
  const init = unwrap(await session.init());
  expect(init.pageSize).toBe(port.chip.part.memory.pageSize);
  await session.close();
}

describe('simulated firmware images', () => {
  it('put the documented 16-byte header at the part\'s flash base and fill one page', () => {
    const image = unwrap(buildSimulatedFirmware({ kind: 'agent', part: MG24, version: 7 }));
    expect(image.segments).toHaveLength(1);
    const segment = image.segments[0]!;
    expect(segment.address).toBe(0x08000000);
    expect(segment.bytes.length).toBe(0x2000);
    expect(new TextDecoder().decode(segment.bytes.subarray(0, 8))).toBe(SIM_FIRMWARE_MAGIC);
    expect(word(segment.bytes, 8)).toBe(1);
    expect(word(segment.bytes, 12)).toBe(7);
    expect(recogniseSimulatedFirmware(segment.bytes)).toEqual({ kind: 'agent', version: 7 });

    const app = unwrap(buildSimulatedFirmware({ kind: 'app', part: MG12, size: 64 }));
    expect(app.segments[0]!.address).toBe(0);
    expect(app.segments[0]!.bytes.length).toBe(64);
    expect(word(readImageRange(app, 8, 4))).toBe(2);
    expect(recogniseSimulatedFirmware(app.segments[0]!.bytes)).toEqual({ kind: 'app', version: 1 });
  });

  it('refuses a bad part, kind, version or size', () => {
    expect(buildSimulatedFirmware({ kind: 'agent', part: 'EFR32XX' }).ok).toBe(false);
    expectFailure(buildSimulatedFirmware({ kind: 'boot' as SimFirmwareKind, part: MG24 }), 'SIM_CONFIG_INVALID', 'kind');
    expectFailure(buildSimulatedFirmware({ kind: 'agent', part: MG24, version: -1 }), 'SIM_CONFIG_INVALID', 'version');
    expectFailure(buildSimulatedFirmware({ kind: 'agent', part: MG24, size: 18 }), 'SIM_CONFIG_INVALID', 'size 18');
    expectFailure(buildSimulatedFirmware({ kind: 'agent', part: MG24, size: 8 }), 'SIM_CONFIG_INVALID', 'size 8');
  });

  it('tells erased flash and foreign images from ours', () => {
    expect(recogniseSimulatedFirmware(new Uint8Array(16).fill(0xff))).toEqual({ kind: 'none' });
    // A real Cortex-M vector table: initial SP, then the reset vector.
    expect(recogniseSimulatedFirmware(new Uint8Array([0x00, 0x80, 0x02, 0x20, 0x35, 0x12, 0x00, 0x08, 0, 0, 0, 0, 0, 0, 0, 0]))).toEqual({ kind: 'foreign' });
    const unknownKind = unwrap(buildSimulatedFirmware({ kind: 'agent', part: MG24, size: 16 })).segments[0]!.bytes.slice();
    unknownKind[8] = 9;
    expect(recogniseSimulatedFirmware(unknownKind)).toEqual({ kind: 'foreign' });
  });
});

describe('what the simulated chip runs after a reset', () => {
  for (const part of [MG24, MG12]) {
    it(`${part}: an agent image flashed and reset answers Init over RTT`, async () => {
      const port = board({ part });
      expectFailure(await port.openRtt(), 'SIM_RTT_UNAVAILABLE');
      await flash(port, 'agent');
      expectFailure(await port.openRtt(), 'SIM_RTT_UNAVAILABLE'); // nothing runs it until a reset
      unwrap(await port.reset('hardware'));
      expect(port.chip.firmware).toEqual({ kind: 'agent', version: 1 });
      await initAnswers(port);
    });
  }

  it('an application image flashed over the agent: the agent runs until the reset, then nothing answers', async () => {
    const port = board({ part: MG24 });
    await flash(port, 'agent');
    unwrap(await port.reset('system'));
    await flash(port, 'app', 3);
    await initAnswers(port); // still the agent: programming flash does not stop the CPU's program
    unwrap(await port.reset('hardware'));
    expect(port.chip.firmware).toEqual({ kind: 'app', version: 3 });
    expect(port.chip.agent).toBeNull();
    expectFailure(await port.openRtt(), 'SIM_RTT_UNAVAILABLE', 'no agent');
    expectFailure(await openAgentSession(port), 'SIM_RTT_UNAVAILABLE', 'open agent session');
  });

  it('foreign firmware runs nothing we model', async () => {
    const port = board({ part: MG24, agent: true });
    const page = new Uint8Array(0x2000).map((_, i) => (i * 7) & 0xff);
    unwrap(await port.programFlash(0x08000000, page));
    unwrap(await port.reset('hardware'));
    expect(port.chip.firmware).toEqual({ kind: 'foreign' });
    expectFailure(await port.openRtt(), 'SIM_RTT_UNAVAILABLE');
  });

  it('a halt reset starts the firmware only when the core is resumed (go, or DHCSR)', async () => {
    const port = board({ part: MG24 });
    await flash(port, 'agent');
    unwrap(await port.reset('halt'));
    expectFailure(await port.openRtt(), 'SIM_RTT_UNAVAILABLE');
    unwrap(await port.go());
    await initAnswers(port);

    unwrap(await port.reset('halt'));
    expect(port.chip.agent).toBeNull();
    unwrap(await port.writeMemory(0xe000edf0, new Uint8Array([1, 0, 0x5f, 0xa0]))); // C_DEBUGEN without C_HALT: run
    expect(port.chip.agent).not.toBeNull();
    await initAnswers(port);
  });

  it('a board with agent: true runs the agent from power-up and again after every reset', async () => {
    const port = board({ part: MG24, agent: true });
    expect(port.chip.firmware).toEqual({ kind: 'agent', version: 1 });
    await initAnswers(port);
    const first = port.chip.agent;
    unwrap(await port.reset('hardware'));
    expect(port.chip.agent).not.toBe(first); // a fresh agent
    await initAnswers(port);
  });

  it('firmware: app leaves the factory with the application; agent and app together are refused', async () => {
    const port = board({ part: MG24, firmware: 'app' });
    expect(port.chip.firmware).toEqual({ kind: 'app', version: 1 });
    expectFailure(await port.openRtt(), 'SIM_RTT_UNAVAILABLE');
    expectFailure(resolveSimConfig({ part: MG24, agent: true, firmware: 'app' }), 'SIM_CONFIG_INVALID', 'agent: true');
    expectFailure(resolveSimConfig({ part: MG24, firmware: 'boot' as 'app' }), 'SIM_CONFIG_INVALID', 'firmware');
  });

  it('a board loaded from a state runs the firmware in that state', async () => {
    const saved = board({ part: MG24, agent: true }).saveState();
    const port = unwrap(SimulatedDebugPort.create({ part: MG24 }, { state: saved }));
    await initAnswers(port);
    const appState = board({ part: MG24, firmware: 'app' }).saveState();
    const loaded = unwrap(SimulatedDebugPort.create({ part: MG24, agent: true }, { state: appState }));
    expectFailure(await loaded.openRtt(), 'SIM_RTT_UNAVAILABLE');
  });
});

describe('the DAC key across resets', () => {
  it('a key made by CSR before a reset is still the agent\'s after it (and after new firmware), but not after a device erase', async () => {
    const port = board({ part: MG24, agent: true });
    const session = unwrap(await openAgentSession(port, { commandTimeoutMs: 1000 }));
    unwrap(await session.init());
    const csr = unwrap(await session.csr({ vendorId: 0xfff1, productId: 0x8005 }));
    const spki = unwrap(parseDeviceCsr(csr.bytes)).spki;
    expect(port.chip.agent?.publicKey).toEqual(spki);

    unwrap(await port.reset('hardware'));
    expect(port.chip.agent?.hasKey).toBe(true);
    expect(port.chip.agent?.publicKey).toEqual(spki);
    const signature = port.chip.keyStore.sign(AGENT_DAC_KEY_ID, new Uint8Array([1, 2, 3]));
    expect(signature).not.toBeNull();

    await flash(port, 'app');
    unwrap(await port.reset('hardware'));
    expect(port.chip.keyStore.publicKey(AGENT_DAC_KEY_ID)).toEqual(spki); // the application attests with it

    const board2 = board({ part: MG12, agent: true });
    const s2 = unwrap(await openAgentSession(board2, { commandTimeoutMs: 1000 }));
    unwrap(await s2.init());
    unwrap(await s2.csr({ vendorId: 0xfff1, productId: 0x8005 }));
    expect(board2.chip.series1DeviceErase()).toBe(true);
    unwrap(await board2.reset('hardware'));
    expect(board2.chip.keyStore.has(AGENT_DAC_KEY_ID)).toBe(false);
  });
});
