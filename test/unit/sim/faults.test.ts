import { describe, expect, it } from 'vitest';
import { AP, SE_COMMAND, SE_RESPONSE, SimulatedDebugPort, SimulatedEfr32 } from '../../../main/sim';
import { FAMILY_BYTE_ADDRESS } from '../../../main/silabs/parts';
import { seededRandom } from '../../support/seededRandom';
import { board, dciCommand, expectFailure, unwrap, word } from './simHelpers';

const MG24 = 'EFR32MG24B210F1536IM48';

describe('injected faults surface as typed errors naming the operation', () => {
  it('disconnect at a named operation: that call and every later one fail', async () => {
    const port = board({ part: MG24, faults: [{ kind: 'disconnect', at: 'programFlash' }] });
    unwrap(await port.readMemory(FAMILY_BYTE_ADDRESS, 1, { width: 8 }));
    const { credentialsPage, pageSize } = port.chip.part.memory;
    expectFailure(await port.programFlash(credentialsPage, new Uint8Array(pageSize)), 'PROBE_DISCONNECTED', 'programFlash');
    expectFailure(await port.readDp(0), 'PROBE_DISCONNECTED', 'readDp: the probe was disconnected during programFlash');
  });

  it('disconnect at the n-th occurrence of an operation', async () => {
    const port = board({ part: MG24, faults: [{ kind: 'disconnect', at: 'readAp', occurrence: 3 }] });
    unwrap(await port.readAp(0, AP.IDR));
    unwrap(await port.readAp(0, AP.IDR));
    expectFailure(await port.readAp(0, AP.IDR), 'PROBE_DISCONNECTED', 'readAp');
  });

  it('disconnect after N bytes cuts a flash programming run part-way', async () => {
    const port = board({ part: MG24, faults: [{ kind: 'disconnect-after-bytes', bytes: 0x3000 }] });
    const { nvm3, pageSize } = port.chip.part.memory;
    const done: number[] = [];
    const result = await port.programFlash(nvm3.base, new Uint8Array(pageSize * 3), { onProgress: (p) => done.push(p.doneBytes) });
    expectFailure(result, 'PROBE_DISCONNECTED', 'programFlash: the probe was disconnected after 12288 bytes');
    expect(done).toEqual([0, pageSize]);
    expectFailure(await port.readMemory(nvm3.base, 4), 'PROBE_DISCONNECTED', 'readMemory');
  });

  it('flash program failure is caught by verify, naming the address', async () => {
    const port = board({ part: MG24 });
    const { credentialsPage, pageSize } = port.chip.part.memory;
    const faulty = board({ part: MG24, faults: [{ kind: 'flash-program-failure', address: credentialsPage }] });
    const data = new Uint8Array(pageSize).fill(0xa5);
    unwrap(await port.programFlash(credentialsPage, data));
    expectFailure(await faulty.programFlash(credentialsPage, data), 'SIM_FLASH_VERIFY_FAILED', 'programFlash: 0x0817E000');
    // Other pages are fine.
    unwrap(await faulty.programFlash(credentialsPage - pageSize, data));
  });

  it('a slow erase runs into the call\'s timeout', async () => {
    const port = board({ part: MG24, faults: [{ kind: 'slow-erase', ms: 60_000 }] });
    const { credentialsPage, pageSize } = port.chip.part.memory;
    expectFailure(await port.programFlash(credentialsPage, new Uint8Array(pageSize), { timeoutMs: 20 }), 'PROBE_TIMEOUT', 'programFlash');
  });

  it('a slow erase is cancelled by the AbortSignal', async () => {
    const port = board({ part: MG24, faults: [{ kind: 'slow-erase', ms: 60_000 }] });
    const { credentialsPage, pageSize } = port.chip.part.memory;
    const controller = new AbortController();
    const pending = port.programFlash(credentialsPage, new Uint8Array(pageSize), { signal: controller.signal, timeoutMs: 120_000 });
    controller.abort();
    expectFailure(await pending, 'PROBE_CANCELLED', 'programFlash');
  });

  it('an already-aborted signal stops any call before it starts', async () => {
    const port = board({ part: MG24 });
    const controller = new AbortController();
    controller.abort();
    expectFailure(await port.readDp(0, { signal: controller.signal }), 'PROBE_CANCELLED', 'readDp');
  });

  it('a wrong part: DEVINFO describes the part actually fitted, not the label', async () => {
    const port = board({ part: MG24, actualPart: 'EFR32MG21A010F1024IM32' });
    expect(port.address).toBe(`sim:${MG24}`);
    expect(word(unwrap(await port.readMemory(0x0fe08004, 4)))).toBe(0x0115000a);
  });

  it('a part delivered locked refuses memory but answers on the DCI', async () => {
    const port = board({ part: MG24, locked: 'standard' });
    expectFailure(await port.readMemory(FAMILY_BYTE_ADDRESS, 1, { width: 8 }), 'PROBE_ACCESS_DENIED', 'readMemory');
    expect((await dciCommand(port, SE_COMMAND.DBG_LOCK_STATUS)).code).toBe(SE_RESPONSE.OK);
  });

  it('refuses faults and timing it cannot use', () => {
    expectFailure(SimulatedDebugPort.create({ part: MG24, faults: [{ kind: 'disconnect', at: 'nope' as 'reset' }] }), 'SIM_CONFIG_INVALID', 'faults[0]');
    expectFailure(SimulatedDebugPort.create({ part: MG24, faults: [{ kind: 'slow-erase', ms: -1 }] }), 'SIM_CONFIG_INVALID', 'faults[0]');
    expectFailure(SimulatedDebugPort.create({ part: MG24, timing: { swdKHz: 0 } }), 'SIM_CONFIG_INVALID', 'timing.swdKHz');
    expectFailure(SimulatedDebugPort.create({ part: 'EFR32MG12P332F1024GL125', locked: 'secure' }), 'SIM_CONFIG_INVALID', 'locked');
    expectFailure(SimulatedDebugPort.create({ part: MG24, locked: 'sideways' as 'standard' }), 'SIM_CONFIG_INVALID', 'locked');
  });

  it('the timing model, when on, still completes every operation', async () => {
    const port = board({ part: MG24, timing: { swdKHz: 50_000, pageEraseMs: 1, wordProgramUs: 1 } });
    const { credentialsPage, pageSize } = port.chip.part.memory;
    unwrap(await port.programFlash(credentialsPage, new Uint8Array(pageSize).fill(1)));
    expect(unwrap(await port.readMemory(credentialsPage, 4))).toEqual(new Uint8Array([1, 1, 1, 1]));
    // Modelled time is charged (what a benchmark reports); it is never asserted against a clock.
    expect(port.modelledTimeMs).toBeGreaterThan(0);
    expect(board({ part: MG24 }).modelledTimeMs).toBe(0);
  });

  it('openRtt says the agent is not there yet; a closed port refuses calls', async () => {
    const port = board({ part: MG24 });
    expectFailure(await port.openRtt(), 'SIM_RTT_UNAVAILABLE', 'openRtt');
    await port.close();
    await port.close();
    expectFailure(await port.readDp(0), 'PROBE_DISCONNECTED', 'readDp');
  });
});

describe('state persistence', () => {
  it('carries flash, Secure Engine state and EUI-64 to a new board', async () => {
    const first = board({ part: MG24, eui64: '00112233aabbccdd' });
    const { credentialsPage, pageSize } = first.chip.part.memory;
    unwrap(await first.programFlash(credentialsPage, new Uint8Array(pageSize).fill(0x42)));
    expect((await dciCommand(first, SE_COMMAND.DBG_LOCK_APPLY)).code).toBe(SE_RESPONSE.OK);
    const saved = first.saveState();

    // The next command opens the same board (its own config's EUI is overridden by the state).
    const second = unwrap(SimulatedDebugPort.create({ part: MG24 }, { state: saved, address: `sim:${MG24}@board.state` }));
    expect(second.address).toBe(`sim:${MG24}@board.state`);
    expect(second.chip.eui64).toBe(0x00112233aabbccddn);
    expect(unwrap(await second.readMemory(credentialsPage, 4))).toEqual(new Uint8Array(4).fill(0x42));
    unwrap(await second.reset('hardware'));
    expectFailure(await second.readMemory(credentialsPage, 4), 'PROBE_ACCESS_DENIED');

    const third = unwrap(SimulatedDebugPort.create({ part: MG24 }, { state: second.saveState() }));
    expectFailure(await third.readMemory(credentialsPage, 4), 'PROBE_ACCESS_DENIED');
  });

  it('keeps the per-word write counts, so the two-writes rule holds across commands', () => {
    const chip = unwrap(SimulatedEfr32.create({ part: MG24 }));
    const address = chip.part.memory.credentialsPage;
    unwrap(chip.mainFlash.programWords(address, new Uint8Array(4).fill(0xf0)));
    unwrap(chip.mainFlash.programWords(address, new Uint8Array(4).fill(0xf0)));
    const again = unwrap(SimulatedEfr32.create({ part: MG24 }));
    unwrap(again.loadState(chip.saveState()));
    expectFailure(again.mainFlash.programWords(address, new Uint8Array(4)), 'SIM_FLASH_WRITE_LIMIT', '0x0817E000');
  });

  it('refuses a state of another part or damaged bytes, changing nothing', () => {
    const mg21 = unwrap(SimulatedEfr32.create({ part: 'EFR32MG21A010F1024IM32' }));
    const chip = unwrap(SimulatedEfr32.create({ part: MG24 }));
    expectFailure(chip.loadState(mg21.saveState()), 'SIM_STATE_INVALID', 'EFR32MG21A010F1024IM32');
    expectFailure(chip.loadState(new Uint8Array([1, 2, 3])), 'SIM_STATE_INVALID');
    const saved = chip.saveState();
    expectFailure(chip.loadState(saved.subarray(0, saved.length - 1)), 'SIM_STATE_INVALID');
    const corrupt = saved.slice();
    corrupt[12] = 0x7b + 1;
    expectFailure(chip.loadState(corrupt), 'SIM_STATE_INVALID', 'JSON');
    expectFailure(SimulatedDebugPort.create({ part: 'EFR32MG21A010F1024IM32' }, { state: saved }), 'SIM_STATE_INVALID');
  });

  it('never throws on a damaged header: every mutation is loaded or refused as SIM_STATE_INVALID', () => {
    const chip = unwrap(SimulatedEfr32.create({ part: 'EFR32MG12P332F1024GL125' }));
    const saved = chip.saveState();
    const jsonLength = new DataView(saved.buffer).getUint32(8, true);
    const header = new TextDecoder().decode(saved.subarray(12, 12 + jsonLength));
    const random = seededRandom(0x5117);
    const replacements = ['null', '1', '"x"', '[]', '{}', '[null]', 'true'];
    for (let i = 0; i < 300; i++) {
      let text: string;
      if (random.chance(0.5)) {
        const at = random.int(header.length);
        text = header.slice(0, at) + String.fromCharCode(32 + random.int(95)) + header.slice(at + 1);
      } else {
        // Replace one JSON value (after a colon) with a value of another shape.
        const colons = [...header.matchAll(/:/g)].map((m) => m.index);
        const at = random.pick(colons) + 1;
        const end = header.slice(at).search(/[,}\]]/);
        text = header.slice(0, at) + random.pick(replacements) + header.slice(at + Math.max(end, 1));
      }
      const json = new TextEncoder().encode(text);
      const bytes = new Uint8Array(saved.length - jsonLength + json.length);
      bytes.set(saved.subarray(0, 8));
      new DataView(bytes.buffer).setUint32(8, json.length, true);
      bytes.set(json, 12);
      bytes.set(saved.subarray(12 + jsonLength), 12 + json.length);
      const fresh = unwrap(SimulatedEfr32.create({ part: 'EFR32MG12P332F1024GL125' }));
      const result = fresh.loadState(bytes);
      if (!result.ok) expect(result.error.code).toBe('SIM_STATE_INVALID');
    }
  });

  it('refuses negative or fractional lengths', async () => {
    const port = board({ part: MG24 });
    expectFailure(await port.readMemory(0x20000000, -1, { width: 8 }), 'SIM_ACCESS_INVALID', 'readMemory');
    expectFailure(await port.readMemory(0x20000000, 1.5, { width: 8 }), 'SIM_ACCESS_INVALID');
  });
});
